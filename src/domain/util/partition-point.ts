/**
 * The first index in `[0, length)` at which `isBefore` turns false, for an `isBefore` that is true on
 * a prefix and false after it (a sorted list, asked "is this one before what I look for?"); `length`
 * when it never does. One binary search for every sorted column, list and span here.
 */
export function partitionPoint(length: number, isBefore: (index: number) => boolean): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (isBefore(middle)) low = middle + 1;
    else high = middle;
  }
  return low;
}
