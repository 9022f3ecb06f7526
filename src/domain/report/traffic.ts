import type { CallReport } from './call-report.js';

/** Offered traffic in one local hour. */
export interface HourTraffic {
  /** Start of the local hour, epoch ms. */
  readonly period: number;
  readonly calls: number;
  /** Seconds of the legs that started in the hour / 3,600: how many lines were busy on average. */
  readonly erlangs: number;
}

const SECONDS_PER_HOUR = 3600;

/**
 * The hours of a report grouped by HOUR, as offered traffic. A leg counts whole in the hour it
 * started (the usual reading of call-detail records, which hold a start and a duration, not the
 * seconds of each hour a call spans).
 */
export function hourlyTraffic(byHour: CallReport): HourTraffic[] {
  return byHour.groups.map(({ key, stats }) => ({ period: key.period!, calls: stats.calls, erlangs: stats.totalDurationSeconds / SECONDS_PER_HOUR }));
}

/** The hour of most traffic (the earliest of equals); null without calls. */
export function busiestHour(traffic: readonly HourTraffic[]): HourTraffic | null {
  return traffic.reduce<HourTraffic | null>((busiest, hour) => (busiest === null || hour.erlangs > busiest.erlangs ? hour : busiest), null);
}
