import type { Registry } from 'prom-client';
import type { HistoryHoldings, HistoryStatus } from '../feed/history.js';
import { scrapedMetric } from '../prometheus.js';
import type { MirrorStats } from './history-mirror.js';

/** The history mirror's progress (its status read once per scrape, however many gauges read it) and its work. */
export function watchHistory(registry: Registry, history: HistoryHoldings, stats: MirrorStats): void {
  const stat = (name: string, help: string, read: () => number) => scrapedMetric(registry, name, help, read);
  let scrape: { readonly at: number; readonly status: HistoryStatus } | undefined;
  const status = () => (scrape && performance.now() - scrape.at < 1_000 ? scrape : (scrape = { at: performance.now(), status: history.status() })).status;
  stat('history_days_wanted', 'Settled days the history mirror keeps (WOLKVOX_HISTORY_DAYS).', () => status().wantedDays);
  stat('history_days_held', 'Of those, the days held whole in the durable tier.', () => status().heldDays);
  stat('history_requests_today', 'wolkvox requests the history mirror spent today.', () => status().requestsToday);
  stat('history_requests_per_day', 'wolkvox requests the history mirror may spend per local day (WOLKVOX_BACKFILL_REQUESTS_PER_DAY).', () => status().requestsPerDay);
  stat('history_estimated_complete_seconds', 'When the mirror expects to hold every wanted day, as a Unix time; 0 when complete or unknown.', () => (status().estimatedCompleteAt ?? 0) / 1000);
  stat('history_backfill_requests_total', "Requests this instance's history mirror sent (attempts, counted against its share).", () => stats.requests);
  stat('history_backfill_windows_total', "Windows this instance's history mirror fetched and stored.", () => stats.windows);
}
