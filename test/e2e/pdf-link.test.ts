import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { signPdfToken } from '../../shared/pdf/link.js';
import { startInstance } from '../oauth/helpers/instance.js';
import { openToolSession } from '../oauth/helpers/sdk.js';
import { spawnInstance } from '../support/instance.js';
import { pdfText } from '../support/pdf-text.js';

/**
 * The PDF link end to end, as a person would use it: an assistant connected through OAuth with the
 * SDK client asks for the link, and a browser with no cookies opens it on a real local instance
 * (which redirects to its s3rver). Then every way a link stops working, including rotating
 * BETTER_AUTH_SECRET on a restarted instance over the same table.
 */
let inst: Awaited<ReturnType<typeof startInstance>>;
beforeAll(async () => {
  inst = await startInstance({ env: { SIGNUP_MODE: 'open' } });
}, 60_000);
afterAll(() => inst?.stop());

interface Invoice {
  id: string;
  number: string | null;
  revision: number;
  totals: { total_formatted: string };
}

async function assistant(): Promise<{ call: <T>(name: string, args?: Record<string, unknown>) => Promise<T>; businessId: string; close: () => Promise<void> }> {
  const { client, call } = await openToolSession(inst.url, inst.mcpUrl, { clientName: 'PDF Assistant' });
  const me = await call<{ business: { id: string } }>('whoami');
  return { call, businessId: me.business.id, close: () => client.close() };
}

/** A browser without cookies: the link, then wherever it redirects. */
async function openLink(url: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { redirect: 'manual', headers });
}

