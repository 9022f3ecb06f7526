import { builder } from './builder.js';
import { CallStatsRef } from './refs.js';

CallStatsRef.implement({
  description: 'Totals over a set of call legs. Every leg counts, including several legs of one transferred call.',
  fields: (t) => ({
    calls: t.exposeInt('calls', { description: 'Number of call legs.' }),
    totalCost: t.field({ type: 'Decimal', description: 'Sum of `cost`, exact.', resolve: (stats) => stats.totalCost }),
    totalDurationSeconds: t.exposeInt('totalDurationSeconds', { description: 'Sum of `durationSeconds`.' }),
    averageDurationSeconds: t.float({
      nullable: true,
      description: 'totalDurationSeconds / calls; null when there are no calls.',
      resolve: (stats) => stats.averageDurationSeconds,
    }),
  }),
});

export { builder };
