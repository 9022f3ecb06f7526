import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';

/** A process this code started, and how to end it as a crash would (SIGKILL). */
export interface Launched {
  readonly child: ChildProcess;
  kill(): Promise<void>;
}

/**
 * Starts `command` and resolves with what `ready` finds in its output (e.g. its port), within
 * `timeoutMs`. Its output keeps being read to the end: a full pipe would block it on its next line.
 */
export async function launch<T>(command: string, args: readonly string[], options: { env?: NodeJS.ProcessEnv; timeoutMs: number; ready: (output: string) => T | undefined }): Promise<Launched & { found: T }> {
  const child = spawn(command, args, { env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'inherit'] });
  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await once(child, 'exit');
  };
  try {
    const found = await new Promise<T>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`${command} did not get ready in ${options.timeoutMs} ms: ${output}`)), options.timeoutMs);
      child.stdout!.on('data', (chunk) => {
        output += String(chunk);
        const value = options.ready(output);
        if (value !== undefined) {
          clearTimeout(timer);
          resolve(value);
        }
      });
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`${command} exited (${code}) before it was ready: ${output}`)));
    });
    return { child, kill, found };
  } catch (error) {
    await kill();
    throw error;
  }
}

/** A redis-server on `port` (loopback), persisting nothing. */
export function launchRedis(port: number): Promise<Launched> {
  return launch('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    timeoutMs: 10_000,
    ready: (output) => (output.includes('Ready to accept connections') ? true : undefined),
  });
}

/**
 * The real server (src/main.ts) configured by `env` as an operator would, on a free loopback port; resolves
 * with its URL. Background work is off unless `env` turns it on: today's refresh, and the history mirror
 * (which would otherwise backfill 400 days from the test's simulator in every server a test starts).
 */
export async function launchServer(env: Record<string, string>): Promise<Launched & { url: string }> {
  const launched = await launch(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', WOLKVOX_BACKGROUND_REFRESH: 'false', WOLKVOX_HISTORY_DAYS: '0', ...env },
    timeoutMs: 60_000,
    ready: (output) => /"port":(\d+)/.exec(output)?.[1],
  });
  return { ...launched, url: `http://127.0.0.1:${launched.found}` };
}

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