async function followToPdf(url: string): Promise<{ bytes: Buffer; type: string | null }> {
  const first = await openLink(url);
  expect(first.status).toBe(302);
  const pdf = await fetch(first.headers.get('location')!);
  expect(pdf.status).toBe(200);
  return { bytes: Buffer.from(await pdf.arrayBuffer()), type: pdf.headers.get('content-type') };
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('invoice PDF links on a local instance', () => {
  it('an assistant gets a link; a browser with no login opens it and gets the invoice', async () => {
    const a = await assistant();
    const client = await a.call<{ client: { id: string } }>('create_client', { name: 'Müller & Søn Ærøskøbing', currency: 'JPY' });
    const draft = await a.call<{ invoice: Invoice }>('create_draft_invoice', { client_id: client.client.id });
    await a.call('add_invoice_line', { invoice_id: draft.invoice.id, description: 'Übersetzung — ĳzerhandel', quantity: 3, unit_amount: 12_345 });
    const issued = (await a.call<{ invoice: Invoice }>('issue_invoice', { invoice_id: draft.invoice.id })).invoice;
    const link = await a.call<{ url: string; expires_at: string }>('get_invoice_pdf_link', { invoice_id: issued.id });
    expect(link.url.startsWith(`${inst.url}/api/pdf/`)).toBe(true);

    const pdf = await followToPdf(link.url);
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.bytes.subarray(0, 4).toString()).toBe('%PDF');
    const text = await pdfText(pdf.bytes);
    expect(text).toContain(issued.number!);
    expect(text).toContain('Müller & Søn Ærøskøbing');
    expect(issued.totals.total_formatted).toBe('¥37,035');
    expect(text).toContain('¥37,035');
    expect(text).toContain('Übersetzung — ĳzerhandel');
    await a.close();
  }, 90_000);

  it('serves the draft as it is when the link is opened, not as it was when the link was made', async () => {
    const a = await assistant();
    const client = await a.call<{ client: { id: string } }>('create_client', { name: 'Changing Draft Client', currency: 'BHD' });
    const draft = (await a.call<{ invoice: Invoice }>('create_draft_invoice', { client_id: client.client.id })).invoice;
    await a.call('add_invoice_line', { invoice_id: draft.id, description: 'First line', quantity: 1, unit_amount: 1_500 });
    const { url } = await a.call<{ url: string }>('get_invoice_pdf_link', { invoice_id: draft.id });
    const before = await pdfText((await followToPdf(url)).bytes);
    expect(before).toContain('DRAFT');
    expect(before).toContain('BHD 1.500');

    await a.call('add_invoice_line', { invoice_id: draft.id, description: 'Second line added later', quantity: 2, unit_amount: 250 });
    const after = await pdfText((await followToPdf(url)).bytes);
    expect(after).toContain('Second line added later');
    expect(after).toContain('BHD 2.000');
    await a.close();
  }, 90_000);

  it('refuses a link after 15 minutes, a tampered one, and one for another business’s invoice', async () => {
    const a = await assistant();
    const b = await assistant();
    const client = await b.call<{ client: { id: string } }>('create_client', { name: 'Private Client of B' });
    const theirs = (await b.call<{ invoice: Invoice }>('create_draft_invoice', { client_id: client.client.id })).invoice;
    const { url } = await b.call<{ url: string }>('get_invoice_pdf_link', { invoice_id: theirs.id });
    const base = `${inst.url}/api/pdf/`;

    // The clock: links signed (with the instance's own secret) 15 minutes ago and just under.
    const aged = (seconds: number) => base + signPdfToken({ businessId: b.businessId, invoiceId: theirs.id, issuedAt: nowSeconds() - seconds });
    expect((await openLink(aged(15 * 60 - 30))).status).toBe(302);
    const expired = await openLink(aged(15 * 60));
    expect(expired.status).toBe(410);
    expect(expired.headers.get('content-type')).toContain('text/html');
    expect(await expired.text()).toContain('expired');

    const token = url.slice(base.length);
    const parts = token.split('.');
    const tampered = [
      [parts[0], a.businessId, ...parts.slice(2)].join('.'),
      [...parts.slice(0, 3), String(nowSeconds() + 3600), parts[4]].join('.'),
      token.slice(0, -3) + (token.endsWith('AAA') ? 'BBB' : 'AAA'),
    ];
    for (const t of tampered) {
      const res = await openLink(base + t, { accept: 'application/json' });
      expect(res.status).toBe(403);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(await res.json()).toEqual({ error: 'invalid', error_description: expect.any(String) });
    }

    // Genuinely signed for business A, naming B's invoice: not found, and nothing of B shown.
    const foreign = await openLink(base + signPdfToken({ businessId: a.businessId, invoiceId: theirs.id, issuedAt: nowSeconds() }));
    expect(foreign.status).toBe(404);
    expect(await foreign.text()).not.toContain('Private Client of B');
    // A's assistant cannot get a link to B's invoice either.
    await expect(a.call('get_invoice_pdf_link', { invoice_id: theirs.id })).rejects.toThrow(/not_found/);
    await a.close();
    await b.close();
  }, 90_000);

  it('a link stops working when BETTER_AUTH_SECRET is rotated, on the same data', async () => {
    const a = await assistant();
    const client = await a.call<{ client: { id: string } }>('create_client', { name: 'Rotation Client' });
    const draft = (await a.call<{ invoice: Invoice }>('create_draft_invoice', { client_id: client.client.id })).invoice;
    const { url } = await a.call<{ url: string }>('get_invoice_pdf_link', { invoice_id: draft.id });
    expect((await openLink(url)).status).toBe(302);
    await a.close();

    const rotatedSecret = randomBytes(48).toString('base64url');
    const rotated = await spawnInstance({ tableName: inst.tableName, env: { BETTER_AUTH_SECRET: rotatedSecret } });
    const original = process.env.BETTER_AUTH_SECRET;
    try {
      const path = new URL(url).pathname;
      const revoked = await openLink(`${rotated.url}${path}`);
      expect(revoked.status).toBe(403);
      expect(await revoked.text()).toContain('revoked');
      // The same invoice opens with a link signed by the new secret: only the old links died.
      process.env.BETTER_AUTH_SECRET = rotatedSecret;
      const fresh = `${rotated.url}/api/pdf/${signPdfToken({ businessId: a.businessId, invoiceId: draft.id, issuedAt: nowSeconds() })}`;
      expect((await openLink(fresh)).status).toBe(302);
    } finally {
      process.env.BETTER_AUTH_SECRET = original;
      await rotated.stop();
    }
  }, 90_000);
});
