import { builder } from './builder.js';
import './scalars.js';
import './inputs.js';
import './call.js';
import './call-stats.js';
import './call-connection.js';
import './unreadable-rows.js';
import './agent.js';
import './campaign.js';
import './skill.js';
import './call-report.js';
import './node.js';
import './interval.js';
import './live.js';
import { isolateEntities } from './entities.js';

/** The Federation spec version the subgraph links: one that composition and gateways accept (tested). */
export const FEDERATION_LINK = 'https://specs.apollo.dev/federation/v2.3';

/**
 * The served schema: the graph that each imported file adds to, plus Federation's `_entities` and
 * `_service`, so that one server answers clients and gateways alike.
 */
export const schema = isolateEntities(builder.toSubGraphSchema({ linkUrl: FEDERATION_LINK, sortSchema: true }));

/** The graph clients use, without Federation's plumbing: what schema.graphql holds. */
export const clientSchema = builder.toSchema({ sortSchema: true });
