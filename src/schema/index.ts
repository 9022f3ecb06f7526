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

/** The whole graph; each imported file adds its types and the root fields that return them. */
export const schema = builder.toSchema({ sortSchema: true });
