import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FreshnessPolicy } from '../../src/feed/freshness.js';
import { DiskMirrorTier } from '../../src/mirror/mirror-tier.js';
import { ARCHIVE_FILE, LmdbWindowArchive } from '../../src/store/lmdb-archive.js';
import { TieredWindowStore } from '../../src/store/tiered-window-store.js';
import { MemoryDailyBudget } from '../../src/budget/memory-budget.js';
import { ZoneClock } from '../../src/domain/time/zone-clock.js';
import { tempDataDir } from '../support/mirror.js';

const NAMESPACE = 'test/held-days';
const opened: LmdbWindowArchive[] = [];
afterAll(async () => {
  await Promise.all(opened.map((archive) => archive.close()));
});

function diskTier(dataDir: string): { tier: DiskMirrorTier; archive: LmdbWindowArchive } {
  const archive = LmdbWindowArchive.open(dataDir);
  opened.push(archive);
  const store = new TieredWindowStore(1_000_000, { archive, namespace: NAMESPACE });
  const share = new MemoryDailyBudget(100, new ZoneClock('America/Bogota'));
  const tier = new DiskMirrorTier(store, archive, `${NAMESPACE}/mirror/held-days`, share, new FreshnessPolicy({ refreshMs: 300_000, settleMs: 7_200_000 }));
  return { tier, archive };
}

describe('the days the disk tier lists as held', () => {
  // Two spans in flight may each complete days at once: found by a restart that held 1 of 5 mirrored days.
  it('keeps every day of two lists marked at once, across a restart', async () => {
    const dataDir = tempDataDir();
    const first = diskTier(dataDir);
    await Promise.all([first.tier.markHeld(['2025-03-01', '2025-03-02']), first.tier.markHeld(['2025-03-03']), first.tier.markHeld(['2025-02-28'])]);
    expect(await first.tier.heldDates()).toEqual(['2025-02-28', '2025-03-01', '2025-03-02', '2025-03-03']);
    await first.archive.close();
    opened.splice(opened.indexOf(first.archive), 1);

    const restarted = diskTier(dataDir);
    expect(await restarted.tier.heldDates()).toEqual(['2025-02-28', '2025-03-01', '2025-03-02', '2025-03-03']);
  });

  // A crash right after the days were reported held (history, /metrics) found 2 of 5 on restart: the list was still queued.
  it('are durable once marked: a copy of the file taken at that moment, as a crash leaves it, lists them', async () => {
    const dataDir = tempDataDir();
    const { tier } = diskTier(dataDir);
    await tier.markHeld(['2025-03-01', '2025-03-02']);
    const crashed = tempDataDir();
    copyFileSync(join(dataDir, ARCHIVE_FILE), join(crashed, ARCHIVE_FILE));
    expect(await diskTier(crashed).tier.heldDates()).toEqual(['2025-03-01', '2025-03-02']);
  });
});
