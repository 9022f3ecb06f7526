import { readFileSync } from 'node:fs';
import type { GraphiQLOptions } from 'graphql-yoga';
import type { ZoneClock } from './domain/zone-clock.js';

/** What a person sees first in GraphiQL: the typed Dashboard operation that tests also run. */
export const DEFAULT_QUERY = readFileSync(new URL('../operations/dashboard.graphql', import.meta.url), 'utf8');

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
