/**
 * Accessibility of what the web app relies on but does not draw itself, in real Chromium against a
 * real local instance (SIGNUP_MODE=open, so one person can be in two businesses): the instance's own
 * pages (sign-up, sign-in with and without a refusal, signed in, the invitation accept page in each
 * state, its used, withdrawn and unknown link pages, and the OAuth consent page) and, at phone width,
 * the app's dashboard, invoice detail and time screens. Each is scanned with axe-core (no serious or
 * critical violation) at desktop and phone widths, must fit a 390 px viewport, and is photographed.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { auth } from '@modelcontextprotocol/sdk/client/auth.js';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { MemoryProvider } from '../oauth/helpers/sdk.js';
import type { SpawnedInstance } from '../support/instance.js';
import { desktop, doorOf, launchChromium, outOfSight, overflowsHorizontally, phone, screenshots, seriousViolations, signUpThroughApp, startWebInstance, webPerson, type Door } from '../support/web-browser.js';

let instance: SpawnedInstance;
let browser: Browser;
let anaContext: BrowserContext;
let ana: Page;
let anaDoor: Door;
let anaBiz = '';
const anaPerson = { ...webPerson('Ana'), businessName: 'Ana Design' };
const boPerson = { ...webPerson('Bo'), businessName: 'Bo Build' };
const today = new Date().toISOString().slice(0, 10); // businesses keep the sign-up page's default time zone, UTC

/** A page of the instance: no serious axe violation at desktop or phone width, fits a phone, photographed. */
async function checkPage(p: Page, name: string): Promise<void> {
  await p.setViewportSize(desktop);
  expect({ page: name, width: 'desktop', violations: await seriousViolations(p) }).toEqual({ page: name, width: 'desktop', violations: [] });
  await p.setViewportSize(phone);
  expect({ page: name, width: 'phone', violations: await seriousViolations(p), overflows: await overflowsHorizontally(p) }).toEqual({ page: name, width: 'phone', violations: [], overflows: false });
  await screenshots(p, name);
}

/** A fresh browser with nobody signed in. */
async function visitor(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: desktop });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return { context, page };
}

/** Opens an address and checks the status the instance answered with. */
async function open(p: Page, url: string, status: number): Promise<void> {
  const res = await p.goto(url);
  expect({ url, status: res?.status() }).toEqual({ url, status });
}

beforeAll(async () => {
  [instance, browser] = await Promise.all([startWebInstance({ env: { SIGNUP_MODE: 'open' } }), launchChromium()]);
  anaContext = await browser.newContext({ viewport: desktop });
  ana = await anaContext.newPage();
  ana.setDefaultTimeout(10_000);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await instance?.stop();
});

