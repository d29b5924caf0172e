import { webPaths } from '../../functions/routes.js';
import { config } from '../config/index.js';
import { form, query, sourceIp } from '../http/request.js';
import { redirect } from '../http/response.js';
import type { HttpEvent, HttpResult } from '../http/types.js';
import { instanceHasOwner, isPlausibleEmail, normalizeEmail, signUp } from './accounts.js';
import { isCurrency, isTimeZone } from './business-defaults.js';
import { clientNameMaxLength } from './client-metadata.js';
import { issueCsrf, verifyCsrf } from './csrf.js';
import { expiredFormPage, page, problemPage } from './page-responses.js';
import { signUpPage, signUpSecurityHeaders, type SignUpValues } from './pages.js';
import { passwordProblem } from './passwords.js';
import { safeReturnTo } from './return-to.js';
import { createSession } from './sessions.js';
import { hit, signUpsPerIp } from './throttle.js';

const invitationOnly = () =>
  problemPage(
    403,
    'Sign-up is by invitation',
    'This Clerq instance already has an owner. Ask them to invite you; the invitation link lets you create your account.',
  );

/** GET /oauth/sign-up: the form on a fresh instance or in open mode; otherwise the invitation notice. */
export async function signUpGet(event: HttpEvent): Promise<HttpResult> {
  const first = !(await instanceHasOwner());
  if (!first && config().signupMode !== 'open') return invitationOnly();
  const csrf = issueCsrf(event);
  return page(200, signUpPage({ csrf: csrf.token, values: {}, returnTo: safeReturnTo(query(event).get('return_to')), first }), [csrf.cookie], signUpSecurityHeaders);
}

function fieldProblem(v: Required<SignUpValues>, password: string): string | null {
  const name = (s: string) => s.length > 0 && s.length <= clientNameMaxLength;
  if (!name(v.name)) return `Enter your name (up to ${clientNameMaxLength} characters).`;
  if (!isPlausibleEmail(v.email)) return 'Enter a valid email address.';
  const p = passwordProblem(password);
  if (p) return `Choose another password: ${p}`;
  if (!name(v.businessName)) return `Enter the business name (up to ${clientNameMaxLength} characters).`;
  if (!isCurrency(v.currency)) return 'Choose a currency from the list.';
  if (!isTimeZone(v.timeZone)) return 'Choose a time zone from the list.';
  return null;
}

/** POST /oauth/sign-up: create the person, their business and membership in one transaction, then sign them in. */
export async function signUpPost(event: HttpEvent): Promise<HttpResult> {
  const f = form(event);
  if (!verifyCsrf(event, f.get('csrf'))) return expiredFormPage();
  const returnTo = safeReturnTo(f.get('return_to'));
  const values = {
    name: (f.get('name') ?? '').trim(),
    email: normalizeEmail(f.get('email') ?? ''),
    businessName: (f.get('business_name') ?? '').trim(),
    currency: (f.get('currency') ?? 'USD').trim().toUpperCase(),
    timeZone: (f.get('time_zone') ?? 'UTC').trim(),
  };
  const password = f.get('password') ?? '';
  const first = !(await instanceHasOwner());
  const again = async (status: number, error: string) => {
    const csrf = issueCsrf(event);
    return page(status, signUpPage({ csrf: csrf.token, values, error, returnTo, first }), [csrf.cookie], signUpSecurityHeaders);
  };
  const problem = fieldProblem(values, password);
  if (problem) return again(400, problem);
  const limited = await hit(signUpsPerIp, sourceIp(event));
  if (limited.blocked) return again(429, 'Too many sign-ups from this network. Try again later.');

  const result = await signUp({ ...values, password });
  if (!result.ok) {
    if (result.reason === 'invitation_only') return invitationOnly();
    return again(409, 'An account with this email already exists. Sign in instead.');
  }
  const cookie = await createSession(result.userId);
  // Without a page to go back to, the back office itself.
  return redirect(returnTo ?? webPaths.home, [cookie]);
}
