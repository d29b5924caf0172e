/**
 * Running a team in real Chromium against a real local instance, each person in their own browser
 * context: an owner withdraws a pending invitation (its link stops working), changes a member's
 * role (the member's app follows), removes a member (whose next action is refused and whose app
 * loses the business), transfers ownership (becoming an admin) and then leaves. What the server
 * holds is read back through the JSON door after each click.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { SpawnedInstance } from '../support/instance.js';
import {
  acceptInvitationAsNewPerson,
  acceptNextConfirm,
  desktop,
  dismissNextConfirm,
  doorOf,
  launchChromium,
  overflowsHorizontally,
  phone,
  screenshots,
  seriousViolations,
  signUpThroughApp,
  startWebInstance,
  webPerson,
  type Door,
} from '../support/web-browser.js';

interface Member {
  user_id: string;
  name: string;
  role: 'owner' | 'admin' | 'member';
}
interface Team {
  members: Member[];
  pending_invitations: { id: string; email: string; status: string }[] | null;
}

let instance: SpawnedInstance;
let browser: Browser;
let ownerPage: Page;
let ownerDoor: Door;
let businessId = '';
const owner = webPerson('Owner');
const stamp = Date.now().toString(36);
const ben = { name: 'Ben Baker', email: `ben${stamp}@example.test` };
const cy = { name: 'Cy Carter', email: `cy${stamp}@example.test` };
let benContext: BrowserContext;
let benPage: Page;
let benDoor: Door;
let cyPage: Page;
let cyDoor: Door;

const team = (door: Door) => door.run<Team>(businessId, 'list_team_members');
const rolesOf = async (door: Door) => Object.fromEntries((await team(door)).members.map((m) => [m.name, m.role]));

async function openTeam(p: Page): Promise<void> {
  await p.goto(`${instance.url}/b/${businessId}/team`);
  await p.getByRole('heading', { level: 1, name: 'Team' }).waitFor();
}

/** The role shown in the top bar: what the app believes the person is in this business. */
const roleInTopBar = (p: Page) => p.locator('.topbar .role').textContent();

