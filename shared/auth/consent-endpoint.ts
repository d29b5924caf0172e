import { issuer } from '../config/index.js';
import { entities } from '../db/service.js';
import { form } from '../http/request.js';
import { redirect } from '../http/response.js';
import type { HttpEvent, HttpResult } from '../http/types.js';
import { issueAuthorizationCode } from './authorization-codes.js';
import { errorRedirect } from './authorize-request.js';
import { verifyCsrf } from './csrf.js';
import { expiredFormPage, problemPage } from './page-responses.js';
import { verifyPendingRequest } from './pending-request.js';
import { withParams } from './redirect-uris.js';
import { consentedScope } from './scopes.js';
import { currentSession } from './sessions.js';

/**
 * POST /oauth/consent. Trusts nothing from the form but the signed request (which the GET
 * validated) and re-checks what can change: the session, and membership of the chosen business.
 */
export async function consentPost(event: HttpEvent): Promise<HttpResult> {
  const f = form(event);
  if (!verifyCsrf(event, f.get('csrf'))) return expiredFormPage();
  const session = await currentSession(event);
  if (!session) return problemPage(401, 'You are signed out', 'Start connecting again from the application.');
  const request = await verifyPendingRequest(f.get('request') ?? '', session.userId);
  if (!request) return problemPage(400, 'This request has expired', 'Start connecting again from the application.');

  if (f.get('action') !== 'approve') {
    return redirect(errorRedirect(request.redirectUri, 'access_denied', 'The person declined to connect.', request.state));
  }
  const businessId = f.get('business') ?? '';
  const { data: member } = businessId ? await entities.membership.get({ businessId, userId: session.userId }).go() : { data: null };
  if (!member) return problemPage(403, 'Not a member of that business', 'Go back and choose a business you belong to.');

  // No choice sent (an old or hand-made form) means the smaller grant.
  const access = f.get('access') === 'write' ? 'write' : 'read';
  const code = await issueAuthorizationCode(request, { userId: session.userId, businessId, scope: consentedScope(request.scope, access) });
  return redirect(withParams(request.redirectUri, { code, state: request.state, iss: issuer() }));
}
