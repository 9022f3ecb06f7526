import type { CallGroupKey } from '../../domain/grouping/dimensions.js';
import { UNKNOWN_COUNTRY } from '../../domain/model/phone-country.js';
import { builder, type Types } from '../core/builder.js';

const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;

const Weekday = builder.enumType('Weekday', {
  description: 'A day of the week, local to the operation\'s zone.',
  values: Object.fromEntries(WEEKDAYS.map((day, i) => [day, { value: i + 1, description: `ISO weekday ${i + 1}.` }])) as Record<
    (typeof WEEKDAYS)[number],
    { value: number; description: string }
  >,
});

/** CallGroup's fields for the breakdowns of issue #14: destination, country, second code, weekday, hour of day. */
export function breakdownFields(t: PothosSchemaTypes.ObjectFieldBuilder<Types, { readonly key: CallGroupKey }>) {
  return {
    codAct2: t.string({ nullable: true, description: 'With COD_ACT_2: the second activity code.', resolve: ({ key }) => key.codAct2 ?? null }),
    destiny: t.string({ nullable: true, description: 'With DESTINY: the destination wolkvox names.', resolve: ({ key }) => key.destiny ?? null }),
    country: t.string({
      nullable: true,
      description: `With COUNTRY: the ISO 3166-1 alpha-2 country of the calls' telephone, or \`${UNKNOWN_COUNTRY}\` when none could be read.`,
      resolve: ({ key }) => key.country ?? null,
    }),
    weekday: t.field({ type: Weekday, nullable: true, description: 'With WEEKDAY: the local day of the week.', resolve: ({ key }) => key.weekday ?? null }),
    hourOfDay: t.int({ nullable: true, description: 'With HOUR_OF_DAY: the local hour of the day, 0 to 23.', resolve: ({ key }) => key.hourOfDay ?? null }),
  };
}
