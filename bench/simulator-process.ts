import { spawn, type ChildProcess } from 'node:child_process';
import type { ServedRequest } from '../simulator/server.js';

export interface SimulatorProcessOptions {
  readonly token: string;
  readonly callsPerDay: number;
  readonly timeZone: string;
  readonly latencyMs?: number;
  /** Collect every answer's service time (`served`). */
  readonly logServed?: boolean;
}

export interface SimulatorProcess {
  readonly url: string;
  readonly process: ChildProcess;
  /** Every answer served so far, in order (with `logServed`). */
  readonly served: ServedRequest[];
  stop(): void;
}

/**
 * The simulator in its own process, as wolkvox is in its own data centre: its data does not weigh on
 * the benchmark's heap, and its work does not take turns with the benchmark's event loop.
 */
export async function startSimulatorProcess(options: SimulatorProcessOptions): Promise<SimulatorProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'simulator/main.ts'], {
    env: {
      ...process.env,
      SIMULATOR_PORT: '0',
      SIMULATOR_TOKEN: options.token,
      SIMULATOR_CALLS_PER_DAY: String(options.callsPerDay),
      SIMULATOR_LATENCY_MS: String(options.latencyMs ?? 0),
      SIMULATOR_LOG_SERVED: String(options.logServed ?? false),
      // The volumes the recorded figures were measured on: business hours only.
      SIMULATOR_NIGHT_SHIFT: 'false',
      WOLKVOX_TIMEZONE: options.timeZone,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const served: ServedRequest[] = [];
  // Keep reading its output to the end: a closed pipe would kill the simulator on its next line.
  return new Promise((resolve, reject) => {
    let pending = '';
    let started = false;
    child.stdout.on('data', (chunk) => {
      pending += String(chunk);
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith('served ')) served.push(JSON.parse(line.slice('served '.length)) as ServedRequest);
        const url = /listening on (http:\/\/[\d.:]+)/.exec(line)?.[1];
        if (url && !started) {
          started = true;
          resolve({ url, process: child, served, stop: () => void child.kill() });
        }
      }
    });
    child.once('exit', () => started || reject(new Error('simulator exited before it listened')));
  });
}
