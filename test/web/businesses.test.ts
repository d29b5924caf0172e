/**
 * One person in two businesses (SIGNUP_MODE=open): the switcher lists both and switching keeps the
 * section; each business shows only its own data; a business the person is not in is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { SpawnedInstance } from '../support/instance.js';
import { desktop, launchChromium, seriousViolations, signUpThroughApp, startWebInstance, webPerson } from '../support/web-browser.js';

let instance: SpawnedInstance;
let browser: Browser;
const alice = { ...webPerson('Alice'), businessName: 'Alice Design' };
const bruno = { ...webPerson('Bruno'), businessName: 'Bruno Build' };
let aliceContext: BrowserContext;
let alicePage: Page;
let aliceBiz = '';
let brunoBiz = '';

beforeAll(async () => {
  [instance, browser] = await Promise.all([startWebInstance({ env: { SIGNUP_MODE: 'open' } }), launchChromium()]);
  aliceContext = await browser.newContext({ viewport: desktop });
  alicePage = await aliceContext.newPage();
  alicePage.setDefaultTimeout(10_000);
  aliceBiz = await signUpThroughApp(alicePage, instance.url, alice);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await instance?.stop();
});

describe('a person in two businesses', () => {
  it('joins a second business through an invitation while signed in', async () => {
    const brunoContext = await browser.newContext({ viewport: desktop });
    const bruno1 = await brunoContext.newPage();
    bruno1.setDefaultTimeout(10_000);
    brunoBiz = await signUpThroughApp(bruno1, instance.url, bruno);
    await bruno1.goto(`${instance.url}/b/${brunoBiz}/clients`);
    await bruno1.getByRole('button', { name: 'New client' }).click();
    await bruno1.getByLabel('Name', { exact: true }).fill('Fabrikam Inc');
    await bruno1.getByRole('button', { name: 'Create client' }).click();
    await bruno1.getByRole('heading', { level: 1, name: /Fabrikam Inc/ }).waitFor();
    await bruno1.goto(`${instance.url}/b/${brunoBiz}/team`);
    await bruno1.getByLabel('Email').fill(alice.email);
    await bruno1.getByLabel('Role').selectOption('admin');
    await bruno1.getByRole('button', { name: 'Send invitation' }).click();
    const link = (await bruno1.getByTestId('invite-link').textContent()) ?? '';
    await brunoContext.close();

    await alicePage.goto(link);
    await alicePage.getByRole('button', { name: `Join ${bruno.businessName}` }).click();
    await alicePage.getByRole('heading', { name: `You joined ${bruno.businessName}` }).waitFor();
    await alicePage.getByRole('link', { name: `Open ${bruno.businessName}` }).click();
    await alicePage.getByRole('heading', { level: 1, name: bruno.businessName }).waitFor();
    expect(new URL(alicePage.url()).pathname).toBe(`/b/${brunoBiz}`);
  });

  it('switches between them with the switcher, keeping the section, each showing its own clients', async () => {
    await alicePage.goto(`${instance.url}/b/${aliceBiz}/clients`);
    await alicePage.getByText('No clients yet.').waitFor();
    const switcher = alicePage.getByRole('combobox', { name: 'Business' });
    expect(await switcher.locator('option').allTextContents()).toEqual(expect.arrayContaining([alice.businessName, bruno.businessName]));
    expect(await seriousViolations(alicePage)).toEqual([]);
    await switcher.selectOption({ label: bruno.businessName });
    await alicePage.waitForURL(`${instance.url}/b/${brunoBiz}/clients`);
    await alicePage.getByRole('link', { name: 'Fabrikam Inc' }).waitFor();
    expect(await alicePage.locator('.topbar .role').textContent()).toBe('admin');
  });

  it('refuses a business the person is not in, saying so', async () => {
    await alicePage.goto(`${instance.url}/b/biz_01J00000000000000000000000/clients`);
    await alicePage.getByRole('heading', { level: 1, name: 'Not one of your businesses' }).waitFor();
    expect(await alicePage.getByRole('link', { name: 'Fabrikam Inc' }).count()).toBe(0);
  });
});
