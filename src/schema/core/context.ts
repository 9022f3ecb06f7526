import type { OperationRangeDays } from '../inputs/range-limits.js';
import type { ZoneClock } from '../../domain/time/zone-clock.js';
import type { RangeFeed } from '../../feed/call-feed.js';
import type { WindowChange } from '../../feed/window-changes.js';
import type { OperationWork } from './operation-work.js';
import type { LiveReports } from '../live/live-reports.js';
import type { SubscriptionSlots } from '../live/subscription-slots.js';
import type { HistoryHoldings } from '../../feed/history.js';

/** Who asks, as the graph's field rules see it (src/access/ authenticates; its row scope is the feed's). */
export interface Viewer {
  /** The principal's name, for messages (never a key). */
  readonly name: string;
  /** May read personal data: telephones, customer ids, comments, unreadable rows' raw text. */
  readonly pii: boolean;
}

/** What every resolver of one operation shares. */
export interface GraphContext {
  /** Who asks: what personal-data rules (schema/core/personal-data.ts) check. */
  readonly viewer: Viewer;
  /** The rows behind this operation (one load per range), within the principal's scope. */
  readonly feed: RangeFeed;
  /** The operation's time zone: upstream dates are wall-clock times there, and so are DAY/HOUR buckets. */
  readonly clock: ZoneClock;
  /** The current instant, from the server's clock (a parameter so that tests can fix it). */
  readonly now: number;
  /** The operation limits of this server (MAX_QUERY_COMPLEXITY…). */
  readonly limits: { readonly complexity: number; readonly depth: number };
  /** The days of calls this operation may still ask for. */
  readonly ranges: OperationRangeDays;
  /** What the operation has cost so far, and the signal that stops its work (client gone, time up, refused). */
  readonly work: OperationWork;
  /** What the history mirror holds (Query.history). */
  readonly history: HistoryHoldings;
  /** What subscriptions read: the changes the background refresh publishes, and a new feed for each. */
  readonly live: LiveSource;
}

export interface LiveSource {
  /** Window changes from now on (every replica's, with REDIS_URL). */
  changes(): AsyncIterableIterator<WindowChange>;
  /** A feed for one event, in the same scope: its own windows and allowance, read from the cache the refresh just filled. */
  feed(): RangeFeed;
  /** What every subscription holds while open: a slot (MAX_SUBSCRIPTIONS, MAX_SUBSCRIPTIONS_PER_PRINCIPAL). */
  readonly slots: SubscriptionSlots;
  /** The reports subscriptions follow, one computation per distinct arguments. */
  readonly reports: LiveReports;
}
