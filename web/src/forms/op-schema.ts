/**
 * Client-side validation with the operations' own rules: each input JSON Schema of the generated
 * contract (the conversion the MCP tool list uses) is turned back into zod, so the browser checks
 * exactly what the operation will check. The server validates again.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import type { FieldValues, Resolver } from 'react-hook-form';
import { z } from 'zod';
import schemas from '../generated/input-schemas.json';
import { decimalInput, moneyExample, parseDecimal, parseMoney } from '../lib/format';

const converted = new Map<string, z.ZodType>();

export function inputSchema(operation: string): z.ZodType {
  let schema = converted.get(operation);
  if (!schema) {
    const json = (schemas as Record<string, unknown>)[operation];
    if (!json) throw new Error(`no input schema for ${operation}`);
    schema = z.fromJSONSchema(json as Parameters<typeof z.fromJSONSchema>[0]);
    converted.set(operation, schema);
  }
  return schema;
}

export type OpInput = Record<string, unknown>;

type Issue = Parameters<z.core.$ZodErrorMap>[0];

/** Integer minor units typed as decimals in the browser's locale ("120.50", "120,50"). */
const moneyField = /(^|_)(amount|hourly_rate)$/;
/** Whole minutes typed as durations ("1:30", "1.5", "90m"). */
const minutesField = /_minutes$/;
/** Basis points typed as a percentage ("20" for 2000). */
const percentField = /_bps$/;

/** The contract's patterns, said plainly (keyed by the pattern's source, as the schema carries it). */
const patternMessages = new Map<string, string>([
  [String.raw`^\d{4}-\d{2}-\d{2}$`, 'Use the format YYYY-MM-DD, such as 2026-12-04'],
  [String.raw`^[A-Za-z]{2}$`, 'Use the two-letter country code, such as DE or US'],
  [String.raw`^[0-9+()\-.\s]+$`, 'Use digits, spaces and + ( ) - . only'],
  [String.raw`^[A-Za-z0-9][A-Za-z0-9/_-]{0,11}$`, 'Use up to 12 letters, digits, “-”, “_” or “/”, starting with a letter or digit'],
]);

function patternMessage(field: string, pattern: string): string {
  if (field === 'email') return 'Enter an email address, such as name@example.com';
  const known = patternMessages.get(pattern);
  if (known) return known;
  // Ids (cli_…, tsk_…) come from pickers; timestamps from the app itself.
  if (/^\^[a-z]+_\[/.test(pattern)) return 'Choose one from the list';
  if (pattern.includes('T(?:')) return 'Use a date and time such as 2026-12-04T09:30:00Z';
  return 'Use the format this field expects';
}

function plainNumber(n: number | bigint): string {
  return Number(n).toLocaleString();
}

/**
 * Plain words for what the converted schemas refuse, instead of zod's own ("Invalid input:
 * expected number, received string"). One map for every form: the field's name says what kind of
 * value it holds (money, a duration, a percentage), so the message can say what to type.
 */
export function plainMessage(issue: Issue): string | undefined {
  // A money field whose text did not read as an amount: the parser's own words.
  if (issue.input instanceof MoneyProblem) return issue.input.message;
  const path = issue.path ?? [];
  const field = String(path[path.length - 1] ?? '');
  const money = moneyField.test(field);
  const minutes = minutesField.test(field);
  const percent = percentField.test(field);
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined || issue.input === null || issue.input === '') return 'Required';
      if (money) return `Enter an amount, such as ${moneyExample()}`;
      if (minutes) return `Enter a duration, such as 1:30, ${decimalInput(1.5)} or 90m`;
      if (percent) return `Enter a percentage, such as ${decimalInput(7.5)}`;
      if (issue.expected === 'int') return 'Enter a whole number';
      if (issue.expected === 'number') return 'Enter a number';
      if (issue.expected === 'boolean') return 'Choose yes or no';
      return 'Required';
    }
    case 'too_small': {
      const min = issue.minimum;
      if (issue.origin === 'string') return Number(min) <= 1 ? 'Required' : `Too short: at least ${plainNumber(min)} characters`;
      if (money) return Number(min) > 0 ? 'Enter an amount above zero' : 'Enter zero or more';
      if (minutes) return 'Enter at least 1 minute';
      if (percent) return 'Enter zero or more';
      return issue.inclusive === false ? `Enter more than ${plainNumber(min)}` : `Enter at least ${plainNumber(min)}`;
    }
    case 'too_big': {
      const max = issue.maximum;
      if (issue.origin === 'string') return `Too long: at most ${plainNumber(max)} characters`;
      if (money) return 'That amount is too large';
      if (minutes) return `At most ${Math.floor(Number(max) / 60)} h (${plainNumber(max)} minutes)`;
      if (percent) return `At most ${plainNumber(Number(max) / 100)}%`;
      return `Enter at most ${plainNumber(max)}`;
    }
    case 'invalid_format': {
      if (issue.format === 'email') return 'Enter an email address, such as name@example.com';
      // zod gives the pattern as a regular expression literal: "/^…$/".
      return patternMessage(field, (issue.pattern ?? '').replace(/^\/|\/[a-z]*$/g, ''));
    }
    case 'not_multiple_of':
      return money ? `Enter an amount, such as ${moneyExample()}` : 'Enter a whole number';
    case 'invalid_union': {
      // An optional field the operation also takes as null ("clear it"): say what is wrong with
      // the value itself, read as the branch that is not null.
      const branch = issue.errors.find((b) => !(b[0]?.code === 'invalid_type' && b[0].expected === 'null'))?.[0];
      return branch ? plainMessage({ ...branch, path: [...path, ...branch.path], input: issue.input } as Issue) : 'Choose one of the options';
    }
    case 'invalid_value':
      return 'Choose one of the options';
    default:
      return undefined;
  }
}

