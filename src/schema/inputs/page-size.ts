import { GRAPH_LIMITS } from '../core/limits.js';
import { badUserInput } from '../core/errors.js';

/** The one rule for every page size a client passes (`first`, `last`): 0 to the maximum, or a clear refusal. */
export function checkedPageSize(name: string, size: number | null | undefined): number | null {
  if (size == null) return null;
  if (size < 0 || size > GRAPH_LIMITS.maxPageSize) {
    throw badUserInput(`${name} must be between 0 and ${GRAPH_LIMITS.maxPageSize}; got ${size}.`, { maxPageSize: GRAPH_LIMITS.maxPageSize });
  }
  return size;
}
