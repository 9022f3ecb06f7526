import { busiestHour, hourlyTraffic, type HourTraffic as DomainHourTraffic } from '../../domain/report/traffic.js';
import { builder, type Types } from '../core/builder.js';
import type { CallSlice } from '../../feed/call-slice.js';

const HourTraffic = builder.objectRef<DomainHourTraffic>('HourTraffic').implement({
  description: 'Offered traffic in one local hour: legs count whole in the hour they started.',
  fields: (t) => ({
    period: t.field({ type: 'DateTime', description: 'Start of the local hour.', resolve: ({ period }, _args, ctx) => ctx.clock.iso(period) }),
    calls: t.exposeInt('calls', { description: 'Legs that started in the hour.' }),
    erlangs: t.exposeFloat('erlangs', { description: 'Their seconds / 3,600: how many lines were busy on average.' }),
  }),
});

/** CallReport's traffic fields, from the same calls grouped by HOUR (window summaries). */
export function trafficFields(t: PothosSchemaTypes.ObjectFieldBuilder<Types, { readonly slice: CallSlice }>) {
  const traffic = async (slice: CallSlice) => hourlyTraffic(await slice.report(['HOUR']));
  return {
    trafficByHour: t.field({
      type: [HourTraffic],
      description: 'Offered traffic in Erlangs per local hour of the range (hours with calls), whatever the report is grouped by.',
      resolve: ({ slice }) => traffic(slice),
    }),
    busiestHour: t.field({
      type: HourTraffic,
      nullable: true,
      description: 'The local hour of the range with the most offered traffic (the earliest of equals); null without calls.',
      resolve: async ({ slice }) => busiestHour(await traffic(slice)),
    }),
  };
}
