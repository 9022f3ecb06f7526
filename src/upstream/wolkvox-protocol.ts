import { DAY_MS } from '../domain/time/time-range.js';

/**
 * wolkvox's v2 `cdr_1` report as wolkvox defines it, stated once: the client speaks it and the simulator
 * answers it. The limits are those wolkvox documents for its v2 reports; the wall-clock date format of
 * `date_ini`/`date_end` lives with the other wire dates in `wire-dates.ts`.
 */

export const REPORT_PATH = '/api/v2/reports_manager.php';

/** The `api` parameter that selects the call-detail-record report. */
export const CDR_REPORT = 'cdr_1';

/** Rows one answer holds at most: an answer with this many may have been cut short. */
export const MAX_ROWS_PER_RESPONSE = 60_000;

/**
 * Bytes one answer may take before it is refused (UPSTREAM_BAD_DATA) rather than read: an answer at the
 * row cap is about 27 MB, so this leaves room for long comments and names, and bounds what a broken or
 * hostile upstream can make this process hold.
 */
export const MAX_ANSWER_BYTES = 256 * 2 ** 20;

/** The longest range one request may ask for. */
export const MAX_SPAN_DAYS = 31;
export const MAX_SPAN_MS = MAX_SPAN_DAYS * DAY_MS;
