/** Currencies offered first on the sign-up form; any ISO 4217 code Intl knows is accepted. */
const commonCurrencies = ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'NZD', 'CHF', 'JPY', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK', 'INR', 'SGD', 'HKD', 'ZAR', 'BRL', 'MXN'];

let zones: string[] | undefined;

/** ICU still lists some zones under their old names; offer the names people use today. */
const renamedZones: Record<string, string> = {
  'Asia/Calcutta': 'Asia/Kolkata',
  'Europe/Kiev': 'Europe/Kyiv',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'America/Godthab': 'America/Nuuk',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Pacific/Enderbury': 'Pacific/Kanton',
};

export function currencyChoices(): string[] {
  return commonCurrencies;
}

export function timeZoneChoices(): string[] {
  zones ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC').map((z) => renamedZones[z] ?? z)].sort((a, b) =>
    a === 'UTC' ? -1 : b === 'UTC' ? 1 : a.localeCompare(b),
  );
  return zones;
}

export function isCurrency(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && Intl.supportedValuesOf('currency').includes(code);
}

export function isTimeZone(zone: string): boolean {
  return timeZoneChoices().includes(zone) || zone in renamedZones;
}
