/**
 * A small seeded PRNG (mulberry32): the simulator's data must be the same for the same seed on every
 * machine and every run, which Math.random cannot give.
 */
export type Random = () => number;

export function seededRandom(...seeds: number[]): Random {
  let state = 0x9e3779b9;
  for (const seed of seeds) state = Math.imul(state ^ (seed >>> 0), 0x85ebca6b) ^ (Math.floor(seed / 2 ** 32) | 0);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

export function digits(random: Random, count: number): string {
  let text = '';
  for (let i = 0; i < count; i += 1) text += Math.floor(random() * 10);
  return text;
}
