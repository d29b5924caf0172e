/** Currencies offered first on the sign-up form; any ISO 4217 code Intl knows is accepted. */
const commonCurrencies = ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'NZD', 'CHF', 'JPY', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK', 'INR', 'SGD', 'HKD', 'ZAR', 'BRL', 'MXN'];

let zones: string[] | undefined;

export function currencyChoices(): string[] {
  return commonCurrencies;
}

export function timeZoneChoices(): string[] {
  zones ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
  return zones;
}

export function isCurrency(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && Intl.supportedValuesOf('currency').includes(code);
}

export function isTimeZone(zone: string): boolean {
  return timeZoneChoices().includes(zone);
}
