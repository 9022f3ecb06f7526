/**
 * The object types of the wolkvox CDR graph that have no identity of their own: totals, pages, reports
 * and their parts. Each is a value of the field (and arguments) that returned it, e.g. the stats of
 * `Agent:1001` for one range and filter. Normalized caches keep them under that field, and merge what
 * different queries select of them instead of replacing one query's fields with another's; lists merge
 * position by position (the same arguments give the same order).
 *
 * Agent, Call, Campaign and Skill have identity (`id`, per type; `nodeId` across types) and need no entry.
 * A test fails when the schema gains an object type that is in neither group.
 */
export const VALUE_TYPES = [
  'CallConnection',
  'CallEdge',
  'PageInfo',
  'CallStats',
  'InteractionTypeCount',
  'HangUpCount',
  'CallReport',
  'CallGroup',
  'UnreadableRows',
  'UnreadableRow',
  'Interval',
  'DurationPercentile',
  'DurationBucket',
  'HourTraffic',
  'Freshness',
  'CachedWindow',
] as const;

/** The fields that hold lists of value types, by the type that has them. */
export const VALUE_LISTS = {
  CallConnection: ['edges'],
  CallStats: ['callsByHangUp', 'callsByType', 'durationHistogram', 'durationPercentiles'],
  CallReport: ['groups', 'trafficByHour'],
  UnreadableRows: ['rows'],
  Freshness: ['missingWindows', 'openWindows', 'staleWindows'],
} as const satisfies Partial<Record<(typeof VALUE_TYPES)[number], readonly string[]>>;
