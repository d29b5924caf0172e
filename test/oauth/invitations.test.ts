import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { invitationLifetimeMs, invitationTokenHash } from '../../shared/auth/invitation-token.js';
import { randomToken } from '../../shared/auth/random.js';
import { entities } from '../../shared/db/service.js';
import { newId } from '../../shared/ids.js';
import { Browser, type PageResponse } from './helpers/browser.js';
import { newPerson, signIn, signUp, type Person } from './helpers/flow.js';
import { decodeEntities, formWithAction } from './helpers/html.js';
import { startInstance } from './helpers/instance.js';

// Open sign-up, so people with accounts of their own (and businesses of their own) exist to sign in.
let inst: Awaited<ReturnType<typeof startInstance>>;
let owner: { browser: Browser; person: Person; businessId: string };

beforeAll(async () => {
  inst = await startInstance({ env: { SIGNUP_MODE: 'open' } });
  owner = await account();
}, 60_000);
afterAll(async () => {
  await inst?.stop();
});

async function account(person = newPerson()) {
  const browser = new Browser(inst.url);
  expect((await signUp(browser, person)).status).toBe(302);
  const { data: guard } = await entities.userEmail.get({ email: person.email }).go(inst.table);
  const { data } = await entities.membership.query.byUser({ userId: guard!.userId }).go(inst.table);
  return { browser, person, businessId: data[0]!.businessId, userId: guard!.userId };
}

/** An invitation of the owner's business, written through the entity as invite_team_member would. */
async function invitation(o: { email?: string; role?: 'admin' | 'member'; expiresAt?: number; status?: 'pending' | 'revoked' } = {}) {
  const token = randomToken();
  const record = {
    tokenHash: invitationTokenHash(token),
    businessId: owner.businessId,
    invitationId: newId('invitation'),
    email: o.email ?? newPerson().email,
    role: o.role ?? 'member',
    status: o.status ?? 'pending',
    invitedBy: 'usr_owner',
    invitedByName: owner.person.name,
    businessName: owner.person.businessName,
    createdAt: new Date().toISOString(),
    expiresAt: o.expiresAt ?? Date.now() + invitationLifetimeMs,
  } as const;
  await entities.invitation.put(record).go(inst.table);
  return { token, path: `/oauth/invitation?token=${token}`, record };
}

const stored = async (token: string) => (await entities.invitation.get({ tokenHash: invitationTokenHash(token) }).go(inst.table)).data;
const text = (res: PageResponse) => decodeEntities(res.text);
const userOf = async (email: string) => (await entities.userEmail.get({ email }).go(inst.table)).data;

async function signUpThrough(browser: Browser, path: string, name = 'Grace Invitee', password = 'correct horse battery') {
  const page = await browser.go(path);
  const form = formWithAction(page.text, '/oauth/invitation');
  form.fields.set('name', name);
  form.fields.set('password', password);
  return browser.request(form.action, { form: form.fields });
}

describe('a valid invitation, not signed in', () => {
  it('names the business and role, links to sign-in back here, and offers sign-up with the invited email', async () => {
    const inv = await invitation({ role: 'admin' });
    const res = await new Browser(inst.url).go(inv.path);
    expect(res.status).toBe(200);
    expect(text(res)).toContain(`Join ${owner.person.businessName}`);
    expect(res.text).toContain('as <strong>admin</strong>');
    expect(text(res)).toContain(inv.record.email);
    expect(res.text).toContain(`/oauth/sign-in?return_to=${encodeURIComponent(inv.path)}`);
    expect(res.text).not.toMatch(/<script/i);
    expect(formWithAction(res.text, '/oauth/invitation').fields.get('action')).toBe('sign_up');
  });

  it('sign-up creates the person, joins the invited business with the role, creates no business; the link is then used up', async () => {
    const inv = await invitation({ role: 'member' });
    const browser = new Browser(inst.url);
    const res = await signUpThrough(browser, inv.path);
    expect(res.status).toBe(200);
    expect(text(res)).toContain(`You joined ${owner.person.businessName}`);
    expect(res.text).toContain(`<a class="button" href="/b/${owner.businessId}">`); // into the back office, at that business
    expect(res.setCookies.some((c) => c.startsWith('clerq_session='))).toBe(true);
    const guard = await userOf(inv.record.email);
    const { data: memberships } = await entities.membership.query.byUser({ userId: guard!.userId }).go(inst.table);
    expect(memberships.map((m) => [m.businessId, m.role])).toEqual([[owner.businessId, 'member']]);
    expect(await stored(inv.token)).toMatchObject({ status: 'accepted', acceptedBy: guard!.userId, acceptedAt: expect.any(String) });

    const again = await new Browser(inst.url).go(inv.path);
    expect(again.status).toBe(410);
    expect(text(again)).toContain('already been accepted');
    expect(text(again)).not.toContain(owner.person.businessName);
    // The used page carries no form to fill in again.
    await expect(signUpThrough(new Browser(inst.url), inv.path)).rejects.toThrow();
  });

  it('sign-up with an email that already has an account is refused (409) and joins nobody', async () => {
    const existing = await account();
    const inv = await invitation({ email: existing.person.email });
    const res = await signUpThrough(new Browser(inst.url), inv.path);
    expect(res.status).toBe(409);
    expect(text(res)).toContain('Sign in instead');
    expect((await stored(inv.token))?.status).toBe('pending');
    expect((await entities.membership.get({ businessId: owner.businessId, userId: existing.userId }).go(inst.table)).data).toBeNull();
  });
});

