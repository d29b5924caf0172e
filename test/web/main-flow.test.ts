/**
 * The main browser flow, as a new owner does it in real Chromium against a real local instance:
 * sign up → client → project → task → timer start and stop → draft invoice → generate with
 * preview → issue with confirmation → open the PDF. Each screen passed on the way is scanned
 * with axe-core and photographed at desktop and phone widths.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { SpawnedInstance } from '../support/instance.js';
import { desktop, launchChromium, outOfSight, overflowsHorizontally, phone, screenshots, seriousViolations, signUpThroughApp, startWebInstance, unlabelledCells, webPerson } from '../support/web-browser.js';

let instance: SpawnedInstance;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let businessId = '';
const owner = webPerson('Owner');
const consoleErrors: string[] = [];

/** Every screen: no serious or critical axe violation, fits a phone, and photographed. */
/** Follows a section link and waits for that screen's heading, so no locator reads the previous screen. */
async function openSection(link: string, heading: string | RegExp = link): Promise<void> {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: link }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

async function checkScreen(name: string): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
  await screenshots(page, name);
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await overflowsHorizontally(page);
  await page.setViewportSize(desktop);
  expect({ screen: name, overflowsAtPhoneWidth: overflow }).toEqual({ screen: name, overflowsAtPhoneWidth: false });
}

beforeAll(async () => {
  [instance, browser] = await Promise.all([startWebInstance(), launchChromium()]);
  context = await browser.newContext({ viewport: desktop });
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
  // Uncaught errors and logged errors; a refused request (the signed-out session probe's 401) is an answer, not an error.
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) consoleErrors.push(m.text());
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await instance?.stop();
});

