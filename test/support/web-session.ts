import { db } from '../../shared/db/service.js';
import { createSession, sessionCookieName } from '../../shared/auth/sessions.js';
import { apiPaths } from '../../functions/routes.js';
import { handler } from '../../functions/api.js';
import type { HttpResult } from '../../shared/http/types.js';
import { httpEvent, resultJson } from './events.js';
import type { SeededMember } from './seed.js';

/** A signed-in browser of a seeded member: its session cookie and the CSRF token the session page gives. */
export interface WebSession {
  cookie: Record<string, string>;
  csrf: string;
  /** POST an operation through the JSON door, as the web app does. */
  op(name: string, input?: unknown, o?: { businessId?: string; headers?: Record<string, string> }): Promise<{ status: number; body: ApiBody }>;
}

export interface ApiBody {
  result?: Record<string, unknown>;
  error?: { code: string; message: string; details?: Record<string, unknown> };
}

export const operationPath = (businessId: string, name: string) => apiPaths.operation.replace('{businessId}', businessId).replace('{operation}', name);

export async function invokeApi(init: Parameters<typeof httpEvent>[0]): Promise<HttpResult> {
  return (await handler(httpEvent(init), {} as never)) as HttpResult;
}

/** Gives the member a user record (the sign-in page's), starts a session and reads its CSRF token. */
export async function signIn(m: SeededMember, name = `Person ${m.userId.slice(-6)}`, passwordHash = 'not used'): Promise<WebSession> {
  const email = `${m.userId.toLowerCase()}@example.test`;
  await db.entities.user.put({ userId: m.userId, email, name, passwordHash, createdAt: new Date().toISOString() }).go();
  await db.entities.userEmail.put({ email, userId: m.userId }).go();
  return newSession(m);
}

/** Another signed-in browser of a member who has a user record already. */
export async function newSession(m: SeededMember): Promise<WebSession> {
  const setCookie = await createSession(m.userId);
  const value = setCookie.split(';')[0]!.slice(sessionCookieName.length + 1);
  const cookie = { [sessionCookieName]: value };
  const session = resultJson<{ csrf_token: string }>(await invokeApi({ method: 'GET', path: apiPaths.session, cookies: cookie }));
  return {
    cookie,
    csrf: session.csrf_token,
    async op(name, input = {}, o = {}) {
      const result = await invokeApi({
        method: 'POST',
        path: operationPath(o.businessId ?? m.businessId, name),
        cookies: cookie,
        headers: { 'x-clerq-csrf': session.csrf_token, ...o.headers },
        json: input,
      });
      return { status: result.statusCode ?? 0, body: resultJson<ApiBody>(result) };
    },
  };
}
