import { CALL_ORDER_FIELDS, DATE_ORDER, type CallOrder as DomainCallOrder, type CallOrderField } from '../../domain/listing/call-order.js';
import { builder } from '../core/builder.js';
import { SortDirection } from './group-order-input.js';

const CallOrderFieldEnum = builder.enumType('CallOrderField', {
  description: 'What call legs can be ordered by; ties go by date, then id.',
  values: {
    DATE: { value: 'DATE', description: 'The instant of the leg.' },
    COST: { value: 'COST', description: 'The cost of the leg, compared exactly.' },
    DURATION: { value: 'DURATION', description: 'durationSeconds.' },
  } satisfies Record<(typeof CALL_ORDER_FIELDS)[number], { value: CallOrderField; description: string }>,
});

export interface CallOrderInput {
  readonly field: CallOrderField;
  readonly direction?: 'ASC' | 'DESC' | null;
}

export const CallOrder = builder.inputType('CallOrder', {
  description: 'An order of call legs. DESC is the exact reverse of ASC (ties too).',
  fields: (t) => ({
    field: t.field({ type: CallOrderFieldEnum, required: true, description: 'What to order by.' }),
    direction: t.field({ type: SortDirection, defaultValue: 'ASC', description: 'ASC (default) or DESC.' }),
  }),
});

export function toCallOrder(input: CallOrderInput | null | undefined): DomainCallOrder {
  return input ? { field: input.field, descending: input.direction === 'DESC' } : DATE_ORDER;
}

/** The order's part of a cursor's scope; empty for the default, so that cursors issued before orders existed stay valid. */
export function orderKey(order: DomainCallOrder): string {
  return order.field === 'DATE' && !order.descending ? '' : `:${order.field}:${order.descending ? 'DESC' : 'ASC'}`;
}
