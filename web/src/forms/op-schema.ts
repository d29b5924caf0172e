/**
 * Client-side validation with the operations' own rules: each input JSON Schema of the generated
 * contract (the conversion the MCP tool list uses) is turned back into zod, so the browser checks
 * exactly what the operation will check. The server validates again.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import type { FieldValues, Resolver } from 'react-hook-form';
import { z } from 'zod';
import schemas from '../generated/input-schemas.json';

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

/**
 * A react-hook-form resolver: the form's values are turned into the operation's input (text to
 * numbers and minor units, empty to absent or null) and validated against its schema; issue paths
 * name the input fields, which the forms use as field names.
 */
export function opResolver<F extends FieldValues>(operation: string, toInput: (values: F) => OpInput): Resolver<F, unknown, OpInput> {
  const schema = z.preprocess((values) => toInput(values as F), inputSchema(operation));
  return zodResolver(schema as z.ZodType<OpInput, F>) as unknown as Resolver<F, unknown, OpInput>;
}

/** Drops empty strings (absent), keeps the rest. */
export function present<T extends Record<string, unknown>>(values: T): OpInput {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '' && v !== undefined));
}

/** '' → null (clears an optional field on update), anything else as is. */
export function orNull(v: string | undefined): string | null {
  return v === undefined || v.trim() === '' ? null : v.trim();
}

/** A number typed as text: the number when it reads as one, else the text (so the schema reports it). */
export function num(v: string | undefined): number | string | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v.trim());
  return Number.isFinite(n) ? n : v;
}
