import { db } from '../../shared/db/service.js';
import type { OpContext } from '../../shared/ops/context.js';
import { OpError } from '../../shared/ops/errors.js';
import { operationsByName } from '../../shared/ops/registry.js';
import { runOperation } from '../../shared/ops/run.js';

/** What a web-door call answered: the operation's output, or its error code and message. */
export type WebAnswer<T = Record<string, unknown>> = { ok: true; out: T } | { ok: false; code: string; message: string };

/**
 * Runs an operation as the web app will (issue 8's JSON door): the signed-in person in their
 * business, with their role as it is now, through the same runOperation the MCP endpoint uses.
 */
export async function webCall<T = Record<string, unknown>>(who: { businessId: string; userId: string }, name: string, args: Record<string, unknown> = {}): Promise<WebAnswer<T>> {
  const op = operationsByName.get(name);
  if (!op) throw new Error(`no operation ${name}`);
  const [{ data: m }, { data: b }] = await Promise.all([
    db.entities.membership.get({ businessId: who.businessId, userId: who.userId }).go(),
    db.entities.business.get({ businessId: who.businessId }).go(),
  ]);
  if (!m || !b) return { ok: false, code: 'not_a_member', message: 'not a member of this business' };
  const ctx: OpContext = {
    businessId: b.businessId,
    businessName: b.name,
    business: b,
    userId: m.userId,
    userName: m.userName,
    userEmail: m.userEmail,
    role: m.role,
    scopes: new Set(['clerq:read', 'clerq:write']),
    via: 'web',
    requestId: `web-test-${Math.random().toString(36).slice(2)}`,
  };
  try {
    return { ok: true, out: (await runOperation(op, ctx, args)) as T };
  } catch (e) {
    if (e instanceof OpError) return { ok: false, code: e.code, message: e.message };
    throw e;
  }
}

/** The output of a web call that must succeed. */
export function webOut<T>(a: WebAnswer<T>): T {
  if (!a.ok) throw new Error(`web call failed: ${a.code}: ${a.message}`);
  return a.out;
}
