/**
 * The team and the assistants in real Chromium against a real local instance: an owner invites a
 * member who accepts in a second browser context and cannot see invoices; an MCP client connects
 * through the consent page in the owner's browser, shows up under connected assistants and in the
 * activity log, is revoked there, and its next call gets 401. Every screen visited is scanned with
 * axe-core and photographed.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { auth } from '@modelcontextprotocol/sdk/client/auth.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { MemoryProvider } from '../oauth/helpers/sdk.js';
import type { SpawnedInstance } from '../support/instance.js';
import { acceptNextConfirm, desktop, dismissNextConfirm, launchChromium, outOfSight, overflowsHorizontally, phone, screenshots, seriousViolations, signUpThroughApp, startWebInstance, unlabelledCells, webPerson } from '../support/web-browser.js';

let instance: SpawnedInstance;
let browser: Browser;
let ownerContext: BrowserContext;
let page: Page;
let businessId = '';
const owner = webPerson('Owner');
const memberEmail = `member${Date.now().toString(36)}@example.test`;
let inviteLink = '';

async function openSection(p: Page, link: string, heading: string | RegExp = link): Promise<void> {
  await p.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: link }).click();
  await p.getByRole('heading', { level: 1, name: heading }).waitFor();
}

/** At phone width: each element is in sight without scrolling sideways, and every card cell is labelled. */
async function inSightOnPhone(p: Page, what: Record<string, Locator>): Promise<void> {
  await p.setViewportSize(phone);
  try {
    const seen: Record<string, string | null> = {};
    for (const [name, locator] of Object.entries(what)) seen[name] = await outOfSight(locator);
    expect(seen).toEqual(Object.fromEntries(Object.keys(what).map((k) => [k, null])));
    expect(await unlabelledCells(p)).toEqual([]);
    expect(await overflowsHorizontally(p)).toBe(false);
  } finally {
    await p.setViewportSize(desktop);
  }
}

async function checkScreen(p: Page, name: string): Promise<void> {
  expect(await seriousViolations(p)).toEqual([]);
  await screenshots(p, name);
  await p.setViewportSize({ width: 390, height: 844 });
  const overflow = await overflowsHorizontally(p);
  await p.setViewportSize(desktop);
  expect({ screen: name, overflowsAtPhoneWidth: overflow }).toEqual({ screen: name, overflowsAtPhoneWidth: false });
}

beforeAll(async () => {
  [instance, browser] = await Promise.all([startWebInstance(), launchChromium()]);
  ownerContext = await browser.newContext({ viewport: desktop });
  page = await ownerContext.newPage();
  page.setDefaultTimeout(10_000);
  businessId = await signUpThroughApp(page, instance.url, owner);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await instance?.stop();
});

describe('team', () => {
  it('invites a member and shows the invitation link', async () => {
    await openSection(page, 'Team');
    await page.getByText('You are the only one here.').waitFor();
    await page.getByLabel('Email').fill(memberEmail);
    await page.getByLabel('Role').selectOption('member');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    inviteLink = (await page.getByTestId('invite-link').textContent()) ?? '';
    expect(inviteLink).toMatch(new RegExp(`^${instance.url}/oauth/`));
    await page.getByRole('heading', { name: 'Pending invitations' }).waitFor();
    await page.getByText(`${memberEmail} as member`).waitFor();
    await checkScreen(page, 'team');
  });

  it('the member accepts in a second browser, lands in the business and cannot see invoices', async () => {
    const memberContext = await browser.newContext({ viewport: desktop });
    const member = await memberContext.newPage();
    member.setDefaultTimeout(10_000);
    try {
      await member.goto(inviteLink);
      await member.getByLabel('Your name').fill('Mina Member');
      await member.getByLabel('Password').fill('correct horse battery');
      await member.getByRole('button', { name: /Create account and join/ }).click();
      await member.getByRole('heading', { name: /You joined/ }).waitFor();

      await member.goto(`${instance.url}/`);
      await member.waitForURL(`${instance.url}/b/${businessId}`);
      await member.getByRole('heading', { level: 1, name: owner.businessName }).waitFor();
      const nav = member.getByRole('navigation', { name: 'Sections' });
      await nav.getByRole('link', { name: 'Clients' }).waitFor();
      expect(await nav.getByRole('link', { name: 'Invoices' }).count()).toBe(0);
      expect(await member.getByRole('heading', { name: 'Invoices' }).count()).toBe(0);
      await checkScreen(member, 'member-dashboard');

      // Typing the address does not help: the server refuses, and the page says why.
      await member.goto(`${instance.url}/b/${businessId}/invoices`);
      const refusal = member.getByRole('alert').filter({ hasText: 'Members cannot see invoices; ask an owner or admin of this business.' });
      await refusal.waitFor();
      // The server's code is kept for support, out of the sentence people read.
      expect(await refusal.textContent()).toMatch(/Members cannot see invoices; ask an owner or admin of this business\.$/);
      expect(await refusal.getAttribute('data-code')).toBe('forbidden');
      expect(await member.getByRole('link', { name: 'INV-0001' }).count()).toBe(0);
    } finally {
      await memberContext.close();
    }
    await page.reload();
    await page.getByRole('cell', { name: /^Mina Member/ }).first().waitFor();
  });
});

