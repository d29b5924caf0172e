/**
 * Editing an expense in the web app: the row's Edit opens the recording form prefilled, only the
 * changed fields are sent, and the permission matrix's rules show: a member edits only their own
 * expenses (another member's is refused by the server when forced), and a paid expense's amount and
 * currency are locked for a member, not for the owner.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import type { SpawnedInstance } from '../support/instance.js';
import { acceptInvitationAsNewPerson, desktop, doorOf, launchChromium, seriousViolations, signUpThroughApp, startWebInstance, webPerson, type Door } from '../support/web-browser.js';

interface Expense {
  id: string;
  amount: number;
  currency: string;
  vendor: string | null;
  description: string | null;
  category: string;
  status: string;
}

let instance: SpawnedInstance;
let browser: Browser;
let businessId = '';
let ownerPage: Page;
let ownerDoor: Door;
let benPage: Page;
let benDoor: Door;
let cyDoor: Door;
let benExpense = '';
let cyExpense = '';
const owner = webPerson('Owner');
const ben = webPerson('Ben');
const cy = webPerson('Cy');

async function openExpenses(p: Page): Promise<void> {
  await p.goto(`${instance.url}/b/${businessId}/expenses`);
  await p.getByRole('heading', { level: 1, name: 'Expenses' }).waitFor();
}

const storedExpense = async (id: string) => (await ownerDoor.run<{ items: Expense[] }>(businessId, 'list_expenses', { status: 'all' })).items.find((x) => x.id === id)!;

/** The inputs of the update_expense requests the page sends from now on. */
function updatesSent(p: Page): Record<string, unknown>[] {
  const sent: Record<string, unknown>[] = [];
  p.on('request', (r) => {
    if (r.url().endsWith('/ops/update_expense')) sent.push(JSON.parse(r.postData() ?? '{}') as Record<string, unknown>);
  });
  return sent;
}

beforeAll(async () => {
  [instance, browser] = await Promise.all([startWebInstance(), launchChromium()]);
  const ownerContext = await browser.newContext({ viewport: desktop, locale: 'en-US' });
  ownerPage = await ownerContext.newPage();
  ownerPage.setDefaultTimeout(10_000);
  businessId = await signUpThroughApp(ownerPage, instance.url, owner);
  ownerDoor = await doorOf(ownerContext, instance.url);
  await ownerDoor.run(businessId, 'update_business_settings', { currency: 'USD' });
  const links = await Promise.all(
    [ben, cy].map(async (p) => (await ownerDoor.run<{ accept_link: string }>(businessId, 'invite_team_member', { email: p.email, role: 'member' })).accept_link),
  );
  const [b, c] = await Promise.all([acceptInvitationAsNewPerson(browser, links[0]!, ben.name), acceptInvitationAsNewPerson(browser, links[1]!, cy.name)]);
  benPage = b.page;
  [benDoor, cyDoor] = await Promise.all([doorOf(b.context, instance.url), doorOf(c.context, instance.url)]);
  const { business } = await ownerDoor.run<{ business: { time_zone: string } }>(businessId, 'get_business_settings');
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: business.time_zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  benExpense = (await benDoor.run<{ expense: Expense }>(businessId, 'create_expense', { date: today, amount: 1250, category: 'Travel', vendor: 'Rail Co', description: 'Trip to the client' })).expense.id;
  cyExpense = (await cyDoor.run<{ expense: Expense }>(businessId, 'create_expense', { date: today, amount: 3000, category: 'Travel', vendor: 'Cab Co' })).expense.id;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await instance?.stop();
});

describe('editing an expense', () => {
  it('a member edits the vendor and amount of their own expense; only the changed fields are sent', async () => {
    const sent = updatesSent(benPage);
    await openExpenses(benPage);
    await benPage.getByRole('button', { name: 'Edit Rail Co' }).click();
    const dialog = benPage.getByRole('dialog', { name: 'Edit expense' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Amount').inputValue()).toBe('12.50');
    expect(await dialog.getByLabel('Vendor').inputValue()).toBe('Rail Co');
    expect(await dialog.getByLabel('Description').inputValue()).toBe('Trip to the client');
    expect(await seriousViolations(benPage)).toEqual([]);
    await dialog.getByLabel('Vendor').fill('Rail Express');
    await dialog.getByLabel('Amount').fill('14.75');
    await dialog.getByRole('button', { name: 'Save expense' }).click();
    await benPage.getByRole('cell', { name: /^Rail Express/ }).waitFor();
    await benPage.getByText('$14.75').first().waitFor();
    expect(sent).toEqual([{ expense_id: benExpense, vendor: 'Rail Express', amount: 1475 }]);
    expect(await storedExpense(benExpense)).toMatchObject({ vendor: 'Rail Express', amount: 1475, currency: 'USD', category: 'Travel', description: 'Trip to the client' });
  });

  it('a member has no Edit for another member’s expense, and the server refuses it when forced', async () => {
    // A member lists only their own expenses: Cy's is not there, so no Edit for it.
    await openExpenses(benPage);
    await benPage.getByRole('cell', { name: /^Rail Express/ }).waitFor();
    expect(await benPage.getByRole('button', { name: /^Edit/ }).count()).toBe(1);
    expect(await benPage.getByRole('button', { name: 'Edit Cab Co' }).count()).toBe(0);
    const forced = await benDoor.call(businessId, 'update_expense', { expense_id: cyExpense, vendor: 'Not mine' });
    expect(forced).toMatchObject({ ok: false, status: 403, code: 'forbidden' });
    expect((await storedExpense(cyExpense)).vendor).toBe('Cab Co');
  });

  it('a paid expense: its amount and currency are locked for the member (with a hint), not for the owner', async () => {
    await ownerDoor.run(businessId, 'mark_expense_paid', { expense_id: benExpense });
    await openExpenses(benPage);
    await benPage.getByRole('button', { name: 'Edit Rail Express' }).click();
    const dialog = benPage.getByRole('dialog', { name: 'Edit expense' });
    expect(await dialog.getByLabel('Amount').isDisabled()).toBe(true);
    expect(await dialog.getByLabel('Currency').isDisabled()).toBe(true);
    await dialog.getByText('Paid: only an owner or admin can change the amount or currency').waitFor();
    // The rest stays editable.
    await dialog.getByLabel('Description').fill('Return trip');
    await dialog.getByRole('button', { name: 'Save expense' }).click();
    await benPage.getByText('Travel · Return trip').waitFor();
    expect(await storedExpense(benExpense)).toMatchObject({ amount: 1475, description: 'Return trip', status: 'paid' });

    // The owner sees both expenses, may edit both, and may correct the paid amount.
    await openExpenses(ownerPage);
    await ownerPage.getByRole('button', { name: 'Edit Cab Co' }).waitFor();
    await ownerPage.getByRole('button', { name: 'Edit Rail Express' }).click();
    const ownerDialog = ownerPage.getByRole('dialog', { name: 'Edit expense' });
    expect(await ownerDialog.getByLabel('Amount').isDisabled()).toBe(false);
    await ownerDialog.getByLabel('Amount').fill('15.00');
    await ownerDialog.getByRole('button', { name: 'Save expense' }).click();
    await ownerPage.getByText('$15.00').first().waitFor();
    expect((await storedExpense(benExpense)).amount).toBe(1500);
  });
});
