import type { TimeRange } from '../domain/time-range.js';
import type { WallClock, ZoneClock } from '../domain/zone-clock.js';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYYmmddHHiiss`, the wall-clock format of `date_ini` and `date_end`. */
export function formatWireDate(wall: WallClock): string {
  return `${pad(wall.year, 4)}${pad(wall.month)}${pad(wall.day)}${pad(wall.hour)}${pad(wall.minute)}${pad(wall.second)}`;
}

const WIRE_DATE = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;

/** Reads `YYYYmmddHHiiss` back (the simulator reads requests with it); null when it is not a real time in that format. */
export function parseWireDate(text: string): WallClock | null {
  const match = WIRE_DATE.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const wall = { year, month, day, hour, minute, second };
  return isRealWallClock(wall) ? wall : null;
}

/**
 * The request parameters for a half-open range of instants. wolkvox's `date_end` is inclusive to the
 * second (public clients ask for a day as `…000000`–`…235959`), so it is the last whole second before `to`.
 */
export function wireWindow(range: TimeRange, clock: ZoneClock): { dateIni: string; dateEnd: string } {
  const firstSecond = Math.ceil(range.from / 1000) * 1000;
  const lastSecond = Math.ceil(range.to / 1000) * 1000 - 1000;
  return {
    dateIni: formatWireDate(clock.toWallClock(firstSecond)),
    dateEnd: formatWireDate(clock.toWallClock(lastSecond)),
  };
}

// `2025-03-04 10:22:11` (also with a `T`), the shape seen in API responses.
const ISO_LIKE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;
// `04/03/2025 10:22:11 a. m.`, the shape seen in wolkvox exports (day first, 12-hour clock).
const DAY_FIRST_12H = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{1,2}):(\d{2}):(\d{2}) ?([ap])\.? ?m\.?$/i;

/** Reads a row's `date` as a wall-clock time; null when it has neither known shape or is not a real time. */
export function parseRowDate(text: string): WallClock | null {
  let wall: WallClock;
  const iso = ISO_LIKE.exec(text);
  if (iso) {
    wall = {
      year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]),
      hour: Number(iso[4]), minute: Number(iso[5]), second: Number(iso[6]),
    };
  } else {
    const dm = DAY_FIRST_12H.exec(text);
    if (!dm) return null;
    const hour12 = Number(dm[4]);
    if (hour12 < 1 || hour12 > 12) return null;
    const pm = dm[7]!.toLowerCase() === 'p';
    wall = {
      year: Number(dm[3]), month: Number(dm[2]), day: Number(dm[1]),
      hour: (hour12 % 12) + (pm ? 12 : 0), minute: Number(dm[5]), second: Number(dm[6]),
    };
  }
  return isRealWallClock(wall) ? wall : null;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isRealWallClock(w: WallClock): boolean {
  if (w.month < 1 || w.month > 12 || w.hour > 23 || w.minute > 59 || w.second > 59 || w.day < 1) return false;
  const leapDay = w.month === 2 && w.year % 4 === 0 && (w.year % 100 !== 0 || w.year % 400 === 0) ? 1 : 0;
  return w.day <= DAYS_IN_MONTH[w.month - 1]! + leapDay;
}
