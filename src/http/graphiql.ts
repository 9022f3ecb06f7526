import { readFileSync } from 'node:fs';
import type { GraphiQLOptions } from 'graphql-yoga';
import type { ZoneClock } from '../domain/zone-clock.js';

/** What a person sees first in GraphiQL: the typed Dashboard operation that tests also run. */
export const DEFAULT_QUERY = readFileSync(new URL('../../operations/dashboard.graphql', import.meta.url), 'utf8');

/** GraphiQL options for a request at `now`: the default range is the previous local day. */
/** yoga passes every option to GraphiQL as props; `variables` is one its type does not list. */
type GraphiQLProps = GraphiQLOptions & { variables?: string };

export function graphiqlOptions(clock: ZoneClock, now: number): GraphiQLProps {
  const today = clock.at(now).startOf('day');
  const yesterday = today.minus({ days: 1 });
  const variables = { range: { from: yesterday.toISO(), to: today.toISO() } };
  const variablesText = JSON.stringify(variables, null, 2);
  return {
    title: 'wolkvox CDR graph',
    defaultTabs: [{ query: DEFAULT_QUERY, variables: variablesText }],
    // GraphiQL's variables editor starts from `variables`, not from the default tab's; give it both.
    variables: variablesText,
    defaultEditorToolsVisibility: 'variables',
  };
}
