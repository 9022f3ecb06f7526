import type { WindowSettings } from '../config.js';
import type { ZoneClock } from '../domain/time/zone-clock.js';
import { FreshnessPolicy } from '../feed/freshness.js';
import type { ChangeEventTarget } from '../feed/change-events.js';
import type { SharedSpans } from '../feed/window-engine.js';
import type { Logger } from '../logger.js';
import type { Secret } from '../secret.js';
import type { DailyBudget } from '../upstream/daily-budget.js';
import { SharedState } from './redis-connection.js';
import { backfillTurns, refreshTurns, type WorkTurn } from './refresh-turns.js';
import { SharedDailyBudget, type KeptCounts } from '../budget/shared-budget.js';
import { sharedShares, type DailyShares } from '../budget/daily-shares.js';
import { sharedChangeEvents } from './shared-events.js';
import { SharedTokenGate } from './shared-gate.js';
import { SharedSpanLoader } from './shared-spans.js';
import { SharedWindows } from './shared-windows.js';
import { SharedRollups } from './shared-rollups.js';

/** Beyond the whole-request deadline, how long a dead holder's lease still blocks the token. */
const LEASE_MARGIN_MS = 10_000;
/** How long a fetch may wait for the shared token (the local gate's default wait too). */
const MAX_GATE_WAIT_MS = 5 * 60_000;

export interface ReplicaSettings {
  readonly redisUrl: Secret;
  /** `cdr/k1/<source>`: the token's keys (gate, budget). */
  readonly sourceNamespace: string;
  /** `cdr/k1/<source>/<zone>`: its windows. */
  readonly windowNamespace: string;
  readonly windows: Pick<WindowSettings, 'refreshMs' | 'settleMs'>;
  readonly maxInFlight: number;
  /** WOLKVOX_TIMEOUT_MS: the lease outlasts it. */
  readonly timeoutMs: number;
  readonly dailyBudget: number;
  /** WOLKVOX_BACKFILL_REQUESTS_PER_DAY: the history mirror's share, counted for all replicas. */
  readonly backfillRequestsPerDay?: number;
  /** Where this replica keeps the largest day count it has seen (its DATA_DIR), should Redis lose it. */
  readonly keptCounts?: KeptCounts;
  readonly clock: ZoneClock;
  readonly logger: Logger;
  readonly now?: () => number;
}

/** What a replica shares with the others through Redis, wired once (REDIS_URL). */
export interface Replicas {
  readonly spans: SharedSpans;
  readonly budget: DailyBudget | null;
  /** The history mirror's requests today, whichever replica backfills (absent without a share). */
  readonly backfillShare: DailyBudget | null;
  /** Principals' daily shares of wolkvox, counted in Redis for every replica. */
  readonly shares: DailyShares;
  readonly state: SharedState;
  /** `cdr/k1/<source>/<zone>`: where the shared windows (and what is kept beside them) live in Redis. */
  readonly windowNamespace: string;
  readonly windows: SharedWindows;
  /** The day roll-ups replicas share. */
  readonly rollups: SharedRollups;
  readonly gate: SharedTokenGate;
  /** Whether this replica runs the background refresh on this tick. */
  readonly refreshTurn: () => Promise<boolean>;
  /** This replica's turn to backfill the history mirror, or null while another replica has it. */
  readonly backfillTurn: () => Promise<WorkTurn | null>;
  /** Where window changes reach every replica's subscribers, and the topic they go by. */
  readonly changes: { readonly target: ChangeEventTarget; readonly topic: string };
  notReadyReason(): string | null;
  close(): Promise<void>;
}

export function connectReplicas(settings: ReplicaSettings): Replicas {
  const { logger, sourceNamespace } = settings;
  const now = settings.now ?? Date.now;
  const state = new SharedState(settings.redisUrl, logger);
  const windows = new SharedWindows(state, settings.windowNamespace, new FreshnessPolicy(settings.windows), now, logger);
  const rollups = new SharedRollups(state, settings.windowNamespace, logger);
  const gate = new SharedTokenGate(state, `${sourceNamespace}/token-gate`, { limit: settings.maxInFlight, leaseMs: settings.timeoutMs + LEASE_MARGIN_MS, maxWaitMs: MAX_GATE_WAIT_MS }, logger);
  const changes = sharedChangeEvents(state, logger);
  const budget = settings.dailyBudget > 0 ? new SharedDailyBudget(settings.dailyBudget, state, `${sourceNamespace}/daily-budget`, settings.clock, now, settings.keptCounts) : null;
  return {
    spans: new SharedSpanLoader(windows, gate, logger),
    budget,
    backfillShare:
      settings.backfillRequestsPerDay === undefined ? null : new SharedDailyBudget(settings.backfillRequestsPerDay, state, `${sourceNamespace}/backfill-requests`, settings.clock, now, settings.keptCounts),
    shares: sharedShares(state, `${sourceNamespace}/principal-shares`, settings.clock, now, settings.keptCounts),
    state,
    windowNamespace: settings.windowNamespace,
    windows,
    rollups,
    gate,
    refreshTurn: refreshTurns(state, `${settings.windowNamespace}/refresh-turn`, settings.windows.refreshMs),
    backfillTurn: backfillTurns(state, `${settings.windowNamespace}/backfill-turn`),
    changes: { target: changes.target, topic: `${settings.windowNamespace}/window-changes` },
    notReadyReason: () => state.notReadyReason(),
    close: async () => {
      await rollups.flushed();
      changes.close();
      await state.close();
    },
  };
}
