import type { UnreadableRow as DomainUnreadableRow } from '../../feed/window-store.js';
import { builder } from '../core/builder.js';
import { GRAPH_LIMITS } from '../core/limits.js';
import { checkedPageSize } from '../inputs/page-size.js';
import { UnreadableRowsRef } from '../core/refs.js';
import { PERSONAL_DATA } from '../core/personal-data.js';

const UnreadableRow = builder.objectRef<DomainUnreadableRow>('UnreadableRow').implement({
  description: 'A row wolkvox sent that could not be read. It is kept here rather than dropped silently.',
  fields: (t) => ({
    reason: t.exposeString('reason', { description: 'What was wrong, field by field, e.g. `cost: not a decimal number: "N/A"`.' }),
    raw: t.string({
      nullable: true,
      authScopes: PERSONAL_DATA,
      description: 'The row as wolkvox sent it, as JSON text. It holds telephones and customer ids: null with a FORBIDDEN error for principals without `pii`.',
      resolve: (row) => JSON.stringify(row.row) ?? 'null',
    }),
    requestedFrom: t.field({ type: 'DateTime', description: 'Start of the upstream request that returned the row.', resolve: (row, _a, ctx) => ctx.clock.iso(row.window.from) }),
    requestedTo: t.field({ type: 'DateTime', description: 'End (excluded) of that request.', resolve: (row, _a, ctx) => ctx.clock.iso(row.window.to) }),
  }),
});

UnreadableRowsRef.implement({
  description: 'Rows of the range that could not be read, and so are not counted anywhere else in the answer.',
  fields: (t) => ({
    count: t.int({ description: 'How many rows could not be read; 0 when all were read.', resolve: (rows) => rows.length }),
    rows: t.field({
      type: [UnreadableRow],
      description: 'The first `first` of them.',
      args: { first: t.arg.int({ defaultValue: 20, description: `How many to list (0 to ${GRAPH_LIMITS.maxPageSize}, as every page size).` }) },
      resolve: (rows, args) => rows.slice(0, checkedPageSize('first', args.first) ?? 20),
    }),
  }),
});
