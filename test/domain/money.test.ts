import { describe, expect, it } from 'vitest';
import { ExactSum, microsToText, toMicros } from '../../src/domain/model/money.js';
import type { DecimalText } from '../../src/domain/model/decimal.js';
import { exactSum, floatSum } from '../support/oracle.js';
import { seededRandom } from '../../simulator/random.js';

describe('exact money', () => {
  it('reads decimals of up to six places into whole micro-units and back', () => {
    expect(toMicros('152.075')).toBe(152_075_000);
    expect(toMicros('-0.5')).toBe(-500_000);
    expect(toMicros('0.000001')).toBe(1);
    expect(toMicros('999999999.999999')).toBe(999_999_999_999_999);
    expect(microsToText(108_500)).toBe('0.1085');
    expect(microsToText(-1_500_000)).toBe('-1.5');
    expect(microsToText(0)).toBe('0');
  });

  it('writes micro-units as the digits themselves say, up to 2^53 and below zero', () => {
    // The oracle cuts the digits' text: six places of fraction, trailing zeros dropped.
    const byText = (micros: number) => {
      const digits = String(Math.abs(micros)).padStart(7, '0');
      const fraction = digits.slice(-6).replace(/0+$/, '');
      return `${micros < 0 ? '-' : ''}${digits.slice(0, -6)}${fraction ? `.${fraction}` : ''}`;
    };
    const amounts = [1, 9, 10, 999_999, 1_000_000, 1_000_001, 120_000, 5_000_050, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER - 1, 2 ** 52 + 999_999, 9_007_199_254_000_000];
    const random = seededRandom(7);
    for (let i = 0; i < 2_000; i += 1) amounts.push(Math.floor(random() * 10 ** (1 + (i % 16))));
    for (const micros of amounts) {
      expect(microsToText(micros)).toBe(byText(micros));
      expect(microsToText(-micros)).toBe(byText(-micros));
    }
  });

  it('reads as micro-units exactly the texts of an optional minus, 1 to 9 digits and up to 6 decimals, and nothing else', () => {
    const fits = /^-?\d{1,9}(?:\.\d{1,6})?$/;
    const texts = ['0', '-0', '5', '5.', '.5', '-', '', '-.5', '+3', '1e5', ' 1', '1 ', '3..5', '0.01400', '00012.000100', '123456789', '1234567890', '1.1234567', '٣'];
    for (let digits = 0; digits <= 8; digits += 1) for (const n of [0.5, 7, 123456.789, 987654321.123]) texts.push(n.toFixed(digits), (-n).toFixed(digits));
    for (const text of texts) {
      if (!fits.test(text)) expect(toMicros(text), text).toBeNaN();
      else expect(toMicros(text) + 0, text).toBe(Number(BigInt(text.replace(/^(-?)(\d+)(?:\.(\d+))?$/, (_, sign: string, units: string, fraction: string | undefined) => `${sign}${units}${(fraction ?? '').padEnd(6, '0')}`))));
    }
  });

  it('leaves what does not fit to exact text arithmetic', () => {
    expect(toMicros('0.0000001')).toBeNaN();
    expect(toMicros('12345678901.5')).toBeNaN();
    const sum = new ExactSum();
    sum.addMicros(toMicros('0.1'));
    sum.addText('0.0000001' as DecimalText);
    sum.addText('12345678901.5' as DecimalText);
    expect(sum.text()).toBe('12345678901.6000001');
  });

  it('stays exact past 2^53 micro-units, where a double would round', () => {
    const sum = new ExactSum();
    const big = 999_999_999_999_999; // 999,999,999.999999 units
    for (let i = 0; i < 20; i += 1) sum.addMicros(big);
    expect(sum.text()).toBe('19999999999.99998');
    const edge = new ExactSum();
    edge.addMicros(2 ** 53 - 1);
    edge.addMicros(2);
    expect(edge.text()).toBe('9007199254.740993');
    expect(String(2 ** 53 - 1 + 2)).toBe('9007199254740992'); // a plain double sum loses the last micro-unit
  });

  it('gives 0.1 + 0.2 as 0.3, and a thousand costs to the last digit where floats drift', () => {
    const costs = Array.from({ length: 1000 }, (_, i) => `0.${String((i * 7919) % 100000).padStart(5, '0')}`);
    const sum = new ExactSum();
    for (const cost of costs) sum.addMicros(toMicros(cost));
    expect(sum.text()).toBe(exactSum(costs));
    expect(String(floatSum(costs))).not.toBe(exactSum(costs));
    const small = new ExactSum();
    small.addMicros(toMicros('0.1'));
    small.addMicros(toMicros('0.2'));
    expect(small.text()).toBe('0.3');
  });

  it('merges partial sums exactly', () => {
    const a = new ExactSum();
    const b = new ExactSum();
    a.addMicros(toMicros('1.000001'));
    b.addMicros(toMicros('2.000002'));
    b.addText('0.0000005' as DecimalText);
    a.merge(b);
    expect(a.text()).toBe('3.0000035');
  });
});
