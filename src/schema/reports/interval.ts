import type { TimeRange } from '../../domain/time/time-range.js';
import { builder } from '../core/builder.js';
import { CallConnection, sliceOf } from '../calls/call-connection.js';
import { CallReport } from './call-report.js';
import { DateRange } from '../inputs/inputs.js';
import { rangeOf } from '../inputs/range-input.js';

/** The instants an answer covers: what a `period` meant, or the `from`/`to` the client sent. */
export const Interval = builder.objectRef<TimeRange>('Interval').implement({
  description: 'A half-open range of instants, `from <= date < to`, as the server used it, in the operation\'s zone.',
  fields: (t) => ({
    from: t.field({ type: 'DateTime', description: 'First instant included.', resolve: (range, _args, ctx) => ctx.clock.iso(range.from) }),
    to: t.field({ type: 'DateTime', description: 'First instant excluded.', resolve: (range, _args, ctx) => ctx.clock.iso(range.to) }),
  }),
});

const USED = 'The instants this answer covers (what `period` meant, when the range was given as one).';

builder.objectField(CallConnection, 'range', (t) => t.field({ type: Interval, description: USED, resolve: (page) => sliceOf(page).range }));
builder.objectField(CallReport, 'range', (t) => t.field({ type: Interval, description: USED, resolve: ({ slice }) => slice.range }));

builder.queryField('interval', (t) =>
  t.field({
    type: Interval,
    description: 'The instants a DateRange names now, e.g. `interval(range: {period: THIS_WEEK})`; asks wolkvox nothing. Pass them on to keep later operations on the same range.',
    args: { range: t.arg({ type: DateRange, required: true, description: 'A range, as every other field takes it.' }) },
    resolve: (_root, args, ctx) => ctx.ranges.checked(rangeOf(args.range, ctx)),
  }),
);
