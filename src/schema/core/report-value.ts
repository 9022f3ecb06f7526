import type { CallReport } from '../../domain/report/call-report.js';
import type { CallSlice } from '../../feed/call-slice.js';

/** A `CallReport`'s value in the graph: the slice it came from (names, unreadable rows, freshness, traffic) and its totals. */
export interface ReportValue {
  readonly slice: CallSlice;
  readonly computed: CallReport;
}