/**
 * A react-hook-form resolver: the form's values are turned into the operation's input (text to
 * numbers and minor units, empty to absent or null) and validated against its schema; issue paths
 * name the input fields, which the forms use as field names.
 */
export function opResolver<F extends FieldValues>(operation: string, toInput: (values: F) => OpInput): Resolver<F, unknown, OpInput> {
  const schema = z.preprocess((values) => toInput(values as F), inputSchema(operation));
  return zodResolver(schema as z.ZodType<OpInput, F>, { error: plainMessage }) as unknown as Resolver<F, unknown, OpInput>;
}

/** Drops empty strings (absent), keeps the rest. */
export function present<T extends Record<string, unknown>>(values: T): OpInput {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '' && v !== undefined));
}

/** '' → null (clears an optional field on update), anything else as is. */
export function orNull(v: string | undefined): string | null {
  return v === undefined || v.trim() === '' ? null : v.trim();
}

/**
 * A number typed as text (a quantity, days), read in the browser's locale as money is ("1,5" in
 * de-DE is 1.5): the number when it reads as one, else the text (so the schema reports it).
 */
export function num(v: string | undefined): number | string | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  return parseDecimal(v) ?? v;
}

/** A percentage typed as text ("7,5" in de-DE, "7.5" in en-US) as basis points (750); else the text, for the schema to report. */
export function percentValue(v: string | undefined): number | string | undefined {
  const n = num(v);
  return typeof n === 'number' ? Math.round(n * 100) : n;
}

/** Basis points as the percentage a person types, in the locale's form (750 → "7,5" in de-DE), for prefilling. */
export function percentInput(bps: number | null | undefined): string {
  return bps === null || bps === undefined ? '' : decimalInput(bps / 100);
}

/** Why a money field's text is not an amount, carried to the schema so its message can say so. */
export class MoneyProblem {
  constructor(readonly message: string) {}
}

/**
 * A money field's text as the operation's minor units, read in the browser's locale by
 * `parseMoney` (the one parser every money field uses); empty is absent; text that is not an
 * amount becomes a `MoneyProblem`, which the schema refuses with the parser's message.
 */
export function moneyValue(text: string | undefined, currency: string): number | MoneyProblem | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const r = parseMoney(text, currency);
  return r.ok ? r.minor : new MoneyProblem(r.error);
}
