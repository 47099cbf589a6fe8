// ISO 3166-1 alpha-2 countries and ISO 4217 currencies, from maintained packages
// (i18n-iso-countries, currency-codes) rather than a list copied by hand.
import countries from 'i18n-iso-countries';
import currencyCodes from 'currency-codes';

const COUNTRIES: ReadonlySet<string> = new Set(Object.keys(countries.getAlpha2Codes()));

// ISO 4217 also lists funds, precious metals, SDR and test codes; a parcel is never priced in those.
const NOT_TRANSACTION_CURRENCIES = new Set(['XAG', 'XAU', 'XBA', 'XBB', 'XBC', 'XBD', 'XDR', 'XPD', 'XPT', 'XSU', 'XTS', 'XUA', 'XXX', 'BOV', 'CHE', 'CHW', 'CLF', 'COU', 'MXV', 'USN', 'UYI', 'UYW']);
const CURRENCIES: ReadonlySet<string> = new Set(currencyCodes.codes().filter((c) => !NOT_TRANSACTION_CURRENCIES.has(c)));

export const isCountryCode = (code: string): boolean => COUNTRIES.has(code);
export const isCurrencyCode = (code: string): boolean => CURRENCIES.has(code);
