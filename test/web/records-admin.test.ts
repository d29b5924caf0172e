/**
 * Looking after records in real Chromium against a real local instance: a client archived and
 * restored from its screen (gone from the default list, found under "Archived", back again); an
 * issued invoice voided through its confirmation (listed under Void, its time unbilled again) and a
 * paid one offering no Void; a list longer than a page brought in full with "Load more", without
 * duplicates. Data the clicks do not test is seeded through the JSON door with the owner's session,
 * and the server's state is read back the same way after each click.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { SpawnedInstance } from '../support/instance.js';
import { desktop, doorOf, launchChromium, screenshots, seriousViolations, signUpThroughApp, startWebInstance, webPerson, type Door } from '../support/web-browser.js';

interface Client {
  id: string;
  name: string;
  status: 'active' | 'archived';
}
interface Invoice {
  id: string;
  number: string | null;
  status: string;
  void_reason: string | null;
}
interface Entry {
  id: string;
  billed: boolean;
  invoice_id: string | null;
}

let instance: SpawnedInstance;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let door: Door;
let businessId = '';
const owner = webPerson('Owner');
const today = new Date().toISOString().slice(0, 10); // the business keeps the sign-up page's default time zone, UTC

const op = <T>(name: string, input: object = {}) => door.run<T>(businessId, name, input);

async function openSection(link: string, heading: string | RegExp = link): Promise<void> {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: link }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

/** Every client of a status, as the server lists them, following next_cursor to the end. */
async function allClients(status: 'active' | 'archived' | 'all'): Promise<Client[]> {
  const out: Client[] = [];
  let cursor: string | undefined;
  do {
    const p = await op<{ items: Client[]; next_cursor: string | null }>('list_clients', { status, limit: 100, ...(cursor ? { cursor } : {}) });
    out.push(...p.items);
    cursor = p.next_cursor ?? undefined;
  } while (cursor);
  return out;
}

/** The names in the clients table as the page shows them now. */
async function clientNamesShown(): Promise<string[]> {
  return page.locator('table tbody tr td:first-child').allTextContents();
}

/** Waits up to 5 s for the clients table to show exactly these names (a refetch may still be on its way), then asserts it. */
async function expectNamesShown(expected: string[]): Promise<void> {
  const deadline = Date.now() + 5_000;
  let shown = await clientNamesShown();
  while (JSON.stringify(shown) !== JSON.stringify(expected) && Date.now() < deadline) {
    await page.waitForTimeout(50);
    shown = await clientNamesShown();
  }
  expect(shown).toEqual(expected);
}

/** A client with a task, time logged on it, and an invoice for that time issued: what voiding undoes. */
async function issuedInvoiceWithTime(clientName: string, minutes: number): Promise<{ invoice: Invoice; entryId: string }> {
  const { client } = await op<{ client: Client }>('create_client', { name: clientName, hourly_rate: 10_000 });
  const { project } = await op<{ project: { id: string } }>('create_project', { client_id: client.id, name: 'Retainer' });
  const { task } = await op<{ task: { id: string } }>('create_task', { project_id: project.id, name: 'Support' });
  const { entry } = await op<{ entry: Entry }>('log_time', { task_id: task.id, date: today, duration_minutes: minutes });
  const { invoice: draft } = await op<{ invoice: Invoice }>('create_draft_invoice', { client_id: client.id });
  const plan = await op<{ plan_token: string }>('generate_invoice_from_time', { invoice_id: draft.id, from: today, to: today, dry_run: true });
  await op('generate_invoice_from_time', { invoice_id: draft.id, from: today, to: today, plan_token: plan.plan_token });
  const { invoice } = await op<{ invoice: Invoice }>('issue_invoice', { invoice_id: draft.id });
  return { invoice, entryId: entry.id };
}

beforeAll(async () => {
  // Open sign-up: a second person signs up in a German browser below.
  [instance, browser] = await Promise.all([startWebInstance({ env: { SIGNUP_MODE: 'open' } }), launchChromium()]);
  context = await browser.newContext({ viewport: desktop });
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
  businessId = await signUpThroughApp(page, instance.url, owner);
  door = await doorOf(context, instance.url);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await instance?.stop();
});

