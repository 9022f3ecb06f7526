import { ZoneClock } from '../../src/domain/time/zone-clock.js';
import { Secret } from '../../src/secret.js';
import { WolkvoxClient, type WolkvoxClientOptions } from '../../src/upstream/wolkvox-client.js';
import { startSimulator, type SimulatorOptions, type WolkvoxSimulator } from '../../simulator/server.js';
import { closeAfterFile } from './cleanup.js';

export const TOKEN = 'test-token-5f2c9a';

type SimulatorOverrides = Omit<Partial<SimulatorOptions>, 'dataset'> & { dataset?: Partial<SimulatorOptions['dataset']> };

/** A real simulator on a loopback port, closed after the test file. */
export async function simulator(overrides: SimulatorOverrides = {}): Promise<WolkvoxSimulator> {
  const sim = await startSimulator({
    tokens: [TOKEN],
    ...overrides,
    dataset: { seed: 1, callsPerDay: 500, timeZone: 'America/Bogota', ...overrides.dataset },
  });
  closeAfterFile(() => sim.close());
  return sim;
}

/** A real client pointed at `sim`, with retry delays short enough for tests. */
export function clientFor(sim: WolkvoxSimulator, overrides: Partial<Omit<WolkvoxClientOptions, 'token'>> & { token?: string } = {}): WolkvoxClient {
  const { token, ...rest } = overrides;
  const client = new WolkvoxClient({
    origin: sim.url,
    token: new Secret(token ?? TOKEN),
    clock: new ZoneClock(sim.dataset.options.timeZone),
    retryMinDelayMs: 5,
    retryMaxDelayMs: 20,
    ...rest,
  });
  closeAfterFile(() => client.close());
  return client;
}

/** An instant from ISO-8601 text with an offset. */
export const at = (iso: string): number => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad instant ${iso}`);
  return ms;
};

export const range = (from: string, to: string) => ({ from: at(from), to: at(to) });

/** The instants of a range written as ISO-8601 text, e.g. a GraphQL DateRange. */
export const instants = (text: { readonly from: string; readonly to: string }) => range(text.from, text.to);

/** The oracle: the rows the simulator holds for a range (ISO-8601 text), as it serves them. */
export const rowsIn = (sim: WolkvoxSimulator, text: { readonly from: string; readonly to: string }) =>
  sim.dataset.callsBetween(instants(text)).map((call) => call.row);
