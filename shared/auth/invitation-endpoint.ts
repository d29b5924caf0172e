import { entities } from '../db/service.js';
import { invitationByTokenHash, type InvitationRecord } from '../db/invitations.js';
import { form, query, sourceIp } from '../http/request.js';
import type { HttpEvent, HttpResult } from '../http/types.js';
import { joinInvited, signUpInvited } from './accounts.js';
import { clientNameMaxLength } from './client-metadata.js';
import { issueCsrf, verifyCsrf } from './csrf.js';
import { invitationTokenHash } from './invitation-token.js';
import { joinedPage, joinPage, signInOrUpPage, wrongAccountPage, type InvitationView } from './invitation-pages.js';
import { expiredFormPage, page, problemPage } from './page-responses.js';
import { passwordProblem } from './passwords.js';
import { createSession, currentSession } from './sessions.js';
import { hit, signUpsPerIp } from './throttle.js';

// Refusals name nothing of the business: a guessed or stale link must not reveal whose it was.
const unknownLink = () => problemPage(404, 'Invitation not found', 'This invitation link is not valid. Check that you copied the whole link, or ask for a new invitation.');
const gone = (inv: InvitationRecord, now: number): HttpResult | undefined => {
  if (inv.status === 'accepted') return problemPage(410, 'Invitation already used', 'This invitation has already been accepted. Sign in to reach the business, or ask for a new invitation.');
  if (inv.status === 'revoked') return problemPage(410, 'Invitation withdrawn', 'This invitation was withdrawn. Ask whoever invited you for a new one.');
  if (inv.expiresAt <= now) return problemPage(410, 'Invitation expired', 'This invitation has expired: links work for 7 days. Ask whoever invited you for a new one.');
  return undefined;
};
const alreadyMember = (inv: InvitationRecord) => problemPage(409, 'Already a member', `You are already a member of ${inv.businessName}; this invitation is not needed.`);

/** The pending, unexpired invitation a token names, or the page that says why there is none. */
async function lookUp(token: string | null, now: number): Promise<{ inv: InvitationRecord } | { refusal: HttpResult }> {
  if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return { refusal: unknownLink() };
  const inv = await invitationByTokenHash(invitationTokenHash(token));
  if (!inv) return { refusal: unknownLink() };
  const refusal = gone(inv, now);
  return refusal ? { refusal } : { inv };
}

async function signedInUser(event: HttpEvent) {
  const session = await currentSession(event);
  return session ? (await entities.user.get({ userId: session.userId }).go()).data : null;
}

async function isMemberOf(businessId: string, userId: string) {
  return !!(await entities.membership.get({ businessId, userId }).go()).data;
}

function view(event: HttpEvent, token: string, inv: InvitationRecord) {
  const csrf = issueCsrf(event);
  const v: InvitationView = { token, csrf: csrf.token, businessName: inv.businessName, role: inv.role, email: inv.email };
  return { v, cookie: csrf.cookie };
}

/** GET /oauth/invitation?token=…: what the invitee can do next, depending on who is signed in. */
export async function invitationGet(event: HttpEvent): Promise<HttpResult> {
  const token = query(event).get('token');
  const found = await lookUp(token, Date.now());
  if ('refusal' in found) return found.refusal;
  const { inv } = found;
  const user = await signedInUser(event);
  const { v, cookie } = view(event, token ?? '', inv);
  if (!user) return page(200, signInOrUpPage(v), [cookie]);
  if (user.email !== inv.email) return page(200, wrongAccountPage({ ...v, signedInAs: user.email }), [cookie]);
  if (await isMemberOf(inv.businessId, user.userId)) return alreadyMember(inv);
  return page(200, joinPage(v), [cookie]);
}

/** POST /oauth/invitation: join as the signed-in invitee, or create the invitee's account and join. */
export async function invitationPost(event: HttpEvent): Promise<HttpResult> {
  const f = form(event);
  if (!verifyCsrf(event, f.get('csrf'))) return expiredFormPage();
  const token = f.get('token');
  const now = Date.now();
  const found = await lookUp(token, now);
  if ('refusal' in found) return found.refusal;
  const { inv } = found;
  const user = await signedInUser(event);
  const joined = () => page(200, joinedPage({ businessId: inv.businessId, businessName: inv.businessName, role: inv.role }));
  // The transaction's conditions refused: say why as of now (revoked or used a moment ago).
  const refused = async (reason: 'already_member' | 'invitation_gone') => {
    if (reason === 'already_member') return alreadyMember(inv);
    const now = await lookUp(token, Date.now());
    return 'refusal' in now ? now.refusal : problemPage(410, 'Invitation no longer valid', 'This invitation can no longer be accepted. Ask for a new one.');
  };

  if (f.get('action') === 'join') {
    // Only the invited address may accept: a forwarded link does not admit whoever holds it.
    if (!user || user.email !== inv.email) return problemPage(403, 'Not the invited account', 'Only the person this invitation is for can accept it. Open the invitation link again to sign in with that account.');
    const r = await joinInvited({ userId: user.userId, name: user.name, email: user.email }, inv, now);
    return r.ok ? joined() : refused(r.reason);
  }

  const { v, cookie } = view(event, token ?? '', inv);
  const name = (f.get('name') ?? '').trim();
  const again = (status: number, error: string) => page(status, signInOrUpPage({ ...v, name, error }), [cookie]);
  if (!name || name.length > clientNameMaxLength) return again(400, `Enter your name (up to ${clientNameMaxLength} characters).`);
  const password = f.get('password') ?? '';
  const problem = passwordProblem(password);
  if (problem) return again(400, `Choose another password: ${problem}`);
  if ((await hit(signUpsPerIp, sourceIp(event))).blocked) return again(429, 'Too many sign-ups from this network. Try again later.');
  const r = await signUpInvited({ email: inv.email, name, password }, inv, now);
  if (!r.ok) {
    if (r.reason === 'email_taken') return again(409, `An account for ${inv.email} already exists. Sign in instead, then open this link again.`);
    return refused(r.reason);
  }
  return page(200, joinedPage({ businessId: inv.businessId, businessName: inv.businessName, role: inv.role }), [await createSession(r.userId)]);
}
