import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { TestOptions } from 'vitest';
import { closeAfterFile } from './cleanup.js';
import { freePort, launchRedis, type Launched } from './processes.js';
import { describeRequiring, type Requirement } from './requirements.js';

/** Debian's `redis-server` (`.ci/run` installs it); any Redis 7 or Valkey installed under that name on the PATH serves. */
const REDIS: Requirement = {
  available: () => onPath('redis-server'),
  missing: 'redis-server not found on the PATH: apt-get install redis-server (Redis 7 or Valkey)',
};

/** Declares a file's tests that start a redis-server: noted as not run without one outside CI (see requirements.ts). */
export function describeWithRedis(name: string, tests: () => void | Promise<void>, options?: TestOptions): void {
  describeRequiring(REDIS, name, tests, options);
}

export interface TestRedis {
  readonly url: string;
  readonly port: number;
  /** Stops the server as a crash would (nothing is saved), keeping its port for `start`. */
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** A real redis-server on a free loopback port, stopped after the test file. */
export async function startRedis(): Promise<TestRedis> {
  if (!REDIS.available()) throw new Error(`${REDIS.missing}. CI=true requires the Redis tests (.ci/run installs redis-server).`);
  const port = await freePort();
  let running: Launched | null = null;
  const start = async () => {
    running = await launchRedis(port);
  };
  const stop = async () => {
    await running?.kill();
    running = null;
  };
  await start();
  closeAfterFile(stop);
  return { url: `redis://127.0.0.1:${port}`, port, stop, start };
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((folder) => {
    try {
      accessSync(join(folder || '.', command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}
