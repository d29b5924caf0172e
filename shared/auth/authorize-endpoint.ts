import { pagePaths } from '../../functions/routes.js';
import { entities } from '../db/service.js';
import { query } from '../http/request.js';
import { redirect } from '../http/response.js';
import type { HttpEvent, HttpResult } from '../http/types.js';
import { validateAuthorizeRequest } from './authorize-request.js';
import { issueCsrf } from './csrf.js';
import { consentSecurityHeaders, page, problemPage } from './page-responses.js';
import { consentPage, messagePage, signOutForm } from './pages.js';
import { signPendingRequest } from './pending-request.js';
import { redirectDestination } from './redirect-uris.js';
import { parseScope } from './scopes.js';
import { currentSession } from './sessions.js';

/**
 * GET /oauth/authorize. Validates the request first (so a bad client or redirect URI is refused
 * with a page, and other problems go back to the validated redirect URI), then asks for sign-in
 * (carrying the original request back through a same-origin return_to), then shows consent.
 */
export async function authorizeGet(event: HttpEvent): Promise<HttpResult> {
  const v = await validateAuthorizeRequest(query(event));
  if (v.kind === 'page') return problemPage(400, 'This connection request cannot be used', v.message);
  if (v.kind === 'redirect') return redirect(v.location);

  const session = await currentSession(event);
  const returnTo = `${pagePaths.authorize}?${event.rawQueryString ?? ''}`;
  if (!session) return redirect(`${pagePaths.signIn}?return_to=${encodeURIComponent(returnTo)}`);

  const [{ data: user }, { data: memberships }] = await Promise.all([
    entities.user.get({ userId: session.userId }).go(),
    entities.membership.query.byUser({ userId: session.userId }).go({ pages: 'all' }),
  ]);
  if (!user) return redirect(`${pagePaths.signIn}?return_to=${encodeURIComponent(returnTo)}`);
  const csrf = issueCsrf(event);
  if (memberships.length === 0) {
    return page(403, messagePage('No business to connect', 'Your account is not a member of any business on this instance.', signOutForm(csrf.token)), [csrf.cookie]);
  }

  const asked = parseScope(v.request.scope);
  const view = {
    csrf: csrf.token,
    request: await signPendingRequest(v.request, session.userId),
    clientName: v.clientName,
    ...(v.client.kind === 'metadata_document' ? { clientHost: new URL(v.client.clientId).host } : {}),
    destination: redirectDestination(v.request.redirectUri),
    businesses: memberships
      .map((m) => ({ businessId: m.businessId, businessName: m.businessName, role: m.role }))
      .sort((a, b) => a.businessName.localeCompare(b.businessName)),
    canWrite: asked.includes('clerq:write'),
    offline: asked.includes('offline_access'),
    userName: user.name,
    userEmail: user.email,
  };
  return page(200, consentPage(view), [csrf.cookie], consentSecurityHeaders(v.request.redirectUri));
}
