import { csrfHeader } from './csrf.js';
import { bodyText, header } from '../http/request.js';
import { json } from '../http/response.js';
import type { HttpEvent, HttpResult } from '../http/types.js';

/** Errors carry the tools' codes: `{ error: { code, message, details? } }`. */
export function apiError(status: number, code: string, message: string, details?: Record<string, unknown>): HttpResult {
  return json(status, { error: { code, message, ...(details ? { details } : {}) } });
}

export const csrfRefused = () => apiError(403, 'forbidden', `Missing or wrong ${csrfHeader} header: reload the page and try again.`);

export const unauthenticated = () => apiError(401, 'unauthenticated', 'Not signed in, or the session ended. Sign in again.');

/** The request's JSON body ({} when empty), or the answer that says what is wrong with it. */
export function jsonBody(event: HttpEvent): { ok: true; value: unknown } | { ok: false; response: HttpResult } {
  if (!(header(event, 'content-type') ?? '').toLowerCase().startsWith('application/json')) {
    return { ok: false, response: apiError(415, 'invalid_input', 'Send the input as JSON (Content-Type: application/json).') };
  }
  const text = bodyText(event);
  try {
    return { ok: true, value: text ? JSON.parse(text) : {} };
  } catch {
    return { ok: false, response: apiError(400, 'invalid_input', 'The body is not valid JSON.') };
  }
}
