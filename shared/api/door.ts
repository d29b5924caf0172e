import { apiPaths, pathMatches } from '../../functions/routes.js';
import { db } from '../db/service.js';
import { currentSession } from '../auth/sessions.js';
import { log } from '../http/log.js';
import { method, path } from '../http/request.js';
import { json } from '../http/response.js';
import type { HttpEvent, HttpResult } from '../http/types.js';
import { OpError, type ErrorCode } from '../ops/errors.js';
import { operationsByName } from '../ops/registry.js';
import { runOperation } from '../ops/run.js';
import { accountEndpoint } from './account-endpoints.js';
import { apiCsrfToken, apiCsrfValid } from './csrf.js';
import { apiError, csrfRefused, jsonBody, unauthenticated } from './replies.js';
import { authenticateSession } from './session-context.js';

const statusOf: Record<ErrorCode, number> = { invalid_input: 400, forbidden: 403, read_only: 403, not_found: 404, conflict: 409, internal: 500 };

const noSuchBusiness = (id: string) => apiError(404, 'not_found', `business ${id} is not one of yours`);

/** GET /api/v1/session: who is signed in, their businesses with their role in each, and the CSRF token for writes. */
async function sessionInfo(event: HttpEvent): Promise<HttpResult> {
  const session = await currentSession(event);
  if (!session) return unauthenticated();
  const [{ data: user }, { data: memberships }] = await Promise.all([
    db.entities.user.get({ userId: session.userId }).go(),
    db.entities.membership.query.byUser({ userId: session.userId }).go({ pages: 'all' }),
  ]);
  if (!user) return unauthenticated();
  return json(200, {
    user: { id: user.userId, name: user.name, email: user.email },
    businesses: memberships.map((m) => ({ id: m.businessId, name: m.businessName, role: m.role })).sort((a, b) => a.name.localeCompare(b.name)),
    csrf_token: apiCsrfToken(session.sessionHash),
  });
}

/** POST /api/v1/businesses/{businessId}/ops/{operation}: one operation, its input as the JSON body. */
async function operation(event: HttpEvent, businessId: string, name: string): Promise<HttpResult> {
  const requestId = event.requestContext.requestId;
  const auth = await authenticateSession(event, businessId, requestId);
  if (!auth.ok) return auth.reason === 'unauthenticated' ? unauthenticated() : noSuchBusiness(businessId);
  if (!apiCsrfValid(event, auth.sessionHash)) return csrfRefused();
  const op = operationsByName.get(name);
  if (!op) return apiError(404, 'not_found', `There is no operation ${name}.`);
  const body = jsonBody(event);
  if (!body.ok) return body.response;
  const input = body.value;
  const started = performance.now();
  const done = (outcome: string) =>
    log.info('web operation', { requestId, businessId, operation: name, outcome, ms: Math.round(performance.now() - started) });
  try {
    const result = await runOperation(op, auth.ctx, input);
    done('ok');
    return json(200, { result });
  } catch (e) {
    if (!(e instanceof OpError)) throw e;
    done(e.code);
    return apiError(statusOf[e.code], e.code, e.message, e.details);
  }
}

/** The web app's JSON door. Same operations, same checks as the MCP endpoint; a session cookie instead of a token. */
export async function handleApi(event: HttpEvent): Promise<HttpResult> {
  const p = path(event);
  const m = method(event);
  if (p === apiPaths.session) return m === 'GET' ? sessionInfo(event) : apiError(405, 'method_not_allowed', 'Use GET.');
  if (pathMatches(apiPaths.operation, p)) {
    if (m !== 'POST') return apiError(405, 'method_not_allowed', 'Use POST with the input as a JSON body.');
    const [, , , , businessId, , name] = p.split('/');
    return operation(event, businessId!, name!);
  }
  if (p === apiPaths.signOut || p === apiPaths.signOutEverywhere || p === apiPaths.password) {
    return m === 'POST' ? accountEndpoint(event, p) : apiError(405, 'method_not_allowed', 'Use POST.');
  }
  return apiError(404, 'not_found', `No such endpoint: ${p}`);
}
