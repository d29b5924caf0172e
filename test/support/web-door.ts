import type { SeededMember } from './seed.js';
import { signIn, type WebSession } from './web-session.js';

/** What a web-door call answered: the operation's output, or its error code and message. */
export type WebAnswer<T = Record<string, unknown>> = { ok: true; out: T } | { ok: false; code: string; message: string };

const sessions = new Map<string, Promise<WebSession>>();

/** Runs an operation through the JSON door (functions/api.ts) as the member, signed in once per member. */
export async function webCall<T = Record<string, unknown>>(who: SeededMember, name: string, args: Record<string, unknown> = {}): Promise<WebAnswer<T>> {
  let session = sessions.get(who.userId);
  if (!session) sessions.set(who.userId, (session = signIn(who)));
  const { body } = await (await session).op(name, args, { businessId: who.businessId });
  if (body.error) return { ok: false, code: body.error.code, message: body.error.message };
  return { ok: true, out: body.result as T };
}

/** The output of a web call that must succeed. */
export function webOut<T>(a: WebAnswer<T>): T {
  if (!a.ok) throw new Error(`web call failed: ${a.code}: ${a.message}`);
  return a.out;
}