beforeAll(async () => {
  [instance, browser] = await Promise.all([startWebInstance(), launchChromium()]);
  const ownerContext = await browser.newContext({ viewport: desktop });
  ownerPage = await ownerContext.newPage();
  ownerPage.setDefaultTimeout(10_000);
  businessId = await signUpThroughApp(ownerPage, instance.url, owner);
  ownerDoor = await doorOf(ownerContext, instance.url);
  // Two members join, each in their own browser.
  const links = await Promise.all(
    [ben, cy].map(async (p) => (await ownerDoor.run<{ accept_link: string }>(businessId, 'invite_team_member', { email: p.email, role: 'member' })).accept_link),
  );
  const [b, c] = await Promise.all([acceptInvitationAsNewPerson(browser, links[0]!, ben.name), acceptInvitationAsNewPerson(browser, links[1]!, cy.name)]);
  [benContext, benPage, cyPage] = [b.context, b.page, c.page];
  [benDoor, cyDoor] = await Promise.all([doorOf(b.context, instance.url), doorOf(c.context, instance.url)]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await instance?.stop();
});

describe('team administration in the browser', () => {
  it('withdraws a pending invitation: it leaves the list and its link stops working', async () => {
    // Prepare: an invitation sent from the team screen.
    const dora = `dora${stamp}@example.test`;
    await openTeam(ownerPage);
    await ownerPage.getByLabel('Email').fill(dora);
    await ownerPage.getByRole('button', { name: 'Send invitation' }).click();
    const link = (await ownerPage.getByTestId('invite-link').textContent()) ?? '';
    const pending = ownerPage.getByRole('region', { name: 'Pending invitations' });
    await pending.getByText(`${dora} as member`).waitFor();
    expect((await fetch(link)).status).toBe(200);
    expect(await seriousViolations(ownerPage)).toEqual([]);
    await screenshots(ownerPage, 'team-members');
    await ownerPage.setViewportSize(phone);
    expect(await overflowsHorizontally(ownerPage)).toBe(false);
    await ownerPage.setViewportSize(desktop);

    // Act
    await pending.getByRole('button', { name: `Withdraw invitation to ${dora}` }).click();

    // Assess: gone from the screen and from the server's pending invitations; the link says withdrawn.
    await pending.waitFor({ state: 'detached' });
    const invitations = (await team(ownerDoor)).pending_invitations ?? [];
    expect(invitations.filter((i) => i.status === 'pending').map((i) => i.email)).toEqual([]);
    const res = await fetch(link);
    expect(res.status).toBe(410);
    expect(await res.text()).toContain('Invitation withdrawn');
  });

  it('changes a member’s role, and the member’s own app follows', async () => {
    // Prepare: Ben, a member, sees no invoices.
    await benPage.goto(`${instance.url}/b/${businessId}`);
    await benPage.getByRole('heading', { level: 1, name: owner.businessName }).waitFor();
    expect(await roleInTopBar(benPage)).toBe('member');
    expect(await benPage.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Invoices' }).count()).toBe(0);
    await openTeam(ownerPage);

    // The role list says that "owner" there makes a co-owner, and how that differs from a transfer.
    const roles = await ownerPage.getByLabel(`Role of ${ben.name}`).locator('option').allTextContents();
    expect(roles).toEqual(['Owner (co-owner)', 'Admin', 'Member']);
    expect(await ownerPage.getByLabel(`Role of ${ben.name}`).getAttribute('aria-describedby')).toBe('role-hint');
    expect(await ownerPage.locator('#role-hint').textContent()).toMatch(/adds an owner beside you.*“Transfer ownership” makes them the owner and you an admin/);

    // A co-owner asks first, saying what it gives; cancelled, the list goes back and nothing is sent.
    let sent = 0;
    const count = (r: { url: () => string }) => void (r.url().endsWith('/ops/change_member_role') && sent++);
    ownerPage.on('request', count);
    const declined = dismissNextConfirm(ownerPage, `Make ${ben.name} an owner (co-owner)? They get full control of ${owner.businessName} beside you, with the same rights as you.`);
    await ownerPage.getByLabel(`Role of ${ben.name}`).selectOption('owner');
    await declined;
    expect(await ownerPage.getByLabel(`Role of ${ben.name}`).inputValue()).toBe('member');
    await ownerPage.waitForTimeout(200);
    expect(sent).toBe(0);
    expect(await rolesOf(ownerDoor)).toEqual({ [owner.name]: 'owner', [ben.name]: 'member', [cy.name]: 'member' });

    // Act
    const answered = ownerPage.waitForResponse((r) => r.url().endsWith('/ops/change_member_role'));
    const confirmed = acceptNextConfirm(ownerPage, `Make ${ben.name} an admin? Admins manage clients, invoices, settings and members.`);
    await ownerPage.getByLabel(`Role of ${ben.name}`).selectOption('admin');
    await confirmed;

    // Assess: a saved notice, the server holds it, the select shows it after a reload, and Ben's next load shows Invoices.
    expect((await answered).status()).toBe(200);
    ownerPage.off('request', count);
    expect(sent).toBe(1);
    expect(await ownerPage.getByRole('row', { name: new RegExp(ben.name) }).getByRole('status').textContent()).toBe(`Saved: ${ben.name} is now an admin.`);
    await screenshots(ownerPage, 'team-role-saved');
    expect(await rolesOf(ownerDoor)).toEqual({ [owner.name]: 'owner', [ben.name]: 'admin', [cy.name]: 'member' });
    await ownerPage.reload();
    expect(await ownerPage.getByLabel(`Role of ${ben.name}`).inputValue()).toBe('admin');
    await benPage.reload();
    await benPage.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Invoices' }).waitFor();
    expect(await roleInTopBar(benPage)).toBe('admin');
  });

  it('removes a member: their next action is refused and the business leaves their app', async () => {
    // Prepare: Cy has the business open in their own browser.
    await cyPage.goto(`${instance.url}/b/${businessId}/clients`);
    await cyPage.getByRole('heading', { level: 1, name: 'Clients' }).waitFor();
    await openTeam(ownerPage);

    // Act
    const confirmed = acceptNextConfirm(ownerPage, `Remove ${cy.name}? Their assistants are disconnected and a running timer is discarded.`);
    await ownerPage.getByRole('button', { name: `Remove ${cy.name}` }).click();
    await confirmed;

    // Assess: the owner's screen and the server no longer have Cy.
    await ownerPage.getByRole('row', { name: new RegExp(`^${cy.name}`) }).waitFor({ state: 'detached' });
    expect(await rolesOf(ownerDoor)).toEqual({ [owner.name]: 'owner', [ben.name]: 'admin' });
    expect(await cyDoor.call(businessId, 'list_clients')).toMatchObject({ ok: false, status: 404, code: 'not_found' });

    // Cy's next click in the open app is refused, and the app stops offering the business.
    const refused = cyPage.waitForResponse((r) => r.url().endsWith('/ops/list_projects'));
    await cyPage.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Projects' }).click();
    expect((await refused).status()).toBe(404);
    await cyPage.getByRole('heading', { level: 1, name: 'Not one of your businesses' }).waitFor();
    expect(await cyPage.getByRole('navigation', { name: 'Sections' }).count()).toBe(0);
    await cyPage.goto(`${instance.url}/`);
    await cyPage.getByRole('heading', { level: 1, name: 'No business yet' }).waitFor();
  });

  it('transfers ownership: the other member becomes owner and the former owner an admin', async () => {
    // Prepare
    await openTeam(ownerPage);
    expect(await roleInTopBar(ownerPage)).toBe('owner');

    // Act
    const confirmed = acceptNextConfirm(ownerPage, `Make ${ben.name} the owner? You become an admin.`);
    await ownerPage.getByRole('button', { name: `Transfer ownership to ${ben.name}` }).click();
    await confirmed;

    // Assess: the former owner's app says admin and offers no owner's actions; the server agrees.
    await ownerPage.locator('.topbar .role', { hasText: 'admin' }).waitFor();
    await ownerPage.getByRole('row', { name: new RegExp(`${ben.name}.*owner`) }).waitFor();
    expect(await ownerPage.getByRole('button', { name: /Transfer ownership/ }).count()).toBe(0);
    expect(await ownerPage.getByRole('combobox', { name: /Role of/ }).count()).toBe(0);
    expect(await rolesOf(benDoor)).toEqual({ [owner.name]: 'admin', [ben.name]: 'owner' });
    expect(await ownerDoor.call(businessId, 'transfer_ownership', { member_id: (await team(benDoor)).members.find((m) => m.name === ben.name)!.user_id })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
  });

  it('leaves the business as the admin it now is; the last owner is not offered to leave', async () => {
    // Act
    const confirmed = acceptNextConfirm(ownerPage, `Leave ${owner.businessName}?`);
    await ownerPage.getByRole('button', { name: 'Leave business' }).click();
    await confirmed;

    // Assess: the person who left lands where they belong to no business; the server has Ben alone.
    await ownerPage.getByRole('heading', { level: 1, name: 'No business yet' }).waitFor();
    expect(await rolesOf(benDoor)).toEqual({ [ben.name]: 'owner' });
    expect(await ownerDoor.call(businessId, 'list_clients')).toMatchObject({ ok: false, status: 404 });

    await openTeam(benPage);
    await benPage.getByText('You are the only one here.').waitFor();
    expect(await benPage.getByRole('button', { name: 'Leave business' }).count()).toBe(0);
    expect(await seriousViolations(benPage)).toEqual([]);
    await benContext.close();
  });
});
