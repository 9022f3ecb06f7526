/**
 * Relay keys its store by the `Node` id field, which is `nodeId` here (relay-compiler's config says so:
 * `schemaConfig.nodeInterfaceIdField`), because `id` is each type's own id, unique per type only. Give
 * the Environment this as `getDataID`; objects without one (stats, pages, reports) get Relay's own client
 * ids under the record and field that hold them.
 */
export const cdrDataID = (fieldValue: Readonly<Record<string, unknown>>): unknown => fieldValue.nodeId;
