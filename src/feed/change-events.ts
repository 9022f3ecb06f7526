import { createPubSub, type PubSub } from 'graphql-yoga';
import type { WindowChange } from './window-changes.js';

type Topics = Record<string, [WindowChange]>;

/** Where window changes travel: in this process by default; through Redis to every replica with REDIS_URL. */
export type ChangeEventTarget = NonNullable<Parameters<typeof createPubSub<Topics>>[0]>['eventTarget'];

/**
 * The window changes the background refresh finds, published once and heard by every subscription (on
 * every replica when the event target is Redis). A yoga PubSub: subscriptions read it, never wolkvox.
 */
export class ChangeEvents {
  private readonly pubSub: PubSub<Topics>;
  private readonly listening = new Set<Required<AsyncIterator<WindowChange>>>();
  private closed = false;

  /** `topic` names the deployment's windows (their namespace), so that deployments sharing a Redis do not hear each other. */
  constructor(
    private readonly topic = 'window-changes',
    eventTarget?: ChangeEventTarget,
  ) {
    this.pubSub = createPubSub<Topics>(eventTarget ? { eventTarget } : {});
  }

  /** Subscriptions listening now. */
  get listeners(): number {
    return this.listening.size;
  }

  publish(change: WindowChange): void {
    this.pubSub.publish(this.topic, change);
  }

  /**
   * The changes published from now on. The listener is in place when this returns (the PubSub starts
   * listening on the first `next()`, which is asked for here), so a change published right after a
   * subscription is accepted is not missed.
   */
  listen(): AsyncIterableIterator<WindowChange> {
    const source = this.pubSub.subscribe(this.topic)[Symbol.asyncIterator]();
    let pending: Promise<IteratorResult<WindowChange>> | null = source.next();
    // Ending a subscription only removes its listener (a failed Redis UNSUBSCRIBE is handled where it is sent).
    if (this.closed) void source.return?.();
    else this.listening.add(source);
    return {
      next: () => {
        const next = pending ?? source.next();
        pending = null;
        return next;
      },
      return: async () => {
        pending = null;
        this.listening.delete(source);
        return (await source.return?.()) ?? { done: true, value: undefined };
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  /**
   * Ends every subscription (at shutdown): their SSE responses complete, so that draining does not wait
   * for streams that never end, and clients reconnect to another instance.
   */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.listening].map((source) => source.return()));
    this.listening.clear();
  }
}
