import type { Client } from 'graphql-sse';
import { expect } from 'vitest';
import { closeAfterFile } from './cleanup.js';

export interface Event<T> { data?: T | null; errors?: readonly { message: string; extensions?: Record<string, unknown> | undefined }[] }

/** A subscription over a real SSE connection, resolved once the server has accepted it. */
export async function subscribe<T>(client: Client, query: string, variables: Record<string, unknown> = {}): Promise<AsyncIterableIterator<Event<T>, undefined>> {
  let accepted!: () => void;
  const connected = new Promise<void>((resolve) => (accepted = resolve));
  const events = client.iterate<T>({ query, variables }, { connected: () => accepted() });
  // The request is sent when the first event is asked for; that first `next` is kept for the caller.
  const first = events.next();
  await Promise.race([connected, first]);
  let pending: Promise<IteratorResult<Event<T>>> | null = first;
  closeAfterFile(() => events.return?.());
  const iterator: AsyncIterableIterator<Event<T>, undefined> = {
    next: () => {
      const next = pending ?? events.next();
      pending = null;
      return next;
    },
    // Ends the subscription: the client closes its SSE connection.
    return: async () => (await events.return?.()) ?? { done: true, value: undefined },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

export const nextData = async <T>(events: AsyncIterableIterator<Event<T>, undefined>): Promise<T> => {
  const { value } = await events.next();
  expect(value?.errors, JSON.stringify(value?.errors)).toBeUndefined();
  return value!.data!;
};

