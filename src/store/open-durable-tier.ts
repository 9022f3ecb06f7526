import type { Config } from '../config.js';
import type { ZoneClock } from '../domain/time/zone-clock.js';
import type { Logger } from '../logger.js';
import type { KeptCounts } from '../budget/shared-budget.js';
import type { DailyBudget } from '../upstream/daily-budget.js';
import { archiveNamespace, sourceNamespace } from './archive-keys.js';
import { DurableDailyBudget } from '../budget/durable-budget.js';
import { durableShares, type DailyShares } from '../budget/daily-shares.js';
import { setAsideIfDamaged } from './damaged-file.js';
import { LmdbWindowArchive } from './lmdb-archive.js';
import type { DurableTier } from './tiered-window-store.js';

/** What one instance keeps under DATA_DIR: its windows, its daily budget when there is one, principals' daily shares, and the history mirror's count. */
export interface EmbeddedStore extends DurableTier {
  readonly budget: DailyBudget | null;
  readonly shares: DailyShares;
  /** WOLKVOX_BACKFILL_REQUESTS_PER_DAY, counted per local day beside the daily budget. */
  readonly backfillShare: DailyBudget;
  /** The day counts kept here, for a budget counted elsewhere (Redis) that may lose them. */
  readonly dayCounts: KeptCounts;
}

/** The embedded store under DATA_DIR, namespaced for this upstream; start-up stops if it cannot be opened. */
export function openDurableTier(config: Pick<Config, 'dataDir' | 'upstream' | 'timeZone' | 'protection' | 'history'>, clock: ZoneClock, logger: Logger): EmbeddedStore {
  let archive: LmdbWindowArchive;
  try {
    setAsideIfDamaged(config.dataDir, logger);
    archive = LmdbWindowArchive.open(config.dataDir, (error) => logger.error({ err: error, dataDir: config.dataDir }, 'a window could not be written to DATA_DIR; it stays in memory only'));
  } catch (error) {
    logger.fatal({ err: error, dataDir: config.dataDir }, 'DATA_DIR cannot hold the window store (set DATA_DIR to a writable folder)');
    process.exit(1);
  }
  const namespace = archiveNamespace(config.upstream, config.timeZone);
  const { dailyBudget } = config.protection;
  const source = sourceNamespace(config.upstream);
  const budget = dailyBudget > 0 ? new DurableDailyBudget(dailyBudget, archive, `${source}/daily-budget`, clock) : null;
  const backfillShare = new DurableDailyBudget(config.history.requestsPerDay, archive, `${source}/backfill-requests`, clock);
  logger.info({ dataDir: config.dataDir, namespace, bytes: archive.bytes() }, 'durable window store (LMDB) open');
  return { archive, namespace, budget, shares: durableShares(archive, `${source}/principal-shares`, clock), backfillShare, dayCounts: archive };
}
