import type { RangeFreshness, WindowFreshness } from '../../feed/range-freshness.js';
import { builder } from '../core/builder.js';

/** Fetches are stamped to the millisecond; printed, like every instant of the graph, to the second (rounded down, so "every call up to then" still holds). */
const toSecond = (instant: number) => Math.floor(instant / 1000) * 1000;

const CachedWindow = builder.objectRef<WindowFreshness>('CachedWindow').implement({
  description: 'One aligned window of the cache (an hour or a day of the operation\'s zone) and the copy an answer used.',
  fields: (t) => ({
    from: t.field({ type: 'DateTime', description: 'First instant of the window.', resolve: ({ window }, _args, ctx) => ctx.clock.iso(window.from) }),
    to: t.field({ type: 'DateTime', description: 'First instant after the window.', resolve: ({ window }, _args, ctx) => ctx.clock.iso(window.to) }),
    fetchedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the copy used was fetched from wolkvox (to the second); null for a window that had not begun.',
      resolve: ({ fetchedAt }, _args, ctx) => (fetchedAt === null ? null : ctx.clock.iso(toSecond(fetchedAt))),
    }),
  }),
});

export const FreshnessRef = builder.objectRef<RangeFreshness>('Freshness').implement({
  description: 'How fresh the data behind an answer is, e.g. "as of 10:35, today still open".',
  fields: (t) => ({
    asOf: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'The oldest fetch among the windows used (to the second): every call up to then is in the answer. Null when no window had begun.',
      resolve: ({ asOf }, _args, ctx) => (asOf === null ? null : ctx.clock.iso(toSecond(asOf))),
    }),
    complete: t.boolean({
      description: 'True when every window is final (settled when fetched, read whole, served fresh); false while any is open, stale or missing rows.',
      resolve: ({ complete }) => complete,
    }),
    openWindows: t.field({
      type: [CachedWindow],
      description: 'Windows not yet settled when fetched (the recent past and today, or not begun): their calls may still grow.',
      resolve: ({ open }) => open,
    }),
    staleWindows: t.field({
      type: [CachedWindow],
      description: 'Windows served from an out-of-date copy because wolkvox could not be asked again (down, or its circuit open).',
      resolve: ({ stale }) => stale,
    }),
    missingWindows: t.field({
      type: [CachedWindow],
      description: 'Windows with rows that could not be read (see unreadableRows), to be asked for again (after WOLKVOX_FRESHNESS, then daily for a week). A window that could not be fetched at all fails the field instead.',
      resolve: ({ missing }) => missing,
    }),
  }),
});
