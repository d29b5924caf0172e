import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { entities } from '../../shared/db/service.js';
import { db } from '../../shared/db/service.js';
import { sessionHashOf } from '../../shared/auth/sessions.js';
import { Browser, type PageResponse } from './helpers/browser.js';
import { authorizeUrl, newPerson, pkcePair, registerClient, signIn, signUp, type Person } from './helpers/flow.js';
import { formWithAction } from './helpers/html.js';
import { startInstance } from './helpers/instance.js';

type Instance = Awaited<ReturnType<typeof startInstance>>;
let invite: Instance; // the default: sign-up by invitation after the first
let open: Instance; // SIGNUP_MODE=open

beforeAll(async () => {
  [invite, open] = await Promise.all([startInstance(), startInstance({ env: { SIGNUP_MODE: 'open' } })]);
}, 60_000);
afterAll(async () => {
  await Promise.all([invite?.stop(), open?.stop()]);
});

/** Security headers of every page; scripts only where the CSP names each by its hash (the sign-up page's time zone guess). */
function expectPageHeaders(res: PageResponse, scripts = 0) {
  expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
  const csp = res.headers.get('content-security-policy')!;
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("default-src 'none'");
  expect(res.headers.get('x-frame-options')).toBe('DENY');
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(res.text).toContain('<meta name="viewport"');
  const found = [...res.text.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
  expect([found.length, (res.text.match(/<script/gi) ?? []).length]).toEqual([scripts, scripts]);
  const allowed = /script-src ([^;]*)/.exec(csp)?.[1]?.split(' ') ?? [];
  expect(allowed.sort()).toEqual(found.map((js) => `'sha256-${createHash('sha256').update(js).digest('base64')}'`).sort());
}

function sessionCookie(res: PageResponse): string | undefined {
  return res.setCookies.find((c) => c.startsWith('clerq_session='));
}

let first: { browser: Browser; person: Person };

describe('the first sign-up on a fresh instance', () => {
  it('shows the sign-up form, framed by nothing and scripted only by its time zone guess', async () => {
    const browser = new Browser(invite.url);
    const res = await browser.go('/oauth/sign-up');
    expect(res.status).toBe(200);
    expectPageHeaders(res, 1);
    expect(res.text).toContain('first person on this Clerq instance');
    const form = formWithAction(res.text, '/oauth/sign-up');
    expect([...form.fields.keys()].sort()).toEqual(['business_name', 'csrf', 'currency', 'email', 'name', 'password', 'time_zone']);
    expect(form.fields.get('currency')).toBe('USD');
    expect(form.fields.get('time_zone')).toBe('UTC');
    const csrfCookie = res.setCookies.find((c) => c.startsWith('clerq_csrf='));
    expect(csrfCookie).toMatch(/HttpOnly/);
    expect(csrfCookie).toMatch(/SameSite=Lax/);
  });

  it('refuses a short password and creates nothing', async () => {
    const browser = new Browser(invite.url);
    const person = newPerson({ password: 'short' });
    const res = await signUp(browser, person);
    expect(res.status).toBe(400);
    expect(res.text).toContain('at least 10 characters');
    expect((await entities.userEmail.get({ email: person.email }).go(invite.table)).data).toBeNull();
  });

  it('creates the owner, the business and the membership in one go, and signs them in', async () => {
    const browser = new Browser(invite.url);
    const person = newPerson({ email: 'Owner.Person@Example.TEST' });
    const res = await signUp(browser, person);
    expect(res.status).toBe(302);
    expect(res.location).toBe(`${invite.url}/`); // no page to go back to: the back office
    const cookie = sessionCookie(res)!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).toMatch(/Max-Age=2592000/);
    expect(cookie).not.toMatch(/Secure/); // http://localhost: a Secure cookie would be dropped

    const email = 'owner.person@example.test';
    const { data: guard } = await entities.userEmail.get({ email }).go(invite.table);
    const { data: user } = await entities.user.get({ userId: guard!.userId }).go(invite.table);
    expect(user).toMatchObject({ email, name: person.name });
    expect(user!.passwordHash).toMatch(/^scrypt\$/);
    expect(user!.passwordHash).not.toContain(person.password);
    const { data: memberships } = await entities.membership.query.byUser({ userId: user!.userId }).go(invite.table);
    expect(memberships).toHaveLength(1);
    expect(memberships[0]).toMatchObject({ role: 'owner', businessName: person.businessName, userName: person.name, userEmail: email });
    const { data: business } = await entities.business.get({ businessId: memberships[0]!.businessId }).go(invite.table);
    expect(business).toMatchObject({ name: person.businessName, currency: 'USD', timeZone: 'UTC', createdBy: user!.userId });
    const { data: marker } = await db.entities.instanceMarker.get({}).go(invite.table);
    expect(marker?.ownerUserId).toBe(user!.userId);

    // The session is stored under the keyed hash of the cookie value, never the value itself.
    const value = browser.cookies.get('clerq_session')!;
    const { data: session } = await entities.session.get({ sessionHash: sessionHashOf(value) }).go(invite.table);
    expect(session?.userId).toBe(user!.userId);
    expect((await entities.session.get({ sessionHash: value }).go(invite.table)).data).toBeNull();
    first = { browser, person: { ...person, email } };

    // Signed in, the sign-in page leads into the back office and shows the connector URL.
    const signedIn = await browser.go('/oauth/sign-in');
    expect(signedIn.text).toContain('<a class="button" href="/">Open Clerq</a>');
    expect(signedIn.text).toContain(`${invite.url}/api/mcp`);
  });

  it('then refuses further sign-ups (invitation only), on the page and on a posted form', async () => {
    const browser = new Browser(invite.url);
    const page = await browser.go('/oauth/sign-up');
    expect(page.status).toBe(403);
    expect(page.text).toContain('Sign-up is by invitation');
    // A form kept from before: still refused, nothing created.
    const signInPage = await browser.go('/oauth/sign-in');
    const form = formWithAction(signInPage.text, '/oauth/sign-in');
    const person = newPerson();
    const post = await browser.request('/oauth/sign-up', {
      form: new URLSearchParams({ csrf: form.fields.get('csrf')!, name: person.name, email: person.email, password: person.password, business_name: 'X', currency: 'USD', time_zone: 'UTC' }),
    });
    expect(post.status).toBe(403);
    expect((await entities.userEmail.get({ email: person.email }).go(invite.table)).data).toBeNull();
    expect(signInPage.text).not.toContain('/oauth/sign-up');
  });
});

