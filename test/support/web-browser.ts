/**
 * The browser side of the web tests: a built web app served by a real local instance, Debian's
 * Chromium driven by playwright-core, axe-core injected into the page, and screenshots saved
 * under test-artifacts/screenshots (gitignored) for people to look at.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { ensureWebBuilt } from '../../scripts/web-build.js';
import { spawnInstance, type SpawnedInstance, type SpawnOptions } from './instance.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const screenshotDir = join(repoRoot, 'test-artifacts', 'screenshots');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Builds web/dist if its sources changed, then starts an instance that serves it. */
export async function startWebInstance(options: SpawnOptions = {}): Promise<SpawnedInstance> {
  ensureWebBuilt(() => undefined);
  return spawnInstance(options);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
}

export const desktop = { width: 1280, height: 800 };
export const phone = { width: 390, height: 844 };

export interface WebPerson {
  name: string;
  email: string;
  password: string;
  businessName: string;
}

let counter = 0;
export function webPerson(label: string): WebPerson {
  const n = `${Date.now().toString(36)}${++counter}`;
  return { name: `${label} ${n}`, email: `${label.toLowerCase()}${n}@example.test`, password: 'correct horse battery', businessName: `${label} Studio` };
}

/** Signs up on the instance's own page from the app's signed-out screen, and lands on the dashboard. */
export async function signUpThroughApp(page: Page, base: string, person: WebPerson): Promise<string> {
  await page.goto(`${base}/`);
  await page.getByRole('link', { name: 'Create an account' }).click();
  await page.getByLabel('Your name').fill(person.name);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByLabel('Business name').fill(person.businessName);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(/\/b\/[^/]+$/);
  await page.getByRole('heading', { level: 1, name: person.businessName }).waitFor();
  return new URL(page.url()).pathname.split('/')[2]!;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** axe-core's serious and critical violations on the page as it is now (WCAG 2.x A and AA rules). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Saves the page at desktop and phone widths (full page), then restores the desktop viewport. */
export async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  for (const [label, size] of [['desktop', desktop], ['phone', phone]] as const) {
    await page.setViewportSize(size);
    await page.waitForTimeout(50);
    await page.screenshot({ path: join(screenshotDir, `${name}-${label}.png`), fullPage: true });
  }
  await page.setViewportSize(desktop);
}

/**
 * What scrolls sideways on the page as it is now: "page" when the page is wider than its viewport,
 * and each box inside it that scrolls sideways (a table in a scroll box hides what is past its
 * edge just as well), named by its tag, class and first words. Form controls are left out.
 */
export function sidewaysScrollers(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) found.push('page');
    for (const el of Array.from(document.body.querySelectorAll<HTMLElement>('*'))) {
      if (el.matches('input, textarea, select, option')) continue;
      const { overflowX } = getComputedStyle(el);
      if ((overflowX === 'auto' || overflowX === 'scroll') && el.scrollWidth > el.clientWidth + 1) {
        found.push(`${el.tagName.toLowerCase()}.${el.className}: ${(el.textContent ?? '').trim().slice(0, 40)}`);
      }
    }
    return found;
  });
}

/** Whether anything on the page scrolls sideways (something does not fit a phone). */
export async function overflowsHorizontally(page: Page): Promise<boolean> {
  return (await sidewaysScrollers(page)).length > 0;
}

/**
 * Why an element cannot be seen whole without scrolling sideways, or null when it can: the page is
 * scrolled vertically only (never a box sideways) to bring it to the middle, then the element must
 * have a size, lie inside the viewport and inside every box that clips it, and be what is drawn
 * at its centre.
 */
export function outOfSight(locator: Locator): Promise<string | null> {
  return locator.evaluate((el) => {
    const first = el.getBoundingClientRect();
    window.scrollTo({ top: window.scrollY + first.top - window.innerHeight / 2, behavior: 'instant' });
    const r = el.getBoundingClientRect();
    const where = `${Math.round(r.left)}…${Math.round(r.right)} × ${Math.round(r.top)}…${Math.round(r.bottom)}`;
    if (r.width === 0 || r.height === 0) return 'it has no size';
    const width = document.documentElement.clientWidth;
    if (r.left < -1 || r.right > width + 1 || r.top < -1 || r.bottom > window.innerHeight + 1) return `it lies at ${where}, outside the ${width} px viewport`;
    for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
      const style = getComputedStyle(box);
      if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
      const b = box.getBoundingClientRect();
      if (r.left < b.left - 1 || r.right > b.right + 1 || r.top < b.top - 1 || r.bottom > b.bottom + 1) return `it lies at ${where}, cut off by ${box.tagName.toLowerCase()}.${box.className}`;
    }
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    if (!hit || !(hit === el || el.contains(hit))) return `something else is drawn over it: ${hit?.tagName.toLowerCase()}.${hit?.className}`;
    return null;
  });
}

