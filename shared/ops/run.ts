import type { z } from 'zod';
import type { OpContext } from './context.js';
import type { Operation } from './operation.js';
import { OpError } from './errors.js';
import { findIdempotentResult, idempotencyScope, IdempotencyRace } from './idempotency.js';

export const readOnlyMessage =
  'This connection is read-only. To let the assistant make changes, disconnect it and connect again, choosing "Read and write" on the consent page.';

/** Checks scope and role before anything else, so a refused call reveals nothing about its arguments. */
function authorize(op: Operation, ctx: OpContext): void {
  if (op.access === 'write' && !ctx.scopes.has('clerq:write')) throw new OpError('read_only', readOnlyMessage);
  if (op.access === 'read' && !ctx.scopes.has('clerq:read') && !ctx.scopes.has('clerq:write')) {
    throw new OpError('forbidden', 'This connection was not granted read access (clerq:read).');
  }
  if (!op.roles.includes(ctx.role)) {
    throw new OpError('forbidden', op.refusal ?? `Your role in this business (${ctx.role}) cannot ${op.title.toLowerCase()}; it needs ${op.roles.join(' or ')}.`);
  }
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.length ? path.map(String).join('.') : '(arguments)';
}

/** Turns zod issues into one message that names every bad field. */
export function describeIssues(error: z.ZodError): OpError {
  const fields = error.issues.map((i) => ({ field: fieldPath(i.path), message: i.message }));
  const message = fields.map((f) => `${f.field}: ${f.message}`).join('; ');
  return new OpError('invalid_input', `Invalid input: ${message}`, { fields });
}

/** Runs one operation for one caller: permission, validation, idempotency, handler, output check. */
export async function runOperation(op: Operation, ctx: OpContext, rawInput: unknown): Promise<unknown> {
  authorize(op, ctx);
  const parsed = op.input.safeParse(rawInput ?? {});
  if (!parsed.success) throw describeIssues(parsed.error);
  const input = parsed.data as Record<string, unknown>;

  const key = op.keyed ? (input.idempotency_key as string | undefined) : undefined;
  if (!key) return checkOutput(op, await op.handler(ctx, input));

  const scope = idempotencyScope(op.name, ctx, key, input);
  const earlier = await findIdempotentResult(ctx.businessId, scope);
  if (earlier !== undefined) return earlier;
  try {
    return checkOutput(op, await op.handler({ ...ctx, idempotency: scope }, input));
  } catch (e) {
    if (!(e instanceof IdempotencyRace)) throw e;
    // A concurrent request with the same key committed first: answer with its result.
    const winner = await findIdempotentResult(ctx.businessId, scope);
    if (winner === undefined) throw new OpError('conflict', 'A request with this idempotency_key is still in progress; retry shortly.');
    return winner;
  }
}

/** The output schema is the contract: a handler that breaks it is a bug, reported as internal. */
function checkOutput(op: Operation, output: unknown): unknown {
  const checked = op.output.safeParse(output);
  if (!checked.success) throw new Error(`${op.name} produced output outside its schema: ${checked.error.message}`);
  return checked.data;
}
