import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';

describe('the exit watchdog of a shutdown', () => {
  it('ends a process whose main thread is blocked for good (no event-loop timer could)', async () => {
    // The main thread waits in Atomics.wait, as pino's synchronous retry on a full pipe did.
    const program = `
      const { startExitWatchdog } = await import('./src/exit-watchdog.ts');
      setTimeout(() => process.exit(1), 300);
      startExitWatchdog(500);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
    `;
    const started = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', program], { stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    const [code, signal] = await once(child, 'exit');
    clearTimeout(timer);
    expect({ code, signal }).toEqual({ code: null, signal: 'SIGKILL' });
    expect(Date.now() - started).toBeLessThan(8_000);
  });
});
