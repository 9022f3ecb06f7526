import { afterAll } from 'vitest';
import { launchServer, type Launched } from './processes.js';

export type ReplicaProcess = Launched & { readonly url: string };

/** The real server (`src/main.ts`) in a process of its own, configured by `env`; killed after the test file if still running. */
export async function startReplica(env: Record<string, string>): Promise<ReplicaProcess> {
  const replica = await launchServer(env);
  afterAll(() => replica.kill());
  return replica;
}
