/** Limits of the graph itself (ranges, pages, lookups), stated in the schema's descriptions. */
export const GRAPH_LIMITS = {
  defaultPageSize: 100,
  maxPageSize: 1000,
  /** How far back `agent(id)`, `campaign(id)` and `skill(id)` look for an id, in days. */
  lookupDays: 31,
  /** Values in each list of a CallFilter: more ids than a report grouped by that dimension would show are not a filter. */
  maxFilterValues: 1000,
} as const;
