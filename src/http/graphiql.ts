import { readFileSync } from 'node:fs';
import type { GraphiQLOptions, Plugin } from 'graphql-yoga';
import type { ZoneClock } from '../domain/time/zone-clock.js';
import { encoded, graphiqlAssets, type Assets } from './graphiql-assets.js';
import { GRAPHIQL_ASSETS_PATH, GRAPHQL_PATH } from './routes.js';

/** What a person sees first in GraphiQL: the typed Dashboard operation that tests also run. */
export const DEFAULT_QUERY = readFileSync(new URL('../../operations/dashboard.graphql', import.meta.url), 'utf8');

/** yoga passes every option to GraphiQL as props; `variables` is one its type does not list. */
type GraphiQLProps = GraphiQLOptions & { variables?: string };

/** GraphiQL options for a request at `now`: the default range is the previous local day. */
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

function page(options: GraphiQLProps, assets: Assets): string {
  // JSON inside a <script>: no `</script>` or `<!--` may close it early.
  const props = JSON.stringify(options).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${escapeHtml(options.title ?? 'GraphiQL')}</title>
    <link rel="icon" href="${assets.icon.path}" />
    <link rel="stylesheet" href="${assets.style.path}" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>You need to enable JavaScript to run GraphiQL.</noscript>
    <div id="root"></div>
    <script src="${assets.script.path}"></script>
    <script>YogaGraphiQL.renderYogaGraphiQL(document.querySelector('#root'), ${props});</script>
  </body>
</html>
`;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A person's browser opening the endpoint, as opposed to a client asking a query over GET. */
function wantsPage(request: Request, url: URL): boolean {
  return request.method === 'GET' && url.pathname === GRAPHQL_PATH && (request.headers.get('accept') ?? '').includes('text/html') && !url.searchParams.has('query');
}

/**
 * GraphiQL at the GraphQL endpoint for browsers (GRAPHIQL=true): a small page, never cached (its
 * default range is yesterday), and its assets under /graphiql/, compressed and cached for a year.
 * The page and assets need no API key: they hold no data, and the key goes in GraphiQL's headers pane.
 */
export function useGraphiQL(options: () => GraphiQLProps): Plugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      const isAsset = url.pathname.startsWith(GRAPHIQL_ASSETS_PATH);
      if (!isAsset && !wantsPage(request, url)) return;
      return graphiqlAssets().then((all) => {
        if (!isAsset) {
          endResponse(new fetchAPI.Response(page(options(), all), { headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache', 'content-security-policy': "frame-ancestors 'none'" } }));
          return;
        }
        const found = [all.script, all.style, all.icon].find((candidate) => candidate.path === url.pathname);
        if (!found || request.method !== 'GET') return; // the one-door plugin answers 404
        const { body, encoding } = encoded(request, found);
        const headers: Record<string, string> = { 'content-type': found.type, 'cache-control': 'public, max-age=31536000, immutable', vary: 'accept-encoding', 'x-content-type-options': 'nosniff' };
        if (encoding) headers['content-encoding'] = encoding;
        endResponse(new fetchAPI.Response(body, { headers }));
      });
    },
  };
}
