import { afterEach, describe, expect, it } from 'vitest';
import { DESTINATIONS } from '../../simulator/catalogue.js';
import { countryOf, setDefaultCountry, UNKNOWN_COUNTRY } from '../../src/domain/model/phone-country.js';

describe('the country of a telephone', () => {
  afterEach(() => setDefaultCountry('CO'));

  it.each([
    ['3101234567', 'CO', 'a Colombian mobile written nationally'],
    ['6015551234', 'CO', 'a Bogotá landline written nationally'],
    ['573101234567', 'CO', 'E.164 without its +, of the default country'],
    ['+12025550123', 'US', 'E.164 with +'],
    ['00912025550123', 'US', "through Colombia's international prefix 009"],
    ['525512345678', 'MX', 'E.164 without + of another country'],
    ['593991234567', 'EC', 'an Ecuadorian mobile without +'],
    ['2345', UNKNOWN_COUNTRY, 'a four-digit extension'],
    ['anonymous', UNKNOWN_COUNTRY, 'a withheld number'],
    [null, UNKNOWN_COUNTRY, 'no number at all'],
  ])('%s is %s (%s)', (telephone, country, _why) => {
    expect(countryOf(telephone)).toBe(country);
  });

  it('reads national numbers as dialed from the configured default country', () => {
    setDefaultCountry('US');
    expect(countryOf('2025550123')).toBe('US');
    expect(countryOf('+573101234567')).toBe('CO');
    expect(() => setDefaultCountry('XX')).toThrow(/XX/);
  });

  it("gives every simulated destination's numbers the destination's country", () => {
    for (const destination of DESTINATIONS) {
      for (const shape of destination.numbers) {
        expect(countryOf(shape.replace(/#/g, '7')), `${destination.destiny} ${shape}`).toBe(destination.country ?? UNKNOWN_COUNTRY);
      }
    }
  });
});
