import { renameSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../logger.js';
import { ARCHIVE_FILE } from './lmdb-archive.js';
import { lmdbFileDamage } from './lmdb-file-check.js';

/**
 * A damaged window file in `dataDir` is moved aside, kept for whoever wants to look at it, and the
 * server starts with an empty store: what it held is a copy of what wolkvox holds, fetched again when
 * asked for. Opening it instead would crash the process where no error can be caught.
 */
export function setAsideIfDamaged(dataDir: string, logger: Logger, now = new Date()): void {
  const file = join(dataDir, ARCHIVE_FILE);
  const damage = lmdbFileDamage(file);
  if (damage === null) return;
  const kept = `${file}.damaged-${now.toISOString().replaceAll(':', '-')}`;
  renameSync(file, kept);
  logger.warn({ dataDir, kept, damage }, `the window store in DATA_DIR was damaged (${damage}); kept as ${kept}, starting with an empty store (windows are fetched again when asked for)`);
}