describe('clients: archive and restore', () => {
  let northwind: Client;

  it('archives a client from its screen: it leaves the default list and is found under Archived', async () => {
    // Prepare: two clients, so the default list is not empty once one is archived.
    northwind = (await op<{ client: Client }>('create_client', { name: 'Northwind Traders' })).client;
    await op('create_client', { name: 'Contoso Ltd' });
    await page.goto(`${instance.url}/b/${businessId}/clients`);
    await page.getByRole('link', { name: 'Northwind Traders' }).click();
    await page.getByRole('heading', { level: 1, name: /Northwind Traders/ }).waitFor();

    // Act
    await page.getByRole('button', { name: 'Archive' }).click();

    // Assess: the screen says archived and offers Restore instead; the server holds it archived.
    await page.getByRole('heading', { level: 1, name: 'Northwind Traders archived' }).waitFor();
    await page.getByRole('button', { name: 'Restore' }).waitFor();
    expect(await page.getByRole('button', { name: 'Archive' }).count()).toBe(0);
    expect((await op<{ client: Client }>('get_client', { client_id: northwind.id })).client.status).toBe('archived');

    await page.getByRole('link', { name: 'Clients', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Clients' }).waitFor();
    await page.getByRole('link', { name: 'Contoso Ltd' }).waitFor();
    await expectNamesShown(['Contoso Ltd']);
    expect((await allClients('active')).map((c) => c.name)).toEqual(['Contoso Ltd']);

    await page.getByLabel('Show').selectOption('archived');
    await expectNamesShown(['Northwind Traders']);
    expect(await page.getByRole('row', { name: /Northwind Traders/ }).getByText('archived').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'clients-archived');
  });

  it('restores it from its screen: it is back in the default list', async () => {
    // Prepare: from the archived list to its screen.
    await page.getByRole('link', { name: 'Northwind Traders' }).click();
    await page.getByRole('heading', { level: 1, name: 'Northwind Traders archived' }).waitFor();

    // Act
    await page.getByRole('button', { name: 'Restore' }).click();

    // Assess
    await page.getByRole('heading', { level: 1, name: 'Northwind Traders active' }).waitFor();
    await page.getByRole('button', { name: 'Archive' }).waitFor();
    expect((await op<{ client: Client }>('get_client', { client_id: northwind.id })).client.status).toBe('active');

    await openSection('Clients');
    await expectNamesShown(['Contoso Ltd', 'Northwind Traders']);
    await page.getByLabel('Show').selectOption('archived');
    await page.getByText('No archived clients.').waitFor();
    expect(await allClients('archived')).toEqual([]);
  });
});

describe('invoices: void', () => {
  let issued: { invoice: Invoice; entryId: string };

  it('voids an issued invoice through its confirmation, which asks for a reason', async () => {
    // Prepare: an issued invoice carrying 90 minutes of time.
    issued = await issuedInvoiceWithTime('Fabrikam Inc', 90);
    expect(issued.invoice.number).toBe('INV-0001');
    await page.goto(`${instance.url}/b/${businessId}/invoices`);
    await page.getByRole('link', { name: 'INV-0001' }).click();
    await page.getByRole('heading', { level: 1, name: 'INV-0001 issued' }).waitFor();

    // Act: open the confirmation; without a reason it cannot be sent; Cancel leaves the invoice alone.
    await page.getByRole('button', { name: 'Void', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Void INV-0001?' });
    await dialog.getByText('its time becomes unbilled again').waitFor();
    expect(await dialog.getByRole('button', { name: 'Void invoice' }).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect((await op<{ invoice: Invoice }>('get_invoice', { invoice_id: issued.invoice.id })).invoice.status).toBe('issued');

    await page.getByRole('button', { name: 'Void', exact: true }).click();
    await dialog.getByLabel('Reason').fill('Billed to the wrong client');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'invoice-void-confirm');
    await dialog.getByRole('button', { name: 'Void invoice' }).click();

    // Assess: the screen, then the server: void with its reason, the number kept, the time unbilled again.
    await page.getByRole('heading', { level: 1, name: 'INV-0001 void' }).waitFor();
    await page.getByRole('dialog').waitFor({ state: 'hidden' }); // it closes once the reads have refetched
    expect(await page.getByRole('dialog').count()).toBe(0);
    await page.getByText('Billed to the wrong client').waitFor();
    expect(await page.getByRole('button', { name: 'Void', exact: true }).count()).toBe(0);
    // Nothing is owed on a void invoice: no balance where the balance would be, the reason instead.
    expect(await page.getByTestId('balance').textContent()).toBe('Void, nothing due (Billed to the wrong client)');
    expect(await page.getByRole('row', { name: /Balance due/ }).count()).toBe(0);
    await screenshots(page, 'invoice-void');
    const after = (await op<{ invoice: Invoice }>('get_invoice', { invoice_id: issued.invoice.id })).invoice;
    expect({ number: after.number, status: after.status, reason: after.void_reason }).toEqual({ number: 'INV-0001', status: 'void', reason: 'Billed to the wrong client' });
    const unbilled = await op<{ items: Entry[] }>('list_time_entries', { billed: false });
    expect(unbilled.items.find((e) => e.id === issued.entryId)).toMatchObject({ billed: false, invoice_id: null });
  });

  it('lists it under Void and no longer under Issued', async () => {
    await page.getByRole('link', { name: 'Invoices', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Invoices' }).waitFor();
    await page.getByRole('button', { name: 'Void', exact: true }).click();
    const row = page.getByRole('row', { name: /INV-0001/ });
    await row.waitFor();
    expect(await row.getByText('void', { exact: true }).count()).toBe(1);
    expect(await row.getByRole('cell').last().textContent()).toBe('— void: Billed to the wrong client');
    await screenshots(page, 'invoices-void');
    await page.getByRole('button', { name: 'Issued', exact: true }).click();
    await page.getByText('No issued invoices waiting for payment.').waitFor();
    expect(await page.getByRole('link', { name: 'INV-0001' }).count()).toBe(0);
    expect((await op<{ items: Invoice[] }>('list_invoices', { status: 'void' })).items.map((i) => i.number)).toEqual(['INV-0001']);
    expect((await op<{ items: Invoice[] }>('list_invoices', { status: 'issued' })).items).toEqual([]);

    // The dashboard counts it neither as outstanding nor as overdue.
    await openSection('Dashboard', owner.businessName);
    const figures = page.getByRole('region', { name: 'Invoices' });
    await figures.getByText('Outstanding').waitFor();
    expect((await figures.locator('dd').allTextContents()).map((t) => t.replace(/\s/g, ' '))).toEqual(['$0.00 in 0 invoices', '$0.00 in 0 invoices']);
  });

  it('offers no Void on a paid invoice, which the server would refuse', async () => {
    // Prepare: an invoice issued and paid in full.
    const paid = await issuedInvoiceWithTime('Tailspin Toys', 30);
    await op('mark_invoice_paid', { invoice_id: paid.invoice.id });
    expect(await door.call(businessId, 'void_invoice', { invoice_id: paid.invoice.id, reason: 'probe' })).toMatchObject({ ok: false, code: 'conflict' });

    // Act
    await page.goto(`${instance.url}/b/${businessId}/invoices/${paid.invoice.id}`);

    // Assess
    await page.getByRole('heading', { level: 1, name: `${paid.invoice.number} paid` }).waitFor();
    await page.getByRole('button', { name: 'Open PDF' }).waitFor();
    expect(await page.getByRole('button', { name: 'Void', exact: true }).count()).toBe(0);
  });
});

describe('lists longer than a page', () => {
  it('shows “Load more” and brings the rest of the clients, each once, in order', async () => {
    // Prepare: 57 more clients (pages are 25 long: three pages), seeded through the door a few at a time.
    const names = Array.from({ length: 57 }, (_, i) => `Batch client ${String(i + 1).padStart(2, '0')}`);
    for (let i = 0; i < names.length; i += 8) {
      await Promise.all(names.slice(i, i + 8).map((name) => op('create_client', { name })));
    }
    const expected = (await allClients('active')).map((c) => c.name);
    expect(expected).toHaveLength(61); // and Contoso, Fabrikam, Northwind and Tailspin
    // An archived client is in no page of the default list.
    await op('archive_client', { client_id: (await allClients('active')).find((c) => c.name === 'Fabrikam Inc')!.id });
    const active = (await allClients('active')).map((c) => c.name);
    expect(active).toHaveLength(60);

    // A fresh load: the app cached the list before the door added to it.
    await page.goto(`${instance.url}/b/${businessId}/clients`);
    await page.getByRole('link', { name: 'Batch client 01' }).waitFor();
    expect(await clientNamesShown()).toEqual(active.slice(0, 25));
    const loadMore = page.getByRole('button', { name: 'Load more' });

    // Act and assess: each click adds the next page after the ones shown, until there is no next page.
    await loadMore.click();
    await page.locator('table tbody tr').nth(49).waitFor();
    expect(await clientNamesShown()).toEqual(active.slice(0, 50));
    expect(await seriousViolations(page)).toEqual([]);
    await loadMore.click();
    await page.locator('table tbody tr').nth(59).waitFor();
    await loadMore.waitFor({ state: 'detached' });
    const shown = await clientNamesShown();
    expect(shown).toEqual(active);
    expect(new Set(shown).size).toBe(shown.length);
    expect(shown).not.toContain('Fabrikam Inc');
    await screenshots(page, 'clients-all-pages');
  });
});

describe('money typed the German way (de-DE, Europe/Berlin)', () => {
  let de: BrowserContext;
  let dePage: Page;
  let deDoor: Door;
  let deBusiness = '';
  let clientId = '';
  let invoiceId = '';
  const german = webPerson('Inhaber');
  const deOp = <T>(name: string, input: object = {}) => deDoor.run<T>(deBusiness, name, input);

  beforeAll(async () => {
    de = await browser.newContext({ viewport: desktop, locale: 'de-DE', timezoneId: 'Europe/Berlin' });
    dePage = await de.newPage();
    dePage.setDefaultTimeout(10_000);
    deBusiness = await signUpThroughApp(dePage, instance.url, german);
    deDoor = await doorOf(de, instance.url);
    await deOp('update_business_settings', { currency: 'EUR' });
  }, 60_000);

  afterAll(async () => {
    await de?.close();
  });

  it('reads a client rate of “85,50” as 85.50 €, shows it so and prefills the edit form with it', async () => {
    await dePage.goto(`${instance.url}/b/${deBusiness}/clients`);
    await dePage.getByRole('button', { name: 'New client' }).click();
    await dePage.getByLabel('Name', { exact: true }).fill('Müller & Söhne GmbH');
    // Too many decimals for euros: refused with a plain message, nothing sent.
    await dePage.getByLabel('Hourly rate').fill('85,505');
    await dePage.getByRole('button', { name: 'Create client' }).click();
    await dePage.getByText('Use at most 2 decimals for EUR, such as 120,50').waitFor();
    expect((await deOp<{ items: Client[] }>('list_clients')).items).toEqual([]);

    await dePage.getByLabel('Hourly rate').fill('85,50');
    await dePage.getByRole('button', { name: 'Create client' }).click();
    await dePage.getByRole('heading', { level: 1, name: /Müller & Söhne GmbH/ }).waitFor();

    const [stored] = (await deOp<{ items: (Client & { hourly_rate: number | null })[] }>('list_clients')).items;
    clientId = stored!.id;
    expect(stored!.hourly_rate).toBe(8550);
    const rate = dePage.getByRole('definition').filter({ hasText: '€' }).first();
    expect((await rate.textContent())?.replace(/\s/g, ' ')).toBe('85,50 €/h');

    await dePage.getByRole('button', { name: 'Edit' }).click();
    expect(await dePage.getByLabel('Hourly rate').inputValue()).toBe('85,50');
    await dePage.getByRole('button', { name: 'Cancel' }).click();
  });

  it('reads a line price of “1.234,50” as 1234.50 € and a payment of “500,00” as 500 €, then offers the new balance for the next payment', async () => {
    invoiceId = (await deOp<{ invoice: Invoice }>('create_draft_invoice', { client_id: clientId })).invoice.id;
    await dePage.goto(`${instance.url}/b/${deBusiness}/invoices/${invoiceId}`);
    await dePage.getByRole('heading', { level: 1, name: /Draft invoice/ }).waitFor();
    // The hint shows the locale's form.
    await dePage.getByText('Such as 120,50').waitFor();
    await dePage.getByLabel('Description').fill('Workshop');
    await dePage.getByLabel('Unit price').fill('1.234,50');
    await dePage.getByLabel('Tax rate (%)').fill('0');
    await dePage.getByRole('button', { name: 'Add line' }).click();
    const line = dePage.getByRole('row', { name: /^Workshop/ });
    await line.waitFor();

    const stored = (await deOp<{ invoice: { lines: { unit_amount: number; amount: number }[]; totals: { total_amount: number } } }>('get_invoice', { invoice_id: invoiceId })).invoice;
    expect(stored.lines.map((l) => [l.unit_amount, l.amount])).toEqual([[123450, 123450]]);
    expect(stored.totals.total_amount).toBe(123450);
    // description, quantity, unit price, tax, amount
    const cells = (await line.getByRole('cell').allTextContents()).slice(1, 5).map((t) => t.replace(/\s/g, ' '));
    expect(cells).toEqual(['1', '1.234,50 €', '0%', '1.234,50 €']);

    // The business has no address and no tax id yet: the confirmation says the invoice goes out without them.
    await dePage.getByRole('button', { name: 'Issue invoice' }).click();
    const dialog = dePage.getByRole('dialog', { name: 'Issue this invoice?' });
    const missing = dialog.getByTestId('issue-missing');
    await missing.waitFor();
    expect(await missing.textContent()).toBe('Your business has no address and no tax id in its settings, so this invoice will go out without them. Add them in Settings first, or issue it as it is.');
    expect(await missing.getByRole('link', { name: 'Add them in Settings' }).getAttribute('href')).toBe(`/b/${deBusiness}/settings`);
    expect(await seriousViolations(dePage)).toEqual([]);
    await screenshots(dePage, 'invoice-issue-confirm-no-address');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await deOp('update_business_settings', { address: 'Hauptstraße 1, 10115 Berlin' });
    await dePage.getByRole('button', { name: 'Issue invoice' }).click();
    await dialog.getByTestId('issue-number').getByText('INV-0001').waitFor();
    expect(await missing.textContent()).toBe('Your business has no tax id in its settings, so this invoice will go out without it. Add it in Settings first, or issue it as it is.');
    expect((await dialog.getByTestId('issue-total').textContent())?.replace(/\s/g, ' ')).toBe('1.234,50 €');
    await dialog.getByRole('button', { name: 'Issue', exact: true }).click();
    await dePage.getByRole('heading', { level: 1, name: /INV-0001/ }).waitFor();
    // The payment form offers the balance as the locale writes it.
    expect(await dePage.getByLabel('Amount').inputValue()).toBe('1.234,50');
    const today = await dePage.getByLabel('Paid on').inputValue();
    await dePage.getByLabel('Amount').fill('500,00');
    await dePage.getByLabel('Paid on').fill('2020-01-02');
    await dePage.getByLabel('Method').fill('Überweisung');
    await dePage.getByLabel('Reference').fill('RE-17');
    await dePage.getByRole('button', { name: 'Record payment' }).click();
    await dePage.getByText(/^500,00\s€ on/).waitFor();
    // The form starts over for the next payment: the new balance, today, no method or reference.
    expect(await Promise.all(['Amount', 'Paid on', 'Method', 'Reference'].map((l) => dePage.getByLabel(l).inputValue()))).toEqual(['734,50', today, '', '']);
    expect((await dePage.getByText(/^Balance \d/).textContent())?.replace(/\s/g, ' ')).toBe('Balance 734,50 €');
    const paid = (await deOp<{ invoice: { payments: { amount: number }[]; totals: { balance_amount: number } } }>('get_invoice', { invoice_id: invoiceId })).invoice;
    expect(paid.payments.map((p) => p.amount)).toEqual([50000]);
    expect(paid.totals.balance_amount).toBe(73450);
    await screenshots(dePage, 'invoice-partly-paid-de');
  });

  it('reads a tax rate of “7,5” and a quantity of “2,5” the German way, and prefills the rate as “7,5”', async () => {
    // The default tax rate, typed in settings, stored as basis points and shown back in the locale's form.
    await dePage.goto(`${instance.url}/b/${deBusiness}/settings`);
    await dePage.getByLabel('Default tax rate (%)').fill('7,5');
    await dePage.getByRole('button', { name: 'Save settings' }).click();
    await dePage.getByText('Saved: default tax rate.').waitFor();
    expect((await deOp<{ business: { default_tax_rate_bps: number } }>('get_business_settings')).business.default_tax_rate_bps).toBe(750);
    await dePage.reload();
    expect(await dePage.getByLabel('Default tax rate (%)').inputValue()).toBe('7,5');

    // A manual line: the tax rate starts as the default, "7,5"; the quantity is typed with a comma.
    const draftId = (await deOp<{ invoice: Invoice }>('create_draft_invoice', { client_id: clientId })).invoice.id;
    await dePage.goto(`${instance.url}/b/${deBusiness}/invoices/${draftId}`);
    await dePage.getByRole('heading', { level: 1, name: /Draft invoice/ }).waitFor();
    expect(await dePage.getByLabel('Tax rate (%)').inputValue()).toBe('7,5');
    await dePage.getByLabel('Description').fill('Beratung');
    await dePage.getByLabel('Quantity').fill('2,5');
    await dePage.getByLabel('Unit price').fill('100,00');
    await dePage.getByRole('button', { name: 'Add line' }).click();
    await dePage.getByRole('row', { name: /^Beratung/ }).waitFor();
    const stored = (await deOp<{ invoice: { lines: { quantity: number; unit_amount: number; tax_rate_bps: number; amount: number }[] } }>('get_invoice', { invoice_id: draftId })).invoice;
    expect(stored.lines.map((l) => [l.quantity, l.unit_amount, l.tax_rate_bps, l.amount])).toEqual([[2.5, 10000, 750, 25000]]);
  });
});
