import type { SharedFeed } from '../../feed/call-feed.js';
import type { ChangeEvents } from '../../feed/change-events.js';
import type { LiveSource } from '../core/context.js';
import type { WorkLimits } from '../core/operation-work.js';
import { LiveReports } from './live-reports.js';
import { SubscriptionSlots } from './subscription-slots.js';

export interface LiveSourceOptions {
  readonly feed: SharedFeed;
  readonly changes: ChangeEvents;
  readonly limits: WorkLimits;
  /** MAX_SUBSCRIPTIONS and MAX_SUBSCRIPTIONS_PER_PRINCIPAL. */
  readonly maxSubscriptions: number;
  readonly maxSubscriptionsPerPrincipal: number;
  /** Told of every step of report work (the metrics count them). */
  readonly onStep?: () => void;
}

/** What every operation's subscriptions share; each operation adds the feed of its own principal. */
export type SharedLiveSource = Omit<LiveSource, 'feed'>;

/** What one server's subscriptions share: the changes, their slots, the live reports. */
export function createLiveSource(options: LiveSourceOptions): SharedLiveSource {
  const { feed, changes, limits, onStep } = options;
  return {
    changes: () => changes.listen(),
    slots: new SubscriptionSlots(options.maxSubscriptions, options.maxSubscriptionsPerPrincipal),
    reports: new LiveReports({ feed, changes: () => changes.listen(), limits, ...(onStep && { onStep }) }),
  };
}