describe('the instance’s own pages', () => {
  it('sign-up: the page the app links to, for the first person on the instance', async () => {
    await ana.goto(`${instance.url}/`);
    await ana.getByRole('link', { name: 'Create an account' }).click();
    await ana.getByRole('heading', { level: 1, name: 'Create your account' }).waitFor();
    await ana.getByText('You are the first person on this Clerq instance').waitFor();
    await checkPage(ana, 'page-sign-up');
    anaBiz = await signUpThroughApp(ana, instance.url, anaPerson);
    anaDoor = await doorOf(anaContext, instance.url);
  });

  it('sign-in: the form, a refused attempt, and the signed-in page', async () => {
    const { context, page } = await visitor();
    await page.goto(`${instance.url}/b/${anaBiz}/clients`);
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await checkPage(page, 'page-sign-in');

    await page.getByLabel('Email').fill(anaPerson.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'The email or password is not right.' }).waitFor();
    await checkPage(page, 'page-sign-in-refused');

    await page.getByLabel('Password').fill(anaPerson.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${instance.url}/b/${anaBiz}/clients`);
    await page.getByRole('heading', { level: 1, name: 'Clients' }).waitFor();

    await open(page, `${instance.url}/oauth/sign-in`, 200);
    await page.getByRole('heading', { level: 1, name: 'You are signed in' }).waitFor();
    await checkPage(page, 'page-signed-in');
    await context.close();
  });

  it('the invitation page in each state, and its used, withdrawn and unknown links', async () => {
    // Prepare: Bo has a business of his own and invites Ana, who is signed in in her own browser.
    const bo = await visitor();
    const boBiz = await signUpThroughApp(bo.page, instance.url, boPerson);
    const boDoor = await doorOf(bo.context, instance.url);
    const { accept_link: link } = await boDoor.run<{ accept_link: string }>(boBiz, 'invite_team_member', { email: anaPerson.email, role: 'admin' });

    // Signed out: sign in, or create the account right there.
    const stranger = await visitor();
    await open(stranger.page, link, 200);
    await stranger.page.getByRole('heading', { level: 1, name: `Join ${boPerson.businessName}` }).waitFor();
    await stranger.page.getByRole('heading', { level: 2, name: 'Or create your account' }).waitFor();
    await checkPage(stranger.page, 'page-invitation-sign-up');

    // Signed in as someone else: said so, with a way out.
    await open(bo.page, link, 200);
    await bo.page.getByRole('alert').filter({ hasText: `This invitation is for ${anaPerson.email}` }).waitFor();
    await checkPage(bo.page, 'page-invitation-wrong-account');

    // Signed in as the invited person: one button, then the joined page.
    await open(ana, link, 200);
    await checkPage(ana, 'page-invitation-join');
    await ana.getByRole('button', { name: `Join ${boPerson.businessName}` }).click();
    await ana.getByRole('heading', { level: 1, name: `You joined ${boPerson.businessName}` }).waitFor();
    await checkPage(ana, 'page-invitation-joined');

    // The same link again: used.
    await open(stranger.page, link, 410);
    await stranger.page.getByRole('heading', { level: 1, name: 'Invitation already used' }).waitFor();
    await checkPage(stranger.page, 'page-invitation-used');

    // A withdrawn invitation's link.
    const withdrawn = await boDoor.run<{ invitation: { id: string }; accept_link: string }>(boBiz, 'invite_team_member', { email: `cy${Date.now().toString(36)}@example.test`, role: 'member' });
    await boDoor.run(boBiz, 'revoke_invitation', { invitation_id: withdrawn.invitation.id });
    await open(stranger.page, withdrawn.accept_link, 410);
    await stranger.page.getByRole('heading', { level: 1, name: 'Invitation withdrawn' }).waitFor();
    await checkPage(stranger.page, 'page-invitation-withdrawn');

    // A link that was never issued.
    await open(stranger.page, `${instance.url}/oauth/invitation?token=${'x'.repeat(43)}`, 404);
    await stranger.page.getByRole('heading', { level: 1, name: 'Invitation not found' }).waitFor();
    await checkPage(stranger.page, 'page-invitation-unknown');
    await Promise.all([bo.context.close(), stranger.context.close()]);
  });

  it('the consent page an assistant sends the person to, with a choice of business', async () => {
    const provider = new MemoryProvider('Claude Test Assistant');
    expect(await auth(provider, { serverUrl: new URL(instance.mcpUrl) })).toBe('REDIRECT');
    await open(ana, provider.authorizationUrl!.href, 200);
    await ana.getByRole('heading', { level: 1, name: 'Connect Claude Test Assistant to Clerq?' }).waitFor();
    const business = ana.getByRole('group', { name: 'Business' });
    expect(await business.getByRole('radio').count()).toBe(2);
    await business.getByRole('radio', { name: new RegExp(boPerson.businessName) }).waitFor();
    await ana.getByRole('group', { name: 'Access' }).getByRole('radio', { name: /Read only/ }).waitFor();
    await checkPage(ana, 'page-consent');
  });
});

describe('the app at phone width', () => {
  let invoiceId = '';

  it('dashboard with a running timer, unbilled time and an outstanding invoice', async () => {
    // Prepare: time on a task, some of it invoiced, and a timer running.
    const op = <T>(name: string, input: object = {}) => anaDoor.run<T>(anaBiz, name, input);
    const { client } = await op<{ client: { id: string } }>('create_client', { name: 'Northwind Traders', hourly_rate: 9_550 });
    const { project } = await op<{ project: { id: string } }>('create_project', { client_id: client.id, name: 'Website redesign for the spring catalogue' });
    const { task } = await op<{ task: { id: string } }>('create_task', { project_id: project.id, name: 'Design' });
    await op('log_time', { task_id: task.id, date: today, duration_minutes: 136, note: 'Wireframes for the product pages' });
    const { invoice } = await op<{ invoice: { id: string } }>('create_draft_invoice', { client_id: client.id });
    const plan = await op<{ plan_token: string }>('generate_invoice_from_time', { invoice_id: invoice.id, from: today, to: today, dry_run: true });
    await op('generate_invoice_from_time', { invoice_id: invoice.id, from: today, to: today, plan_token: plan.plan_token });
    await op('add_invoice_line', { invoice_id: invoice.id, description: 'Stock photography licence', quantity: 2, unit_amount: 4_950, tax_rate_bps: 2_000 });
    await op('issue_invoice', { invoice_id: invoice.id });
    invoiceId = invoice.id;
    await op('log_time', { task_id: task.id, date: today, duration_minutes: 45, note: 'Review with the client' });
    await op('start_timer', { task_id: task.id });

    // Act: the dashboard loaded on a phone.
    await ana.setViewportSize(phone);
    await ana.goto(`${instance.url}/b/${anaBiz}`);

    // Assess
    await ana.getByRole('heading', { level: 1, name: anaPerson.businessName }).waitFor();
    await ana.getByRole('heading', { name: 'Timer running' }).waitFor();
    await ana.getByRole('cell', { name: '45 min' }).waitFor();
    await ana.getByRole('link', { name: '$335.27' }).waitFor(); // 136 min at $95.50/h ($216.47), and 2 × $49.50 with 20% tax
    await checkPage(ana, 'phone-dashboard');
  });

  it('invoice detail', async () => {
    await ana.setViewportSize(phone);
    await ana.goto(`${instance.url}/b/${anaBiz}/invoices/${invoiceId}`);
    await ana.getByRole('heading', { level: 1, name: 'INV-0001 issued' }).waitFor();
    await ana.getByRole('row', { name: /Stock photography licence/ }).waitFor();
    await ana.getByRole('heading', { name: 'Record a payment' }).waitFor();
    // The time line reads in hours and minutes at an hourly rate, which is how its amount is worked out.
    const timeLine = ana.getByRole('row', { name: /Design/ });
    expect(await timeLine.getByTestId('line-fold').textContent()).toBe('2 h 16 min × $95.50/h, tax 0%');
    expect(await timeLine.getByRole('cell').last().textContent()).toBe('$216.47');
    expect(await ana.getByRole('row', { name: /Stock photography licence/ }).getByTestId('line-fold').textContent()).toBe('2 × $49.50, tax 20%');
    await checkPage(ana, 'phone-invoice-detail');

    // An overpayment is refused with the server's message, naming the invoice by its number: it wraps inside its card.
    await ana.setViewportSize(phone);
    await ana.getByLabel('Amount').fill('5000');
    await ana.getByRole('button', { name: 'Record payment' }).click();
    const refusal = ana.getByRole('alert').filter({ hasText: 'The payment was not recorded' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/is more than the balance of invoice INV-\d{4}, \$[\d,.]+; overpayments are refused/);
    // Inside its card's padding, with nothing of it past its own edge.
    const fits = await refusal.evaluate((el) => {
      const card = el.closest('.card')!;
      const inner = card.getBoundingClientRect().right - parseFloat(getComputedStyle(card).paddingRight);
      return el.getBoundingClientRect().right <= inner + 1 && el.scrollWidth <= el.clientWidth;
    });
    expect({ inSight: await outOfSight(refusal), fits, overflows: await overflowsHorizontally(ana) }).toEqual({ inSight: null, fits: true, overflows: false });
    await screenshots(ana, 'phone-invoice-overpayment');
  });

  it('invoice detail at desktop width: a time line’s quantity and unit price', async () => {
    await ana.setViewportSize(desktop);
    await ana.goto(`${instance.url}/b/${anaBiz}/invoices/${invoiceId}`);
    const row = ana.getByRole('row', { name: /Design/ });
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    // description, quantity, unit price, tax, amount
    expect(cells.slice(1)).toEqual(['2 h 16 min', '$95.50/h', '0%', '$216.47']);
  });

  it('time', async () => {
    await ana.setViewportSize(phone);
    await ana.goto(`${instance.url}/b/${anaBiz}/time`);
    await ana.getByRole('heading', { level: 1, name: 'Time' }).waitFor();
    await ana.getByText('Review with the client').waitFor();
    await ana.getByRole('heading', { name: 'Timer running' }).waitFor();
    await checkPage(ana, 'phone-time');
  });
});
