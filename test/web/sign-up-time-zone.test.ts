/**
 * The sign-up page preselects the browser's own time zone (a script its CSP allows by hash), so a
 * new business's dates and "today" are local from the start; the person can still pick another.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import type { SpawnedInstance } from '../support/instance.js';
import { desktop, launchChromium, startWebInstance, webPerson } from '../support/web-browser.js';

let instance: SpawnedInstance;
let browser: Browser;

beforeAll(async () => {
  [instance, browser] = await Promise.all([startWebInstance({ env: { SIGNUP_MODE: 'open' } }), launchChromium()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await instance?.stop();
});

async function signUpFrom(timezoneId: string, pick?: string) {
  const context = await browser.newContext({ viewport: desktop, timezoneId });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  await page.goto(`${instance.url}/oauth/sign-up`);
  const shown = await page.getByLabel('Time zone').inputValue();
  const person = webPerson('Zoned');
  await page.getByLabel('Your name').fill(person.name);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByLabel('Business name').fill(person.businessName);
  if (pick) await page.getByLabel('Time zone').selectOption(pick);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(/\/b\/[^/]+$/);
  const settings = await page.evaluate(async (businessId) => {
    const session = (await (await fetch('/api/v1/session')).json()) as { csrf_token: string };
    const res = await fetch(`/api/v1/businesses/${businessId}/ops/get_business_settings`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-clerq-csrf': session.csrf_token }, body: '{}' });
    return ((await res.json()) as { result: { business: { time_zone: string } } }).result.business;
  }, new URL(page.url()).pathname.split('/')[2]!);
  await context.close();
  return { shown, saved: settings.time_zone, problems };
}

describe('sign-up time zone', () => {
  it('preselects the browser’s time zone, and the business is created in it, with no CSP refusal', async () => {
    expect(await signUpFrom('Asia/Tokyo')).toEqual({ shown: 'Asia/Tokyo', saved: 'Asia/Tokyo', problems: [] });
  }, 60_000);

  it('keeps the person’s own choice over the guess', async () => {
    expect(await signUpFrom('America/Chicago', 'Europe/Berlin')).toEqual({ shown: 'America/Chicago', saved: 'Europe/Berlin', problems: [] });
  }, 60_000);
});
