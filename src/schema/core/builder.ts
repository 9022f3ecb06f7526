import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import DirectivePlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import type { Decimal, DecimalText } from '../../domain/model/decimal.js';
import type { IsoDateTime } from '../../domain/time/zone-clock.js';
import { complexityError, fieldComplexity } from './complexity.js';
import type { GraphContext } from './context.js';
import { GRAPH_LIMITS } from './limits.js';
import { checkedNodeIds, decodeGlobalId } from './global-id.js';
import { personalDataRefusal } from './personal-data.js';

/** The one builder: every plugin and scalar is declared here; type files add to it. */
export const builder = new SchemaBuilder<{
  Context: GraphContext;
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: false;
  Scalars: {
    /** In: epoch ms; out: ISO text already in the operation's zone (ZoneClock.iso). */
    DateTime: { Input: number; Output: IsoDateTime };
    Decimal: { Input: DecimalText; Output: Decimal | DecimalText };
  };
  /** Field rules (plugin-scope-auth): personal data is for principals granted `pii`. */
  AuthScopes: { personalData: boolean };
}>({
  // Scope auth first, so that no other plugin's wrapper runs before a field is allowed (its documentation
  // asks for this order); Federation last: it wraps what the others build (its own documentation again).
  plugins: [ScopeAuthPlugin, ComplexityPlugin, DirectivePlugin, RelayPlugin, FederationPlugin],
  scopeAuth: {
    // A subscription with a forbidden filter is refused when it starts, not at its first event.
    authorizeOnSubscribe: true,
    authScopes: (ctx) => ({ personalData: ctx.viewer.pii }),
    unauthorizedError: (_parent, ctx, info) => personalDataRefusal(`${info.parentType.name}.${info.fieldName}`, ctx.viewer),
  },
  defaultFieldNullability: false,
  complexity: {
    fieldComplexity,
    complexityError,
    // Per server: MAX_QUERY_COMPLEXITY and MAX_QUERY_DEPTH (GraphQL Armor enforces them again at validation).
    limit: (ctx) => ({ complexity: ctx.limits.complexity, depth: ctx.limits.depth }),
  },
  relay: {
    // `id` stays each type's own id (wolkvox's, a Call's self-locating id) because Federation keys and
    // every client filter use it; the Relay global id lives beside it, under the name Node gives it.
    idFieldName: 'nodeId',
    decodeGlobalID: decodeGlobalId,
    nodeTypeOptions: {
      description: 'An object with a Relay global id (`nodeId`), which `node(id:)` and `nodes(ids:)` find again: Agent, Call, Campaign, Skill.',
    },
    idFieldOptions: {
      description: 'Relay global id: opaque, unique across types, and valid after restarts. `id` is the type\'s own id (Federation keys and filters use it).',
    },
    // A gateway cannot tell from an opaque id which subgraph owns it, so `node`/`nodes` are kept from the
    // supergraph's API (@inaccessible), and may be defined by other subgraphs too (@shareable): README, Federation.
    nodeQueryOptions: {
      description: 'The object with this global id (`nodeId`), or null when it no longer exists. Agents, campaigns and skills resolve without an upstream request.',
      args: { id: { description: 'A `nodeId` this API returned.' } },
      shareable: true,
      inaccessible: true,
    },
    nodesQueryOptions: {
      description: 'The objects with these global ids, in the same order; null for each that no longer exists. Calls are found together (their windows load as one batch).',
      args: { ids: { description: `\`nodeId\`s this API returned; at most ${GRAPH_LIMITS.maxPageSize}.` } },
      resolve: (_root, args, _ctx, _info, resolveNodes) => resolveNodes(checkedNodeIds(args.ids)),
      shareable: true,
      inaccessible: true,
    },
    pageInfoTypeOptions: { description: 'Where a page sits in the whole list (Relay cursor connections).' },
    hasNextPageFieldOptions: { description: 'More legs follow this page.' },
    hasPreviousPageFieldOptions: { description: 'Legs precede this page.' },
    startCursorFieldOptions: { description: 'Cursor of the first leg of the page; null when the page is empty.' },
    endCursorFieldOptions: { description: 'Cursor of the last leg of the page; pass it as `after` for the next page.' },
    edgesFieldOptions: { description: 'The legs of this page, in (date, id) order.' },
    pageInfoFieldOptions: { description: 'How to ask for the next or previous page.' },
    cursorFieldOptions: { description: 'Opaque position of this leg; valid for the same range and filter.' },
    nodeFieldOptions: { description: 'The call leg.' },
    firstArgOptions: { description: 'Page size from the start or from `after`.' },
    afterArgOptions: { description: 'Cursor to start after (from `pageInfo.endCursor`).' },
    lastArgOptions: { description: 'Page size counted back from the end or from `before`.' },
    beforeArgOptions: { description: 'Cursor to end before (from `pageInfo.startCursor`).' },
  },
});

builder.queryType({ description: 'Call-detail records from wolkvox (`cdr_1`), and what they add up to.' });

export type Types = typeof builder.$inferSchemaTypes;
