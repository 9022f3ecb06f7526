import { describe, expect, it } from 'vitest';
import { ZoneClock } from '../../src/domain/time/zone-clock.js';
import { LegDensity } from '../../src/feed/leg-density.js';

const HOUR_MS = 3600_000;
const at = (iso: string) => Date.parse(iso);

describe('the density of legs per local hour of the week', () => {
  it('knows nothing before the first answer', () => {
    expect(new LegDensity(new ZoneClock('America/Bogota')).expected({ from: at('2025-03-03T00:00:00-05:00'), to: at('2025-03-04T00:00:00-05:00') })).toBeUndefined();
  });

  it('expects, at a local hour of the week, the rate learned there, and at an unseen one the busiest rate at that hour of day', () => {
    const density = new LegDensity(new ZoneClock('Europe/Madrid'));
    // Monday 3 March 2025, 10:00–11:00 in Madrid (09:00 UTC): 60 legs. 11:00–12:00: 6 legs.
    const ten = at('2025-03-03T10:00:00+01:00');
    density.learn({ from: ten, to: ten + 2 * HOUR_MS }, [...Array.from({ length: 60 }, (_, i) => ten + i * 60_000), ...Array.from({ length: 6 }, (_, i) => ten + HOUR_MS + i * 600_000)]);
    const legs = (from: number, hours = 1) => density.expected({ from, to: from + hours * HOUR_MS })!.reduce((sum, s) => sum + s.legs, 0);
    expect(legs(ten + 7 * 24 * HOUR_MS)).toBeCloseTo(60);
    expect(legs(ten + 7 * 24 * HOUR_MS + HOUR_MS)).toBeCloseTo(6);
    // Tuesday 10:00 was never seen: Monday's 10:00 stands for it.
    expect(legs(ten + 24 * HOUR_MS)).toBeCloseTo(60);
    // After the clocks go forward (30 March), 10:00 local is 08:00 UTC: still the 10:00 rate.
    expect(legs(at('2025-03-31T10:00:00+02:00'))).toBeCloseTo(60);
    // Half an hour is half the legs.
    expect(density.expected({ from: ten, to: ten + HOUR_MS / 2 })![0]!.legs).toBeCloseTo(30);
  });
});
