import { Environment, Network, RecordSource, Store, type FetchFunction, type GraphQLResponse } from 'relay-runtime';

/**
 * Relay keys its store by the Node id. Here that is `nodeId` (relay.config.json: `schemaConfig.
 * nodeInterfaceIdField`), because `id` is each type's own id, unique per type only; objects without
 * one (stats, pages, reports) get Relay's own client ids under the record and field that hold them.
 */
export const cdrDataID = (fieldValue: Record<string, unknown>): unknown => fieldValue.nodeId;

/** A Relay environment for the graph at `url` (add your `Authorization` header when the server requires API keys). */
export function createCdrRelayEnvironment(url: string, headers: Record<string, string> = {}): Environment {
  const fetchGraph: FetchFunction = async (request, variables) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: JSON.stringify({ query: request.text, variables }),
    });
    return (await response.json()) as GraphQLResponse;
  };
  return new Environment({ network: Network.create(fetchGraph), store: new Store(new RecordSource()), getDataID: cdrDataID });
}
