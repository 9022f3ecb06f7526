import type { GraphiQLOptions } from 'graphql-yoga';
import type { ZoneClock } from './domain/zone-clock.js';

/** What a person sees first in GraphiQL: a report, a page of calls and the agents, over yesterday. */
export const DEFAULT_QUERY = `# Yesterday's calls in the operation's time zone: totals per campaign, and the first page of legs.
# Edit the range in Variables below; every field is documented in the Docs pane.
query Dashboard($range: DateRange!) {
  callReport(range: $range, groupBy: [CAMPAIGN]) {
    total { calls totalCost totalDurationSeconds averageDurationSeconds }
    groups { campaign { id } stats { calls totalCost } }
  }
  calls(range: $range, first: 5) {
    totalCount
    edges { node { id date type agent { id name } cost durationSeconds } }
    pageInfo { hasNextPage endCursor }
  }
}
`;

/** GraphiQL options for a request at `now`: the default range is the previous local day. */
export function graphiqlOptions(clock: ZoneClock, now: number): GraphiQLOptions {
  const today = clock.at(now).startOf('day');
  const yesterday = today.minus({ days: 1 });
  const variables = { range: { from: yesterday.toISO(), to: today.toISO() } };
  return {
    title: 'wolkvox CDR graph',
    defaultTabs: [{ query: DEFAULT_QUERY, variables: JSON.stringify(variables, null, 2) }],
    defaultEditorToolsVisibility: 'variables',
  };
}
