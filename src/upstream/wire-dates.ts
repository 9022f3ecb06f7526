import type { TimeRange } from '../domain/time/time-range.js';
import type { WallClock, ZoneClock } from '../domain/time/zone-clock.js';

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

// `04/03/2025 10:22:11 a. m.`, the shape seen in wolkvox exports (day first, 12-hour clock).
const DAY_FIRST_12H = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{1,2}):(\d{2}):(\d{2}) ?([ap])\.? ?m\.?$/i;

/** Reads a row's `date` as a wall-clock time; null when it has neither known shape or is not a real time. */
export function parseRowDate(text: string): WallClock | null {
  let wall: WallClock | null = isoLike(text);
  if (!wall) {
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

/**
 * `2025-03-04 10:22:11` (also with a `T`), the shape seen in API responses, read a character at a
 * time: it is every row's date, and a regular expression's match and six Numbers cost several times more.
 */
function isoLike(text: string): WallClock | null {
  if (text.length !== 19) return null;
  const separator = text.charCodeAt(10);
  if (text[4] !== '-' || text[7] !== '-' || (separator !== 0x20 && separator !== 0x54) || text[13] !== ':' || text[16] !== ':') return null;
  const wall = {
    year: digitsAt(text, 0, 4), month: digitsAt(text, 5, 2), day: digitsAt(text, 8, 2),
    hour: digitsAt(text, 11, 2), minute: digitsAt(text, 14, 2), second: digitsAt(text, 17, 2),
  };
  return wall.year < 0 || wall.month < 0 || wall.day < 0 || wall.hour < 0 || wall.minute < 0 || wall.second < 0 ? null : wall;
}

/** The decimal number written by `count` ASCII digits at `at`, or -1 when one is not a digit. */
function digitsAt(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i += 1) {
    const digit = text.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isRealWallClock(w: WallClock): boolean {
  if (w.month < 1 || w.month > 12 || w.hour > 23 || w.minute > 59 || w.second > 59 || w.day < 1) return false;
  const leapDay = w.month === 2 && w.year % 4 === 0 && (w.year % 100 !== 0 || w.year % 400 === 0) ? 1 : 0;
  return w.day <= DAYS_IN_MONTH[w.month - 1]! + leapDay;
}
