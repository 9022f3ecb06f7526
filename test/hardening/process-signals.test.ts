import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeAfterFile } from '../support/cleanup.js';
import { descendantsOf, isRunning, launchNpmStart, type Launched } from '../support/processes.js';
import { startServerProcess } from '../support/server-process.js';

/** Each test starts a real server process (tsx compiles it at start-up: 5 s alone, several times that on a loaded machine). */
const PROCESS_TEST_MS = 90_000;

/** One second of grace and one of drain: a clean exit takes about 2 s, the forced one comes at 7 s (9 s at the latest). */
const ENV = { SIMULATOR_CALLS_PER_DAY: '50', SHUTDOWN_GRACE_SECONDS: '1', SHUTDOWN_TIMEOUT_SECONDS: '1' };
const EXIT_BOUND_MS = 12_000;

async function npmStart(): Promise<Launched & { url: string }> {
  const server = await launchNpmStart({ ...ENV, DATA_DIR: mkdtempSync(join(tmpdir(), 'cdr-graph-')) });
  closeAfterFile(() => server.kill());
  return server;
}

/** How the process ended, or 'still running' after `ms`. */
async function exitWithin(child: ChildProcess, ms: number): Promise<number | string> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode ?? child.signalCode!;
  const timer = new Promise<string>((resolve) => setTimeout(() => resolve('still running'), ms).unref());
  const exit = once(child, 'exit').then(([code, signal]) => (code ?? signal) as number | string);
  return Promise.race([exit, timer]);
}

/**
 * Requests until the server's log lines fill the pipe nobody reads any more: each 404 of a 200-character
 * path is a log line of about 300 bytes, and 2,000 of them are three times a socket's 200 KB buffer. A
 * server whose logging blocks stops answering on the way, which ends the flood.
 */
async function fillLogPipe(base: string): Promise<void> {
  const path = `/${'x'.repeat(200)}`;
  for (let sent = 0; sent < 2_000; sent += 20) {
    const answers = await Promise.allSettled(Array.from({ length: 20 }, () => fetch(`${base}${path}`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.text())));
    if (answers.some((answer) => answer.status === 'rejected')) return;
  }
}

async function refusesConnections(base: string): Promise<boolean> {
  return fetch(`${base}/healthz`).then(
    () => false,
    () => true,
  );
}

describe('npm start hands signals to the server (a container whose entrypoint is `npm start`)', () => {
  it('SIGTERM to npm: the server drains, logs that it stopped, closes its port, and no process is left', async () => {
    const { child, url, output: logs } = await npmStart();
    const processes = descendantsOf(child.pid!);
    child.kill('SIGTERM');
    expect(await exitWithin(child, EXIT_BOUND_MS)).toBe(0);
    expect(logs()).toContain('"msg":"shutting down: not ready, still serving for the grace period"');
    expect(logs()).toContain('"msg":"stopped"');
    expect(await refusesConnections(url)).toBe(true);
    expect(processes.filter(isRunning)).toEqual([]);
  }, PROCESS_TEST_MS);

  it('Ctrl-C (SIGINT to the whole process group, so the server hears it twice): one clean shutdown', async () => {
    const { child, url, output: logs } = await npmStart();
    const processes = descendantsOf(child.pid!);
    process.kill(-child.pid!, 'SIGINT');
    expect(await exitWithin(child, EXIT_BOUND_MS)).toBe(0);
    expect(logs()).toContain('"msg":"stopped"');
    expect(await refusesConnections(url)).toBe(true);
    expect(processes.filter(isRunning)).toEqual([]);
  }, PROCESS_TEST_MS);
});

describe('a server whose log reader goes away during the grace period still exits', () => {
  it('through npm start, the pipe closed after SIGTERM', async () => {
    const { child, url } = await npmStart();
    const processes = descendantsOf(child.pid!);
    child.kill('SIGTERM');
    child.stdout!.destroy();
    expect(await exitWithin(child, EXIT_BOUND_MS)).toBe(0);
    expect(await refusesConnections(url)).toBe(true);
    expect(processes.filter(isRunning)).toEqual([]);
  }, PROCESS_TEST_MS);

  it('through npm start, a reader that stopped reading (the pipe full), SIGTERM then the pipe closed', async () => {
    const { child, url } = await npmStart();
    const processes = descendantsOf(child.pid!);
    child.stdout!.pause();
    await fillLogPipe(url);
    child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 500));
    child.stdout!.destroy();
    expect(await exitWithin(child, EXIT_BOUND_MS)).toBe(0);
    expect(await refusesConnections(url)).toBe(true);
    expect(processes.filter(isRunning)).toEqual([]);
  }, PROCESS_TEST_MS);

  it('through node directly, the pipe closed after SIGTERM', async () => {
    const { child, url } = await startServerProcess(ENV);
    child.kill('SIGTERM');
    child.stdout!.destroy();
    expect(await exitWithin(child, EXIT_BOUND_MS)).toBe(0);
    expect(await refusesConnections(url)).toBe(true);
  }, PROCESS_TEST_MS);

  it('through node directly, a reader that stopped reading: SIGINT, and the process exits while the pipe stays full', async () => {
    const { child, url } = await startServerProcess(ENV);
    child.stdout!.pause();
    await fillLogPipe(url);
    child.kill('SIGINT');
    expect(await exitWithin(child, EXIT_BOUND_MS)).toBe(0);
    expect(await refusesConnections(url)).toBe(true);
    expect(isRunning(child.pid!)).toBe(false);
  }, PROCESS_TEST_MS);
});