describe('connected assistants', () => {
  const provider = new MemoryProvider('Claude Test Assistant');
  let client: Client;

  it('connects an MCP client through the consent page in the signed-in browser', async () => {
    const serverUrl = new URL(instance.mcpUrl);
    expect(await auth(provider, { serverUrl })).toBe('REDIRECT');
    // The consent page redirects to the client's loopback address, which nothing serves: read the code from the request.
    const callback = page.waitForRequest((r) => r.url().startsWith(provider.redirectUrl));
    await page.goto(provider.authorizationUrl!.href);
    await page.getByRole('heading', { name: 'Connect Claude Test Assistant to Clerq?' }).waitFor();
    await page.getByRole('button', { name: 'Approve' }).click();
    const code = new URL((await callback).url()).searchParams.get('code');
    expect(code).toBeTruthy();
    expect(await auth(provider, { serverUrl, authorizationCode: code! })).toBe('AUTHORIZED');
    client = new Client({ name: 'clerq-web-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(serverUrl, { authProvider: provider }));
    const made = await client.callTool({ name: 'create_client', arguments: { name: 'Contoso Ltd' } });
    expect(made.isError).toBeFalsy();
  });

  it('lists it with its business, access and dates, and its actions in the activity log', async () => {
    await page.goto(`${instance.url}/b/${businessId}/assistants`);
    const row = page.getByRole('row', { name: /Claude Test Assistant/ });
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells[1]).toBe(owner.businessName);
    expect(cells[2]).toBe('Read and write');
    expect(cells[3]).not.toBe('—');
    await checkScreen(page, 'assistants');

    await openSection(page, 'Activity');
    await page.getByText(/through Claude Test Assistant/).first().waitFor();
    await page.getByLabel('Through').selectOption('web');
    await page.getByText(/Invited/i).first().waitFor();
    expect(await page.getByText(/through Claude Test Assistant/).count()).toBe(0);
    await page.getByLabel('Through').selectOption('');
    await checkScreen(page, 'activity');
  });

  it('revokes it after a confirmation naming it, and the client’s next call gets 401', async () => {
    await openSection(page, 'Assistants', 'Connected assistants');
    const row = page.getByRole('row', { name: /Claude Test Assistant/ });
    const revoke = page.getByRole('button', { name: 'Revoke Claude Test Assistant' });
    // On a phone the row is a card with its Revoke button and last use in sight.
    await inSightOnPhone(page, { revoke, lastUsed: row.getByRole('cell').nth(4) });
    const question = new RegExp(`^Revoke Claude Test Assistant, connected by ${owner.name}\\? Its next request to ${owner.businessName} is refused`);

    // Cancelled: nothing is sent and the connection stays.
    let revokeSent = false;
    const watch = (r: { url: () => string }) => {
      if (r.url().endsWith('/ops/revoke_connection')) revokeSent = true;
    };
    page.on('request', watch);
    const cancelled = dismissNextConfirm(page, question);
    await revoke.click();
    await cancelled;
    await page.waitForTimeout(300);
    page.off('request', watch);
    expect(revokeSent).toBe(false);
    expect(await revoke.isEnabled()).toBe(true);

    // Confirmed: revoked.
    const confirmed = acceptNextConfirm(page, question);
    await revoke.click();
    await confirmed;
    await page.getByText('No assistant is connected.').waitFor();
    await page.getByLabel('Show').selectOption('revoked');
    await page.getByRole('row', { name: /Claude Test Assistant/ }).waitFor();

    const res = await fetch(instance.mcpUrl, {
      method: 'POST',
      headers: { authorization: `Bearer ${provider.saved!.access_token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'whoami', arguments: {} } }),
    });
    expect(res.status).toBe(401);
    await expect(client.callTool({ name: 'whoami', arguments: {} })).rejects.toThrow();
    await client.close();
  });
});

describe('the other screens', () => {
  it('expenses: records one and shows this month’s total', async () => {
    await openSection(page, 'Expenses');
    await page.getByText('No expenses in this period.').waitFor();
    await page.getByRole('button', { name: 'Record expense' }).click();
    await page.getByLabel('Amount').fill('12.50');
    await page.getByLabel('Category', { exact: true }).fill('Software');
    await page.getByLabel('Vendor').fill('Hosting Co');
    await page.getByRole('button', { name: 'Record expense' }).click();
    await page.getByRole('cell', { name: /^Hosting Co/ }).waitFor();
    await page.getByText('$12.50').first().waitFor();
    await checkScreen(page, 'expenses');
    // On a phone the expense is a card with both its actions in sight, and Mark paid works there.
    await inSightOnPhone(page, { markPaid: page.getByRole('button', { name: 'Mark paid Hosting Co' }), delete: page.getByRole('button', { name: 'Delete Hosting Co' }) });
    await page.setViewportSize(phone);
    await page.getByRole('button', { name: 'Mark paid Hosting Co' }).click();
    await page.getByRole('row', { name: /Hosting Co/ }).getByText('paid', { exact: true }).waitFor();
    await page.setViewportSize(desktop);
  });

  it('settings: refuses an unknown currency with the server’s message, then changes the invoice prefix', async () => {
    await openSection(page, 'Settings', 'Business settings');
    await page.getByLabel('Currency').fill('dollars');
    await page.getByRole('button', { name: 'Save settings' }).click();
    // The currency list is checked by the operation (JSON Schema cannot carry it): the server's own words are shown.
    const refusal = page.getByRole('alert').filter({ hasText: 'The settings were not saved' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/currency/i);
    await page.getByLabel('Currency').fill('USD');
    // The hint under the prefix follows what is typed.
    await page.getByText('The next invoice gets INV-0001').waitFor();
    await page.getByLabel('Invoice prefix').fill('AR-');
    await page.getByText('The next invoice gets AR-0001').waitFor();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Saved: invoice prefix.').waitFor();
    // The notice names the settings by their labels.
    await page.getByLabel('Payment terms (days)').fill('14');
    await page.getByLabel('Default tax rate (%)').fill('20');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Saved: payment terms, default tax rate.').waitFor();
    await checkScreen(page, 'settings');
  });

  it('clients, projects and time: empty and filtered states read well', async () => {
    await openSection(page, 'Clients');
    await page.getByRole('link', { name: 'Contoso Ltd' }).waitFor();
    await page.getByRole('searchbox', { name: 'Search' }).fill('zzz');
    await page.getByText('No client matches “zzz”.').waitFor();
    await checkScreen(page, 'clients-search-empty');
    await openSection(page, 'Projects');
    await page.getByText('No projects here.').waitFor();
    await checkScreen(page, 'projects-empty');
    await openSection(page, 'Time');
    await page.getByText('No time this week.').waitFor();
    await checkScreen(page, 'time-empty');
  });

  it('account: a wrong current password is refused with the server’s message, then signing out ends the session', async () => {
    await page.getByRole('link', { name: owner.name }).click();
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    await checkScreen(page, 'account');
    await page.getByLabel('Current password').fill('not my password');
    await page.getByLabel('New password').fill('another horse battery');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('alert').filter({ hasText: 'The password was not changed' }).waitFor();

    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByText('You are not signed in.').waitFor();
    const session = await page.evaluate(async () => (await fetch('/api/v1/session')).status);
    expect(session).toBe(401);
  });
});
