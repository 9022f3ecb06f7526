/**
 * A list item that cannot fail as a promise. graphql-jit 0.8 completes a list item whose promise
 * rejects by appending `null` to the list instead of writing its own index (`resultArray.push(null)`),
 * so a list of n items came back longer than n with its errors at the wrong indexes. Both executors
 * complete an item whose value is an Error as a null at its index with that error, so list resolvers
 * that load item by item (`_entities`, `nodes`) hand their failures over as values.
 *
 * The type stays `T`: resolver types (Pothos') have no place for an Error value, which only the
 * executor ever sees.
 */
export function settled<T>(item: T | Promise<T>): T | Promise<T> {
  return item instanceof Promise ? (item.catch(asError) as Promise<T>) : item;
}

function asError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}
