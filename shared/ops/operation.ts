import type { z } from 'zod';
import type { OpContext } from './context.js';
import { permissions, type OperationName, type Permission } from './permissions.js';

/**
 * One business action, defined once and exposed through both doors (MCP tools, web API).
 * Who may call it comes from the permission matrix (permissions.ts) and is enforced by
 * runOperation, so no door can skip it.
 */
export interface OperationSpec<I extends z.ZodObject = z.ZodObject, O extends z.ZodType = z.ZodType> {
  name: OperationName;
  title: string;
  description: string;
  input: I;
  output: O;
  /** MCP annotations beyond readOnlyHint (derived from access). */
  destructive?: boolean;
  idempotent?: boolean;
  /** Accepts `idempotency_key` (the input schema must include idempotencyKeyField). */
  keyed?: boolean;
  handler: (ctx: OpContext, input: z.output<I>) => Promise<z.output<O>>;
  /** The short text an assistant reads beside structuredContent. */
  summarize: (output: z.output<O>) => string;
}

/** An operation with its row of the permission matrix. */
export type Operation<I extends z.ZodObject = z.ZodObject, O extends z.ZodType = z.ZodType> = OperationSpec<I, O> & Permission;

export function defineOperation<I extends z.ZodObject, O extends z.ZodType>(spec: OperationSpec<I, O>): Operation<I, O> {
  return { ...spec, ...(permissions[spec.name] as Permission) };
}