describe('a new owner runs the back office in the browser', () => {
  it('shows the signed-out screen with a sign-in link back to where the person was', async () => {
    await page.goto(`${instance.url}/b/nowhere/clients`);
    const signIn = page.getByRole('link', { name: 'Sign in' });
    expect(await signIn.getAttribute('href')).toBe('/oauth/sign-in?return_to=%2Fb%2Fnowhere%2Fclients');
    await checkScreen('signed-out');
  });

  it('signs up on the instance page and lands on the dashboard of the new business', async () => {
    businessId = await signUpThroughApp(page, instance.url, owner);
    expect(businessId).toMatch(/^biz_/);
    await page.getByRole('heading', { name: 'No timer running' }).waitFor();
    await page.getByText('No unbilled time').waitFor();
    await checkScreen('dashboard-empty');
    // Keyboard: the first Tab reaches the skip link, drawn with a visible focus ring, and it leads to the content.
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => ({ text: document.activeElement?.textContent, outline: getComputedStyle(document.activeElement!).outlineStyle }));
    expect(focused).toEqual({ text: 'Skip to content', outline: 'solid' });
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  });

  it('creates a client, checking the input with the operation’s own schema first', async () => {
    await openSection('Clients');
    // Following a link moves focus to the new screen's content.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.getByText('No clients yet.').waitFor();
    await checkScreen('clients-empty');
    await page.getByRole('button', { name: 'New client' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Northwind Traders');
    await page.getByLabel('Email').fill('not an email');
    await page.getByLabel('Hourly rate').fill('120');
    await page.getByRole('button', { name: 'Create client' }).click();
    // create_client's zod schema, rebuilt from the generated contract, refuses it before any request.
    await page.getByText('Enter an email address, such as name@example.com').waitFor();
    expect(await page.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Email').fill('billing@northwind.example');
    await page.getByRole('button', { name: 'Create client' }).click();
    await page.getByRole('heading', { level: 1, name: /Northwind Traders/ }).waitFor();
    await page.getByText('$120.00').waitFor();
  });

  it('adds a note, a project and a task', async () => {
    await page.getByLabel('Add a note').fill('Prefers invoices at month end.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByText('Prefers invoices at month end.').waitFor();
    await checkScreen('client-detail');

    await page.getByRole('button', { name: 'New project' }).click();
    await page.getByLabel('Project name').fill('Website');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('heading', { level: 1, name: /Website/ }).waitFor();
    await page.getByText('(from the client)').waitFor();

    await page.getByRole('button', { name: 'New task' }).click();
    await page.getByLabel('Task name').fill('Design');
    await page.getByRole('button', { name: 'Create task' }).click();
    const task = page.getByRole('row', { name: /^Design/ });
    await task.waitFor();
    // A task without a rate of its own shows the rate it bills at and where that comes from: the
    // project has none, so the client's. Nobody is assigned yet.
    expect(await task.getByRole('cell').nth(3).textContent()).toBe('$120.00/h (client rate)');
    expect(await task.getByRole('cell').nth(2).textContent()).toBe('Unassigned');

    // A task that is not billable says so instead of a rate it never bills at.
    await page.getByRole('button', { name: 'New task' }).click();
    await page.getByLabel('Task name').fill('Internal review');
    await page.getByLabel('Billable').selectOption('no');
    await page.getByRole('button', { name: 'Create task' }).click();
    const review = page.getByRole('row', { name: /^Internal review/ });
    await review.waitFor();
    expect(await review.getByRole('cell').nth(3).textContent()).toBe('not billable');
    // Editing keeps its own setting rather than falling back to the project's.
    await page.getByRole('button', { name: 'Edit Internal review' }).click();
    expect(await page.getByLabel('Billable').inputValue()).toBe('no');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await checkScreen('project-detail');
    // On a phone the task is a card: its rate, due date and Edit stay in sight, each cell labelled.
    await page.setViewportSize(phone);
    const seen = { edit: await outOfSight(page.getByRole('button', { name: 'Edit Design' })), rate: await outOfSight(task.getByRole('cell').nth(3)), due: await outOfSight(task.getByRole('cell').nth(4)) };
    const unlabelled = await unlabelledCells(page);
    await page.setViewportSize(desktop);
    expect({ seen, unlabelled }).toEqual({ seen: { edit: null, rate: null, due: null }, unlabelled: [] });
  });

  it('starts and stops the timer on the task', async () => {
    await openSection('Time');
    // The picker names the task's project and client; the note sits level with the task.
    const picker = page.getByRole('combobox', { name: 'Task' });
    await picker.selectOption({ label: 'Design — Website · Northwind Traders' });
    const [pickerBox, noteBox] = [await picker.boundingBox(), await page.getByRole('textbox', { name: 'Note (optional)' }).boundingBox()];
    expect(Math.abs(pickerBox!.y + pickerBox!.height - (noteBox!.y + noteBox!.height))).toBeLessThanOrEqual(2);
    expect(Math.abs(pickerBox!.y - noteBox!.y)).toBeLessThanOrEqual(2);
    await page.getByRole('button', { name: 'Start timer' }).click();
    await page.getByRole('heading', { name: 'Timer running' }).waitFor();
    await openSection('Dashboard', owner.businessName);
    await page.getByRole('heading', { name: 'Timer running' }).waitFor();
    await checkScreen('dashboard-timer');
    await page.getByRole('button', { name: 'Stop timer' }).click();
    await page.getByText('Stopped: 1 min recorded.').waitFor();
    await page.getByRole('link', { name: 'Northwind Traders' }).waitFor(); // unbilled time by client
    await openSection('Time');
    await page.getByText('Design', { exact: true }).first().waitFor();
    await checkScreen('time');
  });

  it('drafts an invoice, previews the lines from time before billing, adds them and issues it with its number and total', async () => {
    await openSection('Invoices');
    await page.getByText('No invoices yet.').waitFor();
    await page.getByLabel('New draft for').selectOption({ label: 'Northwind Traders' });
    await page.getByRole('button', { name: 'Create draft invoice' }).click();
    await page.getByRole('heading', { level: 1, name: /Draft invoice/ }).waitFor();

    await page.getByRole('button', { name: 'Preview lines' }).click();
    const preview = page.getByRole('region', { name: 'Preview of the lines' });
    await preview.getByText('Nothing is billed until you add them.').waitFor();
    const row = preview.getByRole('row', { name: /Design/ });
    const cells = await row.getByRole('cell').allTextContents();
    // description, entries, time, rate, rate source, tax, amount
    expect(cells.slice(1)).toEqual(['1', '1 min', '$120.00/h', 'client', '0%', '$2.00']);
    await checkScreen('invoice-preview');
    // The preview billed nothing: the time is still unbilled.
    expect(await page.getByText('No lines yet.').count()).toBe(1);

    await page.getByRole('button', { name: 'Add these lines' }).click();
    await page.getByRole('cell', { name: /Design/ }).first().waitFor();
    expect(await page.getByRole('row', { name: /^Total/ }).textContent()).toContain('$2.00');

    await page.getByRole('button', { name: 'Issue invoice' }).click();
    const dialog = page.getByRole('dialog', { name: 'Issue this invoice?' });
    await dialog.getByText('INV-0001').waitFor();
    expect(await dialog.getByTestId('issue-number').textContent()).toBe('INV-0001');
    expect(await dialog.getByTestId('issue-total').textContent()).toBe('$2.00');
    // Dated as every date in the app reads ("Dec 4, 2026"), not 2026-12-04.
    expect(await dialog.textContent()).toMatch(/, dated [A-Z][a-z]{2} \d{1,2}, \d{4}\./);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'invoice-issue-confirm');
    await dialog.getByRole('button', { name: 'Issue', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /INV-0001/ }).waitFor();
    await page.getByRole('heading', { name: 'Payments' }).waitFor();
    await checkScreen('invoice-issued');
  });

  it('opens the invoice PDF through its signed link', async () => {
    const [popup] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: 'Open PDF' }).click()]);
    const href = await page.getByTestId('pdf-link').getAttribute('href');
    expect(href).toMatch(new RegExp(`^${instance.url}/api/pdf/`));
    await popup.waitForURL((u) => u.href !== 'about:blank');
    await popup.close();
    // The link opens without the session: what a person's PDF viewer or a forwarded link gets.
    const res = await fetch(href!);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('records a payment in full, which marks the invoice paid', async () => {
    await page.getByLabel('Amount').fill('2.00');
    await page.getByLabel('Method').fill('Bank transfer');
    await page.getByRole('button', { name: 'Record payment' }).click();
    await page.getByRole('heading', { level: 1, name: /INV-0001.*paid/i }).waitFor();
    await page.getByText(/\$2\.00 on .* by Bank transfer/).waitFor();
  });

  it('logs time by hand and edits it, with the week’s totals following', async () => {
    await openSection('Time');
    // The timer's billed minute links to its invoice by number.
    const billed = page.locator('.entries li', { hasText: 'billed' });
    await billed.getByRole('link', { name: 'INV-0001' }).waitFor();
    expect(await billed.getByRole('link').allTextContents()).toEqual(['INV-0001']);
    await page.getByRole('button', { name: 'Log time' }).click();
    const form = page.getByRole('region', { name: 'Log time' });
    await form.getByRole('combobox', { name: 'Task' }).selectOption({ label: 'Design — Website · Northwind Traders' });
    await form.getByLabel('Duration').fill('ninety');
    await form.getByRole('button', { name: 'Log time' }).click();
    // log_time's schema wants whole minutes: the unreadable duration is refused in the browser, in plain words.
    await form.getByText('Enter a duration, such as 1:30, 1.5 or 90m').waitFor();
    expect(await form.getByText(/expected|invalid input/i).count()).toBe(0);
    await form.getByLabel('Duration').fill('1:30');
    await form.getByLabel('Note').fill('Wireframes');
    await form.getByRole('button', { name: 'Log time' }).click();
    await page.getByText('Wireframes').waitFor();
    const totals = page.locator('dl[aria-label="Week totals"]');
    await totals.getByText('1 h 31 min').first().waitFor(); // 1 min from the timer (billed) + 90

    await page.getByRole('button', { name: 'Edit entry of 1 h 30 min' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit time entry' });
    await dialog.getByLabel('Duration').fill('2:00');
    await dialog.getByRole('button', { name: 'Save entry' }).click();
    await totals.getByText('2 h 1 min').first().waitFor();
    // The reads refetch before the dialog closes: wait for it to close, rather than race it.
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    expect(await page.getByRole('dialog').count()).toBe(0);
  });

  it('lists the invoice under its status and shows unbilled time on the dashboard', async () => {
    await openSection('Invoices');
    await page.getByRole('button', { name: 'Paid' }).click();
    await page.getByRole('link', { name: 'INV-0001' }).waitFor();
    await checkScreen('invoices');
    await page.getByRole('button', { name: 'Drafts' }).click();
    await page.getByText('No draft invoices.').waitFor();
    await openSection('Dashboard', owner.businessName);
    await page.getByRole('cell', { name: '2 h', exact: true }).waitFor(); // the logged time, not yet invoiced
    await checkScreen('dashboard');
  });

  it('logged no errors in the browser console', () => {
    expect(consoleErrors).toEqual([]);
  });
});
