import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** A process this code started, and how to end it as a crash would (SIGKILL). */
export interface Launched {
  readonly child: ChildProcess;
  kill(): Promise<void>;
  /** All it wrote to stdout so far (while the test leaves its stdout flowing). */
  readonly output: () => string;
}

/**
 * Starts `command` and resolves with what `ready` finds in its output (e.g. its port), within
 * `timeoutMs`. Its output keeps being read to the end: a full pipe would block it on its next line.
 */
async function launch<T>(
  command: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs: number; ready: (output: string) => T | undefined; group?: boolean },
): Promise<Launched & { found: T }> {
  // A group of its own (`group`): `npm start` is npm, a shell and the server, and all of them must end.
  const child = spawn(command, args, { env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'inherit'], detached: options.group ?? false });
  const kill = async () => {
    process.off('exit', killNow);
    if (options.group) killGroup(child.pid!);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await once(child, 'exit');
  };
  // A test that timed out while this was starting never registers it to be closed: it must not outlive the test run.
  const killNow = () => (options.group ? killGroup(child.pid!) : child.kill('SIGKILL'));
  process.once('exit', killNow);
  child.once('exit', () => process.off('exit', killNow));
  let output = '';
  try {
    const found = await new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${command} did not get ready in ${options.timeoutMs} ms: ${output}`)), options.timeoutMs);
      child.stdout.on('data', (chunk) => {
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
    return { child, kill, found, output: () => output };
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

/**
 * `npm start`, as a container whose entrypoint it is runs it: npm, the shell it runs the script with,
 * and the server, in a process group of their own; resolves with the server's URL.
 */
export async function launchNpmStart(env: Record<string, string>): Promise<Launched & { url: string }> {
  const launched = await launch('npm', ['start'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', WOLKVOX_BACKGROUND_REFRESH: 'false', ...env },
    timeoutMs: 60_000,
    ready: (output) => /"port":(\d+)/.exec(output)?.[1],
    group: true,
  });
  return { ...launched, url: `http://127.0.0.1:${launched.found}` };
}

/** The processes started by `pid`, their children and so on (Linux: /proc). */
export function descendantsOf(pid: number): number[] {
  let children: number[];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
  } catch {
    return [];
  }
  return children.flatMap((child) => [child, ...descendantsOf(child)]);
}

/** Whether a process `pid` still exists (a zombie not yet reaped counts as gone). */
export function isRunning(pid: number): boolean {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group is gone already.
  }
}

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
