import { closeAfterFile } from './cleanup.js';
import { freePort, launchRedis, type Launched } from './processes.js';

export interface TestRedis {
  readonly url: string;
  readonly port: number;
  /** Stops the server as a crash would (nothing is saved), keeping its port for `start`. */
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** A real redis-server (Debian's `redis-server`; .ci/run installs it) on a free loopback port, stopped after the test file. */
export async function startRedis(): Promise<TestRedis> {
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