describe('signed in', () => {
  it('as the invited address: sign-in from the link comes back here, and the Join button joins with the role', async () => {
    const existing = await account();
    const inv = await invitation({ email: existing.person.email, role: 'admin' });
    const browser = new Browser(inst.url);
    const back = await signIn(browser, existing.person.email, existing.person.password, `/oauth/sign-in?return_to=${encodeURIComponent(inv.path)}`);
    expect(back.location).toBe(`${inst.url}${inv.path}`);
    const page = await browser.go(inv.path);
    expect(page.status).toBe(200);
    const form = formWithAction(page.text, '/oauth/invitation');
    expect(form.fields.get('action')).toBe('join');
    expect(text(page)).toContain(`Join ${owner.person.businessName}`);
    const joined = await browser.request(form.action, { form: form.fields });
    expect(joined.status).toBe(200);
    expect((await entities.membership.get({ businessId: owner.businessId, userId: existing.userId }).go(inst.table)).data?.role).toBe('admin');
    expect((await stored(inv.token))?.status).toBe('accepted');
    // Reused: the same form posted again is refused.
    const reused = await browser.request(form.action, { form: form.fields });
    expect(reused.status).toBe(410);
  });

  it('as another account: says so, offers sign-out, and a posted join is refused with nothing written', async () => {
    const other = await account();
    const inv = await invitation();
    const page = await other.browser.go(inv.path);
    expect(page.status).toBe(200);
    expect(text(page)).toContain(`but you are signed in as ${other.person.email}`);
    const signOut = formWithAction(page.text, '/oauth/sign-out');
    const join = new URLSearchParams(signOut.fields);
    join.set('token', inv.token);
    join.set('action', 'join');
    const refused = await other.browser.request('/oauth/invitation', { form: join });
    expect(refused.status).toBe(403);
    expect((await stored(inv.token))?.status).toBe('pending');
    expect((await entities.membership.get({ businessId: owner.businessId, userId: other.userId }).go(inst.table)).data).toBeNull();
  });

  it('as someone already a member: a clear 409, the invitation stays pending', async () => {
    const { data: guard } = await entities.userEmail.get({ email: owner.person.email }).go(inst.table);
    expect(guard).not.toBeNull();
    const inv = await invitation({ email: owner.person.email });
    const page = await owner.browser.go(inv.path);
    expect(page.status).toBe(409);
    expect(text(page)).toContain('already a member');
    expect((await stored(inv.token))?.status).toBe('pending');
  });
});

describe('links that admit nobody', () => {
  it('an unknown or malformed token is a 404 naming no business', async () => {
    for (const path of [`/oauth/invitation?token=${randomToken()}`, '/oauth/invitation?token=short', '/oauth/invitation']) {
      const res = await new Browser(inst.url).go(path);
      expect(res.status).toBe(404);
      expect(text(res)).toContain('not valid');
      expect(text(res)).not.toContain(owner.person.businessName);
    }
  });

  it('an expired invitation is a 410, and a sign-up posted through it creates nobody', async () => {
    const inv = await invitation({ expiresAt: Date.now() - 1000 });
    const browser = new Browser(inst.url);
    const res = await browser.go(inv.path);
    expect(res.status).toBe(410);
    expect(text(res)).toContain('expired');
    expect(text(res)).not.toContain(owner.person.businessName);
    // A form opened while valid and posted after expiry: reuse a fresh page's CSRF token.
    const fresh = await invitation();
    const form = formWithAction((await browser.go(fresh.path)).text, '/oauth/invitation');
    form.fields.set('token', inv.token);
    form.fields.set('name', 'Late');
    form.fields.set('password', 'correct horse battery');
    expect((await browser.request(form.action, { form: form.fields })).status).toBe(410);
    expect(await userOf(inv.record.email)).toBeNull();
  });

  it('a revoked invitation is a 410, at once', async () => {
    const inv = await invitation();
    const browser = new Browser(inst.url);
    const form = formWithAction((await browser.go(inv.path)).text, '/oauth/invitation');
    await entities.invitation.patch({ tokenHash: inv.record.tokenHash }).set({ status: 'revoked', revokedAt: new Date().toISOString() }).go(inst.table);
    const page = await browser.go(inv.path);
    expect(page.status).toBe(410);
    expect(text(page)).toContain('withdrawn');
    form.fields.set('name', 'Too Late');
    form.fields.set('password', 'correct horse battery');
    expect((await browser.request(form.action, { form: form.fields })).status).toBe(410);
    expect(await userOf(inv.record.email)).toBeNull();
  });

  it('a post without the CSRF token is refused', async () => {
    const inv = await invitation();
    const res = await new Browser(inst.url).request('/oauth/invitation', { form: new URLSearchParams({ token: inv.token, action: 'sign_up', name: 'X', password: 'correct horse battery' }) });
    expect(res.status).toBe(403);
    expect(await userOf(inv.record.email)).toBeNull();
  });
});
