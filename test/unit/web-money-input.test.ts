/**
 * Money typed into the web app is read in the browser's locale (web/src/lib/format.ts): the
 * locale's decimal separator, the other one where that is unambiguous, the locale's grouping
 * separator before exactly three digits, never a silent ×100; and edit forms prefill amounts the
 * way the locale shows them, which the parser reads back. Quantities, percentages and decimal
 * hours are read by the same reading of "a decimal number typed in this locale".
 */
import { describe, expect, it } from '@jest/globals';
import { decimalInput, moneyExample, moneyInput, parseDecimal, parseDuration, parseMoney } from '../../web/src/lib/format.js';

const minor = (text: string, currency: string, locale: string) => parseMoney(text, currency, locale);

describe('parseMoney reads the locale’s way of writing amounts', () => {
  it.each([
    // en-US: "." decimal, "," grouping
    ['85.50', 'USD', 'en-US', 8550],
    ['85.5', 'USD', 'en-US', 8550],
    ['85', 'USD', 'en-US', 8500],
    ['1,234.50', 'USD', 'en-US', 123450],
    ['1,234', 'USD', 'en-US', 123400],
    ['1,234,567.89', 'USD', 'en-US', 123456789],
    ['85,50', 'USD', 'en-US', 8550], // the other separator before two digits: a decimal
    ['1.234,50', 'USD', 'en-US', 123450], // both: the last one is the decimal
    ['$85.50', 'USD', 'en-US', 8550],
    ['.5', 'USD', 'en-US', 50],
    // de-DE: "," decimal, "." grouping
    ['85,50', 'EUR', 'de-DE', 8550],
    ['500,00', 'EUR', 'de-DE', 50000],
    ['1.234,50', 'EUR', 'de-DE', 123450],
    ['1.234', 'EUR', 'de-DE', 123400], // the locale's grouping separator before three digits
    ['1.234.567', 'EUR', 'de-DE', 123456700],
    ['85.50', 'EUR', 'de-DE', 8550], // the other separator before two digits: a decimal
    ['1,234.50', 'EUR', 'de-DE', 123450],
    ['85,50 €', 'EUR', 'de-DE', 8550],
    ['1 234,50', 'EUR', 'de-DE', 123450],
    // fr-FR: "," decimal, narrow no-break space grouping (a plain or no-break space is read the same)
    ['85,50', 'EUR', 'fr-FR', 8550],
    ['1\u202f234,50', 'EUR', 'fr-FR', 123450],
    ['1\u00a0234,50', 'EUR', 'fr-FR', 123450],
    ['1 234,50', 'EUR', 'fr-FR', 123450],
    ['1 234 567', 'EUR', 'fr-FR', 123456700],
    ['1\u202f234,50\u00a0€', 'EUR', 'fr-FR', 123450],
    // JPY has no minor digits
    ['1234', 'JPY', 'en-US', 1234],
    ['1,234', 'JPY', 'en-US', 1234],
    ['1.234', 'JPY', 'de-DE', 1234],
    ['1\u202f234', 'JPY', 'fr-FR', 1234],
    // BHD has three
    ['1.234', 'BHD', 'en-US', 1234],
    ['1,234', 'BHD', 'en-US', 1234000], // grouping in en-US
    ['1,234', 'BHD', 'de-DE', 1234], // the decimal in de-DE
    ['1.234,567', 'BHD', 'de-DE', 1234567],
    ['1,5', 'BHD', 'fr-FR', 1500],
  ])('%j in %s (%s) is %i minor units', (text, currency, locale, expected) => {
    expect(minor(text, currency, locale)).toEqual({ ok: true, minor: expected });
  });

  it.each([
    ['85.505', 'USD', 'en-US', 'Use at most 2 decimals for USD, such as 120.50'],
    ['1.234', 'USD', 'en-US', 'Use at most 2 decimals for USD, such as 120.50'], // "." is en-US's decimal
    ['85,505', 'EUR', 'de-DE', 'Use at most 2 decimals for EUR, such as 120,50'],
    ['1.234', 'EUR', 'fr-FR', 'Use at most 2 decimals for EUR, such as 120,50'], // "." does not group in fr-FR
    ['1,5', 'JPY', 'de-DE', 'JPY amounts have no decimals: enter a whole number, such as 120'],
    ['12.5', 'JPY', 'en-US', 'JPY amounts have no decimals: enter a whole number, such as 120'],
    ['1,2345', 'BHD', 'de-DE', 'Use at most 3 decimals for BHD, such as 120,500'],
  ])('%j in %s (%s) has too many decimals: %s', (text, currency, locale, message) => {
    expect(minor(text, currency, locale)).toEqual({ ok: false, error: message });
  });

  it.each([
    ['abc', 'EUR', 'de-DE'],
    ['1.2.3', 'EUR', 'de-DE'], // groups of three after the first
    ['12.34.567', 'EUR', 'de-DE'],
    ['1.234,567,8', 'EUR', 'de-DE'],
    ['1.234,567', 'USD', 'en-US'], // "," before three digits groups in en-US, after "." grouped: ambiguous
    ['85,', 'EUR', 'de-DE'],
    ['8 5 0', 'EUR', 'fr-FR'],
    ['', 'EUR', 'de-DE'],
    ['12e3', 'USD', 'en-US'],
  ])('%j in %s (%s) is not an amount', (text, currency, locale) => {
    const r = minor(text, currency, locale);
    expect(r.ok).toBe(false);
    expect(r).toEqual({ ok: false, error: `Enter an amount, such as ${moneyExample(currency, locale)}` });
  });
});

