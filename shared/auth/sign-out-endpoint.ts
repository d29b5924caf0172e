import { pagePaths } from '../../functions/routes.js';
import { form } from '../http/request.js';
import { redirect } from '../http/response.js';
import type { HttpEvent, HttpResult } from '../http/types.js';
import { verifyCsrf } from './csrf.js';
import { expiredFormPage } from './page-responses.js';
import { endSession } from './sessions.js';

/** POST /oauth/sign-out: a form post with a CSRF token (a GET would let any page sign people out). */
export async function signOutPost(event: HttpEvent): Promise<HttpResult> {
  if (!verifyCsrf(event, form(event).get('csrf'))) return expiredFormPage();
  return redirect(pagePaths.signIn, [await endSession(event)]);
}
