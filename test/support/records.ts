import type { CallColumns } from '../../src/domain/columns/call-columns.js';
import type { CallRecord } from '../../src/domain/model/call-record.js';

/** Every leg of `columns` as a CallRecord, in order. */
export const recordsOf = (columns: CallColumns): CallRecord[] => Array.from({ length: columns.length }, (_, i) => columns.record(i));
