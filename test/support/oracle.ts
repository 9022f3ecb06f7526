/**
 * Independent arithmetic for test oracles: exact sums with BigInt, sharing no code with the product
 * (which uses decimal.js), so that a bug there cannot hide in both.
 */
export function exactSum(values: readonly string[]): string {
  const scale = Math.max(0, ...values.map((v) => (v.split('.')[1] ?? '').length));
  let total = 0n;
  for (const value of values) {
    const [whole = '0', fraction = ''] = value.split('.');
    const negative = whole.startsWith('-');
    const units = BigInt(`${whole.replace('-', '')}${fraction.padEnd(scale, '0')}`);
    total += negative ? -units : units;
  }
  return canonical(formatUnits(total, scale));
}

function formatUnits(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}

/** `"12.3400"` → `"12.34"`, `"5.000"` → `"5"`: one spelling per number. */
export function canonical(decimal: string): string {
  return decimal.includes('.') ? decimal.replace(/0+$/, '').replace(/\.$/, '') : decimal;
}

/** What the float sum of the same values gives, to show the exact sum is needed. */
export function floatSum(values: readonly string[]): number {
  return values.reduce((sum, v) => sum + Number(v), 0);
}

/** a / b rounded half-even to `decimals` places, with BigInt only; both non-negative decimal texts, b not zero. */
export function exactQuotient(a: string, b: string, decimals: number): string {
  const scale = Math.max(...[a, b].map((v) => (v.split('.')[1] ?? '').length));
  const units = (v: string) => BigInt(`${v.split('.')[0]}${(v.split('.')[1] ?? '').padEnd(scale, '0')}`);
  const numerator = units(a) * 10n ** BigInt(decimals);
  const denominator = units(b);
  let quotient = numerator / denominator;
  const twice = (numerator % denominator) * 2n;
  if (twice > denominator || (twice === denominator && quotient % 2n === 1n)) quotient += 1n;
  return canonical(formatUnits(quotient, decimals));
}

/** Sign of a − b for exact decimal texts. */
export function compareExact(a: string, b: string): number {
  const difference = exactSum([a, b.startsWith('-') ? b.slice(1) : `-${b}`]);
  return difference === '0' ? 0 : difference.startsWith('-') ? -1 : 1;
}
