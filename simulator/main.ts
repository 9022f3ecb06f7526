import { z } from 'zod';
import { CDR_REPORT, REPORT_PATH } from '../src/upstream/wolkvox-protocol.js';
import { FAULT_KINDS, type FaultKind } from './faults.js';
import { startSimulator } from './server.js';

/** `npm run simulator`: the wolkvox simulator alone, configured from the environment. */
const rate = z.coerce.number().min(0).max(1).default(0);
const environment = z.object({
  SIMULATOR_PORT: z.coerce.number().int().min(0).max(65_535).default(4010),
  SIMULATOR_HOST: z.string().default('127.0.0.1'),
  SIMULATOR_TOKEN: z.string().min(1).default('simulator-token'),
  SIMULATOR_SEED: z.coerce.number().int().min(0).default(42),
  SIMULATOR_CALLS_PER_DAY: z.coerce.number().int().min(0).default(2_000),
  SIMULATOR_MAX_CONCURRENT: z.coerce.number().int().min(1).default(1),
  SIMULATOR_DAILY_QUOTA: z.coerce.number().int().min(1).optional(),
  SIMULATOR_LATENCY_MS: z.coerce.number().int().min(0).default(0),
  /** `true`: one `served {…}` JSON line per answer on stdout, for benchmarks. */
  SIMULATOR_LOG_SERVED: z.enum(['true', 'false']).default('false'),
  /** `false`: business hours only, no night shift (the benchmarks' data). */
  SIMULATOR_NIGHT_SHIFT: z.enum(['true', 'false']).default('true'),
  WOLKVOX_TIMEZONE: z.string().default('America/Bogota'),
  ...Object.fromEntries(FAULT_KINDS.map((kind) => [rateVariable(kind), rate])),
});

function rateVariable(kind: FaultKind): string {
  return `SIMULATOR_${kind.toUpperCase().replaceAll('-', '_')}_RATE`;
}

const parsed = environment.safeParse(process.env);
if (!parsed.success) {
  console.error(`Invalid simulator configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  process.exit(1);
}
const env = parsed.data as z.infer<typeof environment> & Record<string, number>;
const sim = await startSimulator({
  port: env.SIMULATOR_PORT,
  host: env.SIMULATOR_HOST,
  tokens: [env.SIMULATOR_TOKEN],
  maxConcurrentPerToken: env.SIMULATOR_MAX_CONCURRENT,
  dailyQuota: env.SIMULATOR_DAILY_QUOTA ?? null,
  dataset: { seed: env.SIMULATOR_SEED, callsPerDay: env.SIMULATOR_CALLS_PER_DAY, timeZone: env.WOLKVOX_TIMEZONE, nightShift: env.SIMULATOR_NIGHT_SHIFT === 'true' },
  faults: {
    latencyMs: env.SIMULATOR_LATENCY_MS,
    rates: Object.fromEntries(FAULT_KINDS.map((kind) => [kind, env[rateVariable(kind)] ?? 0])),
  },
  ...(env.SIMULATOR_LOG_SERVED === 'true' && { onServed: (served) => console.log(`served ${JSON.stringify(served)}`) }),
});
console.log(`wolkvox simulator listening on ${sim.url} (token header wolkvox-token: ${env.SIMULATOR_TOKEN}, zone ${env.WOLKVOX_TIMEZONE})`);
console.log(`try: curl -H 'wolkvox-token: ${env.SIMULATOR_TOKEN}' '${sim.url}${REPORT_PATH}?api=${CDR_REPORT}&date_ini=20250304000000&date_end=20250304235959'`);

const stop = () =>
  void sim.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