describe('sign-in', () => {
  it('accepts the email in any case, and continues to a same-origin return_to only', async () => {
    const browser = new Browser(invite.url);
    const back = '/oauth/authorize?client_id=x&state=1';
    const ok = await signIn(browser, first.person.email.toUpperCase(), first.person.password, `/oauth/sign-in?return_to=${encodeURIComponent(back)}`);
    expect(ok.status).toBe(302);
    expect(ok.location).toBe(`${invite.url}${back}`);
    for (const evil of ['//evil.example/x', 'https://evil.example/x', '/\\evil.example', 'javascript:alert(1)']) {
      const b = new Browser(invite.url);
      const res = await signIn(b, first.person.email, first.person.password, `/oauth/sign-in?return_to=${encodeURIComponent(evil)}`);
      expect(res.location).toBe(`${invite.url}/`);
    }
  });

  it('says the same thing for a wrong password and an unknown email', async () => {
    const wrong = await signIn(new Browser(invite.url), first.person.email, 'wrong password!!');
    const unknown = await signIn(new Browser(invite.url), 'nobody@example.test', 'wrong password!!');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const message = (r: PageResponse) => /<p class="error"[^>]*>(.*?)<\/p>/.exec(r.text)?.[1];
    expect(message(wrong)).toBe('The email or password is not right.');
    expect(message(unknown)).toBe(message(wrong));
    expect(sessionCookie(wrong)).toBeUndefined();
  });

  it('echoes the typed email escaped', async () => {
    const res = await signIn(new Browser(invite.url), '"><script>alert(1)</script>@x.test', 'wrong password!!');
    expect(res.text).not.toContain('<script>alert(1)');
    expect(res.text).toContain('&#34;&#62;&#60;script&#62;');
  });

  it('makes a person wait after 5 failures for an email, even with the right password then, and for unknown emails alike', async () => {
    const browser = new Browser(open.url);
    const person = newPerson();
    expect((await signUp(browser, person)).status).toBe(302);
    for (let i = 0; i < 5; i++) expect((await signIn(new Browser(open.url), person.email, `wrong password ${i}`)).status).toBe(401);
    const blocked = await signIn(new Browser(open.url), person.email, person.password);
    expect(blocked.status).toBe(429);
    expect(blocked.text).toContain('Too many failed attempts');
    expect(sessionCookie(blocked)).toBeUndefined();

    for (let i = 0; i < 5; i++) await signIn(new Browser(open.url), 'ghost@example.test', `wrong password ${i}`);
    expect((await signIn(new Browser(open.url), 'ghost@example.test', 'anything at all')).status).toBe(429);
  });
});