describe('moneyInput writes minor units as the locale shows them, and parseMoney reads them back', () => {
  it.each([
    [8550, 'EUR', 'de-DE', '85,50'],
    [123450, 'EUR', 'de-DE', '1.234,50'],
    [8550, 'USD', 'en-US', '85.50'],
    [123450, 'USD', 'en-US', '1,234.50'],
    [123450, 'EUR', 'fr-FR', '1\u202f234,50'],
    [1234, 'JPY', 'de-DE', '1.234'],
    [1234567, 'BHD', 'en-US', '1,234.567'],
    [1234567, 'BHD', 'de-DE', '1.234,567'],
  ])('%i %s in %s is %j', (amount, currency, locale, text) => {
    expect(moneyInput(amount, currency, locale)).toBe(text);
    expect(parseMoney(text, currency, locale)).toEqual({ ok: true, minor: amount });
  });

  it('leaves an absent amount empty', () => {
    expect(moneyInput(null, 'EUR', 'de-DE')).toBe('');
  });

  it('gives hints in the locale’s form', () => {
    expect([moneyExample('EUR', 'de-DE'), moneyExample('USD', 'en-US'), moneyExample('EUR', 'fr-FR'), moneyExample('JPY', 'en-US')]).toEqual(['120,50', '120.50', '120,50', '120']);
  });
});

describe('parseDecimal reads quantities and percentages as money is read', () => {
  it.each([
    ['7,5', 'de-DE', 7.5], // refused before, never misread: now the locale's decimal
    ['7.5', 'de-DE', 7.5], // the other separator before one digit: a decimal
    ['2,25', 'de-DE', 2.25],
    ['1.234', 'de-DE', 1234], // the locale's grouping before three digits
    ['1.234,5', 'de-DE', 1234.5],
    ['7.5', 'en-US', 7.5],
    ['1,5', 'en-US', 1.5],
    ['1,234', 'en-US', 1234],
    ['0,125', 'fr-FR', 0.125],
    ['1 234,5', 'fr-FR', 1234.5],
    ['20', 'de-DE', 20],
    ['-2,5', 'de-DE', -2.5],
  ])('%j in %s is %d', (text, locale, expected) => {
    expect(parseDecimal(text, locale)).toBe(expected);
  });

  it.each([['abc'], ['7,5,5'], ['1.2.3'], ['12e3'], [''], ['7,']])('%j is not a number', (text) => {
    expect(parseDecimal(text, 'de-DE')).toBeUndefined();
  });

  it.each([
    [7.5, 'de-DE', '7,5'],
    [7.5, 'en-US', '7.5'],
    [19, 'de-DE', '19'],
    [1234.5, 'de-DE', '1234,5'],
    [0.125, 'fr-FR', '0,125'],
  ])('%d in %s is prefilled as %j, and read back', (n, locale, text) => {
    expect(decimalInput(n, locale)).toBe(text);
    expect(parseDecimal(text, locale)).toBe(n);
  });
});

describe('parseDuration reads decimal hours in the locale', () => {
  it.each([
    ['1,5', 'de-DE', 90],
    ['1.5', 'en-US', 90],
    ['1.5', 'de-DE', 90], // unambiguous: a decimal
    ['0,25h', 'de-DE', 15],
    ['2', 'de-DE', 120],
    ['1:30', 'de-DE', 90],
    ['1:30', 'en-US', 90],
    ['90m', 'de-DE', 90],
    ['90 min', 'en-US', 90],
    ['1h 30m', 'de-DE', 90],
  ])('%j in %s is %i minutes', (text, locale, minutes) => {
    expect(parseDuration(text, locale)).toBe(minutes);
  });

  it.each([['1,5,5'], ['abc'], ['1:75'], ['1.2.3']])('%j is not a duration', (text) => {
    expect(parseDuration(text, 'de-DE')).toBeUndefined();
  });
});
