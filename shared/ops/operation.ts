import type { z } from 'zod';
import type { OpContext, Role } from './context.js';

/**
 * One business action, defined once and exposed through both doors (MCP tools, web API).
 * Permission (role and scope) is declared here and enforced by runOperation, so no door can skip it.
 */
export interface Operation<I extends z.ZodObject = z.ZodObject, O extends z.ZodType = z.ZodType> {
  name: string;
  title: string;
  description: string;
  input: I;
  output: O;
  /** 'read' needs the clerq:read scope, 'write' needs clerq:write. */
  access: 'read' | 'write';
  roles: readonly Role[];
  /** What a caller whose role is not in `roles` is told, when the generic sentence says too little. */
  forbiddenMessage?: string;
  /** MCP annotations beyond readOnlyHint (derived from access). */
  destructive?: boolean;
  idempotent?: boolean;
  /** Accepts `idempotency_key` (the input schema must include idempotencyKeyField). */
  keyed?: boolean;
  /** 'tool': an MCP tool and a web operation; 'web': web app only. */
  door: 'tool' | 'web';
  handler: (ctx: OpContext, input: z.output<I>) => Promise<z.output<O>>;
  /** The short text an assistant reads beside structuredContent. */
  summarize: (output: z.output<O>) => string;
}

export function defineOperation<I extends z.ZodObject, O extends z.ZodType>(op: Operation<I, O>): Operation<I, O> {
  return op;
}

export const allRoles = ['owner', 'admin', 'member'] as const satisfies readonly Role[];
export const adminRoles = ['owner', 'admin'] as const satisfies readonly Role[];