/** The cells of card tables (ui/table.tsx) that carry no column label for a phone to show. */
export function unlabelledCells(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('table.cards tbody td'))
      .filter((td) => !td.getAttribute('data-label'))
      .map((td) => (td.textContent ?? '').trim().slice(0, 40)),
  );
}

/** What the JSON door answered to one operation: its result, or the refusal with its status, code and message. */
export type DoorAnswer<T> = { ok: true; result: T } | { ok: false; status: number; code: string; message: string };

export interface Door {
  /** One operation of one business, answered as it is (a refusal is an answer). */
  call<T = Record<string, unknown>>(businessId: string, operation: string, input?: object): Promise<DoorAnswer<T>>;
  /** One operation that must succeed: its result. */
  run<T = Record<string, unknown>>(businessId: string, operation: string, input?: object): Promise<T>;
}

/**
 * The JSON door (functions/api.ts) as the person signed in in a browser context: that context's
 * session cookie and the CSRF token its session gives, sent from the test. For seeding data
 * quickly and for reading what the server holds after a click, never instead of the clicks under test.
 */
export async function doorOf(context: BrowserContext, base: string): Promise<Door> {
  const cookie = (await context.cookies(base)).map((c) => `${c.name}=${c.value}`).join('; ');
  const session = await fetch(`${base}/api/v1/session`, { headers: { cookie, accept: 'application/json' } });
  if (!session.ok) throw new Error(`no session in this browser context: ${session.status}`);
  const { csrf_token: csrf } = (await session.json()) as { csrf_token: string };
  const call = async <T>(businessId: string, operation: string, input: object = {}): Promise<DoorAnswer<T>> => {
    const res = await fetch(`${base}/api/v1/businesses/${businessId}/ops/${operation}`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', accept: 'application/json', 'x-clerq-csrf': csrf },
      body: JSON.stringify(input),
    });
    const body = (await res.json()) as { result?: T; error?: { code: string; message: string } };
    if (res.ok) return { ok: true, result: body.result as T };
    return { ok: false, status: res.status, code: body.error?.code ?? 'error', message: body.error?.message ?? '' };
  };
  return {
    call,
    async run<T>(businessId: string, operation: string, input: object = {}) {
      const a = await call<T>(businessId, operation, input);
      if (!a.ok) throw new Error(`${operation} was refused: ${a.status} ${a.code}: ${a.message}`);
      return a.result;
    },
  };
}

/** Accepts an invitation link in a fresh browser context by creating the invitee's account there; returns that signed-in context. */
export async function acceptInvitationAsNewPerson(browser: Browser, link: string, name: string, password = 'correct horse battery'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: desktop });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(link);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: /Create account and join/ }).click();
  await page.getByRole('heading', { name: /You joined/ }).waitFor();
  return { context, page };
}

/** Answers the next window.confirm() the page opens, after checking its message; fails if none opens. */
function answerNextConfirm(page: Page, message: string | RegExp, accept: boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no confirmation like ${String(message)} was asked`)), 10_000);
    page.once('dialog', (d) => {
      clearTimeout(timer);
      const text = d.message();
      const matches = typeof message === 'string' ? text === message : message.test(text);
      if (!matches) {
        void d.dismiss();
        reject(new Error(`unexpected confirmation: ${text}`));
        return;
      }
      void (accept ? d.accept() : d.dismiss()).then(() => resolve(text));
    });
  });
}

/** Accepts the next window.confirm() the page opens, after checking its message; fails if none opens. */
export function acceptNextConfirm(page: Page, message: string | RegExp): Promise<string> {
  return answerNextConfirm(page, message, true);
}

/** Cancels the next window.confirm() the page opens, after checking its message; fails if none opens. */
export function dismissNextConfirm(page: Page, message: string | RegExp): Promise<string> {
  return answerNextConfirm(page, message, false);
}
