/**
 * What a normalized cache needs to know of the wolkvox CDR graph, by type.
 *
 * Entities have identity: `id` is unique per type (wolkvox's agent_id…, a call's self-locating id), what
 * Apollo (`Agent:1001`) and graphcache key by; `nodeId` (Relay's `Node` id) is unique across types.
 *
 * Every other object type is a value of the field (and arguments) that returned it, e.g. the stats of
 * `Agent:1001` for one range and filter: totals, pages, reports and their parts. Caches keep them under
 * that field and merge what different queries select of them instead of replacing one query's fields with
 * another's; lists of values merge position by position (the same arguments list the same things in the
 * same order). A test of the repository fails when the schema gains an object type in neither group.
 */
export const ENTITY_TYPES = ['Agent', 'Call', 'Campaign', 'Skill'] as const;

/** The value types, each with the fields that hold lists of values. */
export const VALUE_LISTS = {
  CallConnection: ['edges'],
  CallEdge: [],
  PageInfo: [],
  CallStats: ['callsByHangUp', 'callsByType', 'durationHistogram', 'durationPercentiles'],
  InteractionTypeCount: [],
  HangUpCount: [],
  CallReport: ['groups', 'trafficByHour'],
  CallGroup: [],
  UnreadableRows: ['rows'],
  UnreadableRow: [],
  Interval: [],
  DurationPercentile: [],
  DurationBucket: [],
  HourTraffic: [],
  Freshness: ['missingWindows', 'openWindows', 'staleWindows'],
  CachedWindow: [],
  HistoryMirror: ['missing'],
} as const satisfies Record<string, readonly string[]>;

export type ValueType = keyof typeof VALUE_LISTS;

export const VALUE_TYPES = Object.keys(VALUE_LISTS) as ValueType[];
