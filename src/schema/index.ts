import { builder } from './core/builder.js';
import './core/scalars.js';
import './inputs/inputs.js';
import './calls/call.js';
import './reports/call-stats.js';
import './calls/call-connection.js';
import './calls/unreadable-rows.js';
import './owners/agent.js';
import './owners/campaign.js';
import './owners/skill.js';
import './reports/call-report.js';
import './core/node.js';
import './reports/interval.js';
import './reports/history-mirror.js';
import './live/live.js';
import { isolateEntities } from './core/entities.js';

/** The Federation spec version the subgraph links: one that composition and gateways accept (tested). */
const FEDERATION_LINK = 'https://specs.apollo.dev/federation/v2.3';

/**
 * The served schema: the graph that each imported file adds to, plus Federation's `_entities` and
 * `_service`, so that one server answers clients and gateways alike.
 */
export const schema = isolateEntities(builder.toSubGraphSchema({ linkUrl: FEDERATION_LINK, sortSchema: true }));

/** The graph clients use, without Federation's plumbing: what schema.graphql holds. */
export const clientSchema = builder.toSchema({ sortSchema: true });
