/**
 * The sign-up page preselects the browser's own time zone (a script its CSP allows by hash), so a
 * new business's dates and "today" are local from the start; the person can still pick another.
 * The settings screen offers the same list, with the business's zone selected.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import type { SpawnedInstance } from '../support/instance.js';
import { desktop, doorOf, launchChromium, signUpThroughApp, startWebInstance, webPerson } from '../support/web-browser.js';

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

describe('settings time zone', () => {
  it('is a list with the business’s zone selected (also one the list lacks), and a new choice is saved', async () => {
    const context = await browser.newContext({ viewport: desktop, timezoneId: 'Asia/Tokyo' });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    try {
      const businessId = await signUpThroughApp(page, instance.url, webPerson('Zoned'));
      const door = await doorOf(context, instance.url);
      const savedZone = async () => (await door.run<{ business: { time_zone: string } }>(businessId, 'get_business_settings')).business.time_zone;
      await page.goto(`${instance.url}/b/${businessId}/settings`);
      const zone = page.getByLabel('Time zone');
      await zone.waitFor();
      expect(await zone.evaluate((el) => el.tagName)).toBe('SELECT');
      expect(await zone.inputValue()).toBe('Asia/Tokyo');
      expect(await zone.locator('option', { hasText: 'Europe/Berlin' }).count()).toBe(1);

      await zone.selectOption('Europe/Berlin');
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page.getByText('Saved: time zone.').waitFor();
      expect(await savedZone()).toBe('Europe/Berlin');
      expect(await page.getByLabel('Time zone').inputValue()).toBe('Europe/Berlin');

      // A zone stored under an older name the list no longer carries is still shown, selected.
      await door.run(businessId, 'update_business_settings', { time_zone: 'Asia/Calcutta' });
      await page.reload();
      await page.getByLabel('Time zone').waitFor();
      expect(await savedZone()).toBe('Asia/Calcutta');
      expect(await page.getByLabel('Time zone').inputValue()).toBe('Asia/Calcutta');
    } finally {
      await context.close();
    }
  }, 60_000);
});
