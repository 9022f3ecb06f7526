import { getCountries, isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';

/** The group of numbers no country could be read from (CLDR's code for an unknown region). */
export const UNKNOWN_COUNTRY = 'ZZ';

/** Where numbers written nationally are dialed: `WOLKVOX_DEFAULT_COUNTRY`, see `setDefaultCountry`. */
let defaultCountry: CountryCode = 'CO';

/** How many values `countryOf` can give: every country libphonenumber-js knows, and the unknown. */
export const COUNTRY_VALUES = getCountries().length + 1;

export function isCountryCode(text: string): text is CountryCode {
  return /^[A-Z]{2}$/.test(text) && isSupportedCountry(text);
}

/**
 * The operation's country, for numbers written nationally. Set once at start-up: window summaries
 * are built in the cold path (window engine, durable store), which knows nothing of configuration,
 * and a number's country depends only on the number and this one setting.
 */
export function setDefaultCountry(country: string): void {
  if (!isCountryCode(country)) throw new RangeError(`not a country libphonenumber-js knows: ${country}`);
  defaultCountry = country;
}

/**
 * The ISO 3166-1 country of a dialed number, or UNKNOWN_COUNTRY. Read first as dialed from the
 * default country (national numbers, `+…` and that country's international prefixes such as
 * Colombia's `009`); failing that, as E.164 written without its `+` (`525512345678`), which
 * trunks often log. A number valid neither way (short extensions, `anonymous`, nothing) is unknown.
 */
export function countryOf(telephone: string | null): string {
  if (!telephone) return UNKNOWN_COUNTRY;
  const dialed = parsePhoneNumberFromString(telephone, defaultCountry);
  if (dialed?.isValid() && dialed.country) return dialed.country;
  if (/^\d{8,15}$/.test(telephone)) {
    const international = parsePhoneNumberFromString(`+${telephone}`);
    if (international?.isValid() && international.country) return international.country;
  }
  return UNKNOWN_COUNTRY;
}
