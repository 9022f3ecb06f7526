import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll } from 'vitest';

export interface ReplicaProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Ends the process as a crash would (SIGKILL): no clean-up of any kind. */
  kill(): Promise<void>;
}

/**
 * The real server (`src/main.ts`) in a process of its own, configured by `env` as an operator would,
 * on a free loopback port; killed after the test file if still running.
 */
export async function startReplica(env: Record<string, string>): Promise<ReplicaProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', WOLKVOX_BACKGROUND_REFRESH: 'false', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await once(child, 'exit');
  };
  afterAll(kill);
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`replica did not start in 60 s: ${output}`)), 60_000);
    // Keep reading to the end: a full pipe would block the server on its next log line.
    child.stdout!.on('data', (chunk) => {
      output += String(chunk);
      const port = /"port":(\d+)/.exec(output)?.[1];
      if (port) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${port}`);
      }
    });
    child.once('exit', (code) => reject(new Error(`replica exited (${code}) before it listened: ${output}`)));
  });
  return { url, child, kill };
}
