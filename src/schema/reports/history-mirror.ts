import type { HistoryStatus } from '../../feed/history.js';
import { builder } from '../core/builder.js';
import { Interval } from './interval.js';

const HistoryMirrorRef = builder.objectRef<HistoryStatus>('HistoryMirror').implement({
  description:
    'What the server holds of wolkvox\'s history: the settled days it keeps in its durable tier (WOLKVOX_HISTORY_DAYS), ' +
    'fetched in the background within WOLKVOX_BACKFILL_REQUESTS_PER_DAY. A range within the held days costs no wolkvox request.',
  fields: (t) => ({
    from: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'Start of the oldest day of the most recent run of held days ("history complete back to…"); null while none is held.',
      resolve: (status, _args, ctx) => (status.held ? ctx.clock.iso(status.held.from) : null),
    }),
    to: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'End of the most recent held day (the start of the day after it); null while none is held.',
      resolve: (status, _args, ctx) => (status.held ? ctx.clock.iso(status.held.to) : null),
    }),
    wantedDays: t.exposeInt('wantedDays', { description: 'Settled days the server keeps (WOLKVOX_HISTORY_DAYS); 0 when the mirror is off.' }),
    heldDays: t.exposeInt('heldDays', { description: 'Of the wanted days, those held whole.' }),
    missingDays: t.int({ description: 'Of the wanted days, those not held yet.', resolve: (status) => status.wantedDays === 0 ? 0 : status.wantedDays - status.heldDays }),
    missing: t.field({ type: [Interval], description: 'The wanted days not held yet, as runs of consecutive local days, oldest first.', resolve: (status) => [...status.missing] }),
    complete: t.boolean({ description: 'Every wanted day is held.', resolve: (status) => status.wantedDays > 0 && status.heldDays === status.wantedDays }),
    estimatedCompleteAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the server expects to hold every wanted day, at its share of requests per day; null when complete, or before it can tell (nothing learned of the density of calls yet).',
      resolve: (status, _args, ctx) => (status.estimatedCompleteAt === null ? null : ctx.clock.iso(status.estimatedCompleteAt)),
    }),
    requestsToday: t.exposeInt('requestsToday', { description: 'wolkvox requests the mirror spent today (local day of the operation).' }),
    requestsPerDay: t.exposeInt('requestsPerDay', { description: 'wolkvox requests the mirror may spend per local day (WOLKVOX_BACKFILL_REQUESTS_PER_DAY); operations always go first.' }),
  }),
});

builder.queryField('history', (t) =>
  t.field({
    type: HistoryMirrorRef,
    description: 'What the server holds of wolkvox\'s history, and when it expects to hold the rest; asks wolkvox nothing.',
    resolve: (_root, _args, ctx) => ctx.history.status(),
  }),
);
