import { apiPaths } from '../../functions/routes.js';
import { changePassword, endSessionsOf } from '../auth/account.js';
import { currentSession, endSession } from '../auth/sessions.js';
import { json } from '../http/response.js';
import type { HttpEvent, HttpResult } from '../http/types.js';
import { apiCsrfValid } from './csrf.js';
import { apiError, csrfRefused, jsonBody, unauthenticated } from './replies.js';

/** The person's own account, not a business: sign out here or everywhere, change the password. Session and CSRF header required. */
export async function accountEndpoint(event: HttpEvent, path: string): Promise<HttpResult> {
  const session = await currentSession(event);
  if (!session) return unauthenticated();
  if (!apiCsrfValid(event, session.sessionHash)) return csrfRefused();

  if (path === apiPaths.signOut) return { ...json(200, { result: { signed_out: true } }), cookies: [await endSession(event)] };
  if (path === apiPaths.signOutEverywhere) {
    const ended = await endSessionsOf(session.userId);
    return { ...json(200, { result: { sessions_ended: ended } }), cookies: [await endSession(event)] };
  }
  const body = jsonBody(event);
  if (!body.ok) return body.response;
  const input = body.value as { current_password?: unknown; new_password?: unknown };
  if (typeof input.current_password !== 'string' || typeof input.new_password !== 'string') {
    return apiError(400, 'invalid_input', 'Invalid input: give current_password and new_password as strings.');
  }
  const changed = await changePassword(session.userId, session.sessionHash, input.current_password, input.new_password);
  if (changed.ok) return json(200, { result: { changed: true, other_sessions_ended: changed.otherSessionsEnded } });
  const message = `Invalid input: ${changed.field}: ${changed.message}`;
  return apiError(changed.retryAfterSeconds ? 429 : 400, 'invalid_input', message, { fields: [{ field: changed.field, message: changed.message }] });
}
