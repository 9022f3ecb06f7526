import { decodeGlobalID as decodePothosGlobalID } from '@pothos/plugin-relay';
import { GRAPH_LIMITS } from './limits.js';
import { badUserInput } from './errors.js';

/** The types a Relay global id can name: those that implement `Node` (src/schema/core/node.ts registers each). */
const NODE_TYPES = ['Agent', 'Call', 'Campaign', 'Skill'] as const;
export type NodeTypeName = (typeof NODE_TYPES)[number];

const isNodeType = (name: string): name is NodeTypeName => (NODE_TYPES as readonly string[]).includes(name);

/**
 * A global id is plugin-relay's `base64("<Type>:<id>")` over the type's own stable id, so it holds
 * everything needed to find the object again, in any process, after any restart. Text that is not
 * such an id, or that names a type without identity, is the client's mistake: BAD_USER_INPUT, not a
 * masked internal error (plugin-relay's own decoder throws a plain Error).
 */
export function decodeGlobalId(globalId: string): { typename: NodeTypeName; id: string } {
  let decoded: { typename: string; id: string } | null;
  try {
    decoded = decodePothosGlobalID(globalId);
  } catch {
    decoded = null;
  }
  if (decoded === null || !isNodeType(decoded.typename)) {
    throw badUserInput(`${JSON.stringify(globalId)} is not a global id this API issued; use a \`nodeId\` from an Agent, Call, Campaign or Skill.`);
  }
  return { typename: decoded.typename, id: decoded.id };
}

/** `nodes(ids:)` takes at most a page's worth of ids: each call id may load a window of its own. */
export function checkedNodeIds<Id>(ids: readonly Id[]): Id[] {
  if (ids.length > GRAPH_LIMITS.maxPageSize) {
    throw badUserInput(`nodes takes at most ${GRAPH_LIMITS.maxPageSize} ids; got ${ids.length}. Split them over several operations.`, { maxPageSize: GRAPH_LIMITS.maxPageSize });
  }
  return [...ids];
}
