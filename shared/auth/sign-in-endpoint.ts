import { webPaths } from '../../functions/routes.js';
import { entities } from '../db/service.js';
import { form, query, sourceIp } from '../http/request.js';
import { redirect } from '../http/response.js';
import type { HttpEvent, HttpResult } from '../http/types.js';
import { config } from '../config/index.js';
import { instanceHasOwner } from './accounts.js';
import { issueCsrf, verifyCsrf } from './csrf.js';
import { expiredFormPage, page } from './page-responses.js';
import { signInPage, signedInPage } from './pages.js';
import { safeReturnTo } from './return-to.js';
import { createSession, currentSession } from './sessions.js';
import { checkCredentials } from './sign-in.js';

async function canSignUp(): Promise<boolean> {
  return config().signupMode === 'open' || !(await instanceHasOwner());
}

/** GET /oauth/sign-in: the form, or straight on to return_to for someone already signed in. */
export async function signInGet(event: HttpEvent): Promise<HttpResult> {
  const returnTo = safeReturnTo(query(event).get('return_to'));
  const session = await currentSession(event);
  const csrf = issueCsrf(event);
  if (session) {
    if (returnTo) return redirect(returnTo);
    const { data: user } = await entities.user.get({ userId: session.userId }).go();
    if (user) return page(200, signedInPage({ csrf: csrf.token, name: user.name, email: user.email }), [csrf.cookie]);
  }
  return page(200, signInPage({ csrf: csrf.token, returnTo, canSignUp: await canSignUp() }), [csrf.cookie]);
}

/** POST /oauth/sign-in: check the credentials (throttled), start a session, continue to return_to or `/`. */
export async function signInPost(event: HttpEvent): Promise<HttpResult> {
  const f = form(event);
  if (!verifyCsrf(event, f.get('csrf'))) return expiredFormPage();
  const returnTo = safeReturnTo(f.get('return_to'));
  const email = f.get('email') ?? '';
  const result = await checkCredentials(email, f.get('password') ?? '', sourceIp(event));
  if (!result.ok) {
    const csrf = issueCsrf(event);
    const minutes = result.reason === 'throttled' ? Math.ceil(result.retryAfterSeconds / 60) : 0;
    const error =
      result.reason === 'throttled'
        ? `Too many failed attempts. Wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again.`
        : 'The email or password is not right.';
    return page(result.reason === 'throttled' ? 429 : 401, signInPage({ csrf: csrf.token, email, error, returnTo, canSignUp: await canSignUp() }), [csrf.cookie]);
  }
  const cookie = await createSession(result.userId);
  // Without a page to go back to, the back office itself.
  return redirect(returnTo ?? webPaths.home, [cookie]);
}
