import { RELATIVE_PERIODS, type RelativePeriod as DomainRelativePeriod } from '../../domain/time/relative-period.js';
import { builder } from '../core/builder.js';

const DESCRIPTIONS: Record<DomainRelativePeriod, string> = {
  TODAY: 'The local day that contains now.',
  YESTERDAY: 'The local day before today.',
  THIS_WEEK: 'The local week (Monday to Sunday) that contains now.',
  LAST_WEEK: 'The local week before this one.',
  THIS_MONTH: 'The local calendar month that contains now.',
  LAST_MONTH: 'The local calendar month before this one.',
  LAST_7_DAYS: 'The seven local days that end with today, today included.',
  LAST_30_DAYS: 'The thirty local days that end with today, today included.',
};

export const RelativePeriod = builder.enumType('RelativePeriod', {
  description:
    'A range named relative to now, in whole local days, weeks or months of the operation\'s zone (a day with a DST change is 23 or 25 hours). ' +
    'Reports and connections say which instants it meant (`range`); so does `Query.interval`.',
  values: Object.fromEntries(RELATIVE_PERIODS.map((period) => [period, { value: period, description: DESCRIPTIONS[period] }])) as Record<
    DomainRelativePeriod,
    { value: DomainRelativePeriod; description: string }
  >,
});
