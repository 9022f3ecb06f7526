import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { archiveNamespace } from './archive-keys.js';
import { LmdbWindowArchive } from './lmdb-archive.js';
import type { DurableTier } from './tiered-window-store.js';

/** The embedded durable tier under DATA_DIR, namespaced for this upstream; start-up stops if it cannot be opened. */
export function openDurableTier(config: Pick<Config, 'dataDir' | 'upstream' | 'timeZone'>, logger: Logger): DurableTier {
  let archive: LmdbWindowArchive;
  try {
    archive = LmdbWindowArchive.open(config.dataDir, (error) => logger.error({ err: error, dataDir: config.dataDir }, 'a window could not be written to DATA_DIR; it stays in memory only'));
  } catch (error) {
    logger.fatal({ err: error, dataDir: config.dataDir }, 'DATA_DIR cannot hold the window store (set DATA_DIR to a writable folder)');
    process.exit(1);
  }
  const namespace = archiveNamespace(config.upstream, config.timeZone);
  logger.info({ dataDir: config.dataDir, namespace, bytes: archive.bytes() }, 'durable window store (LMDB) open');
  return { archive, namespace };
}