describe('CSRF protection of the forms', () => {
  it('refuses a post without a token, with a token for another cookie, or from another site', async () => {
    const browser = new Browser(invite.url);
    const page = await browser.go('/oauth/sign-in');
    const form = formWithAction(page.text, '/oauth/sign-in');
    form.fields.set('email', first.person.email);
    form.fields.set('password', first.person.password);

    const noToken = new URLSearchParams(form.fields);
    noToken.delete('csrf');
    expect((await browser.request('/oauth/sign-in', { form: noToken })).status).toBe(403);

    const elsewhere = new Browser(invite.url);
    await elsewhere.go('/oauth/sign-in'); // its own csrf cookie
    expect((await elsewhere.request('/oauth/sign-in', { form: form.fields })).status).toBe(403);

    expect((await browser.request('/oauth/sign-in', { form: form.fields, headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
    expect((await browser.request('/oauth/sign-in', { form: form.fields, headers: { origin: 'https://evil.example' } })).status).toBe(403);
    expect((await browser.request('/oauth/sign-in', { form: form.fields })).status).toBe(302);
  });

  it('binds the consent token to the session, and the request to its signature', async () => {
    const client = await registerClient(invite.url);
    const { challenge } = pkcePair();
    const page = await first.browser.go(authorizeUrl(invite.url, { clientId: client.client_id, redirectUri: client.redirect_uris[0]!, challenge }));
    const form = formWithAction(page.text, '/oauth/consent');
    form.fields.set('action', 'approve');

    // Another signed-in session with the same CSRF cookie cannot use this token.
    const other = new Browser(invite.url);
    other.cookies.set('clerq_csrf', first.browser.cookies.get('clerq_csrf')!);
    await signIn(other, first.person.email, first.person.password);
    other.cookies.set('clerq_csrf', first.browser.cookies.get('clerq_csrf')!);
    expect((await other.request('/oauth/consent', { form: form.fields })).status).toBe(403);

    const tampered = new URLSearchParams(form.fields);
    tampered.set('request', `${form.fields.get('request')!.slice(0, -4)}AAAA`);
    const res = await first.browser.request('/oauth/consent', { form: tampered });
    expect(res.status).toBe(400);
    expect(res.location).toBeUndefined();
  });
});

describe('sign-out', () => {
  it('needs the CSRF token, then ends the session and clears the cookie', async () => {
    const browser = new Browser(invite.url);
    await signIn(browser, first.person.email, first.person.password);
    const value = browser.cookies.get('clerq_session')!;
    const page = await browser.go('/oauth/sign-in');
    expect(page.text).toContain('You are signed in');
    expect(page.text).toContain(`${invite.url}/api/mcp`);
    const form = formWithAction(page.text, '/oauth/sign-out');

    expect((await browser.request('/oauth/sign-out', { form: new URLSearchParams() })).status).toBe(403);
    expect((await entities.session.get({ sessionHash: sessionHashOf(value) }).go(invite.table)).data).not.toBeNull();

    const res = await browser.request('/oauth/sign-out', { form: form.fields });
    expect(res.status).toBe(302);
    expect(res.location).toBe(`${invite.url}/oauth/sign-in`);
    expect(sessionCookie(res)).toMatch(/Max-Age=0/);
    expect((await entities.session.get({ sessionHash: sessionHashOf(value) }).go(invite.table)).data).toBeNull();
    expect((await fetch(`${invite.url}/oauth/sign-out`)).status).toBe(405);
  });
});

describe('the consent page', () => {
  it('shows a client name containing markup escaped, and the redirect host prominently', async () => {
    const name = '<script>alert("x")</script><b onmouseover=alert(1)>Evil & Co</b>';
    const client = await registerClient(invite.url, { client_name: name, redirect_uris: ['https://app.example.com/oauth/callback'] });
    const { challenge } = pkcePair();
    const res = await first.browser.go(authorizeUrl(invite.url, { clientId: client.client_id, redirectUri: client.redirect_uris[0]!, challenge }));
    expect(res.status).toBe(200);
    expectPageHeaders(res);
    expect(res.text).not.toContain('<script>alert');
    expect(res.text).not.toContain('<b onmouseover');
    expect(res.text).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;&#60;b onmouseover&#61;alert(1)&#62;Evil &#38; Co&#60;/b&#62;');
    expect(res.text).toMatch(/<p class="dest">app\.example\.com<\/p>/);
    expect(res.text).toContain('chosen by the application itself');
    // The form may end only here or at this client's origin (browsers apply form-action to the redirect too).
    expect(res.headers.get('content-security-policy')).toContain("form-action 'self' https://app.example.com;");
  });

  it("lets the consent form end at a native app's private-use scheme, and says an app will open", async () => {
    const client = await registerClient(invite.url, { redirect_uris: ['cursor://anysphere.cursor-mcp/oauth/callback'] });
    const { challenge } = pkcePair();
    const res = await first.browser.go(authorizeUrl(invite.url, { clientId: client.client_id, redirectUri: client.redirect_uris[0]!, challenge }));
    expect(res.headers.get('content-security-policy')).toContain("form-action 'self' cursor:;");
    expect(res.text).toContain('<p class="dest">cursor://anysphere.cursor-mcp</p>');
    expect(res.text).toContain('opens an app installed on your device');
  });

  it('warns when the redirect goes to a program on this computer', async () => {
    const client = await registerClient(invite.url);
    const { challenge } = pkcePair();
    const res = await first.browser.go(authorizeUrl(invite.url, { clientId: client.client_id, redirectUri: client.redirect_uris[0]!, challenge }));
    expect(res.text).toContain('a program on your own computer');
  });
});

describe('open sign-up (SIGNUP_MODE=open)', () => {
  it('gives each new person a business of their own, and refuses a duplicate email', async () => {
    const a = newPerson();
    const b = newPerson();
    expect((await signUp(new Browser(open.url), a)).status).toBe(302);
    expect((await signUp(new Browser(open.url), b)).status).toBe(302);
    const ids = await Promise.all(
      [a, b].map(async (p) => {
        const { data: guard } = await entities.userEmail.get({ email: p.email }).go(open.table);
        const { data } = await entities.membership.query.byUser({ userId: guard!.userId }).go(open.table);
        expect(data).toHaveLength(1);
        expect(data[0]!.role).toBe('owner');
        return data[0]!.businessId;
      }),
    );
    expect(ids[0]).not.toBe(ids[1]);

    const dup = await signUp(new Browser(open.url), { ...newPerson(), email: a.email.toUpperCase() });
    expect(dup.status).toBe(409);
    expect(dup.text).toContain('already exists');
  });
});
