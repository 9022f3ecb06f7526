import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeAfterFile } from './cleanup.js';
import { launchServer, type Launched } from './processes.js';

export type ServerProcess = Launched & { readonly url: string };

/**
 * The real server (`src/main.ts`, as `npm start` runs it) in a process of its own, configured by
 * `env`, its durable store in a fresh temporary folder unless `env` names one; killed after the test
 * file if still running, and that folder removed.
 */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const dataDir = env.DATA_DIR === undefined ? mkdtempSync(join(tmpdir(), 'cdr-graph-')) : undefined;
  closeAfterFile(() => dataDir && rmSync(dataDir, { recursive: true, force: true }));
  const server = await launchServer({ ...(dataDir && { DATA_DIR: dataDir }), ...env });
  closeAfterFile(() => server.kill());
  return server;
}
