import { describe, expect, it } from '@jest/globals';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { handler } from '../../functions/pdf.js';
import { db } from '../../shared/db/service.js';
import type { HttpResult } from '../../shared/http/types.js';
import { pdfKey } from '../../shared/pdf/storage.js';
import { signPdfToken } from '../../shared/pdf/link.js';
import { httpEvent, resultHeader, resultJson, resultText } from '../support/events.js';
import { addLine, draftWithLine, getInvoice, issue, message, newClient } from '../support/invoices.js';
import { pdfText } from '../support/pdf-text.js';
import { addMember, createBusiness, errorCode, structured, type Member } from '../support/tenant.js';

/**
 * get_invoice_pdf_link through the MCP function in process, and the link through the PDF function
 * in process, against DynamoDB Local and s3rver: what a link serves, and every way one is refused.
 */
type Link = { url: string; expires_at: string };

async function linkFor(owner: Member, invoiceId: string): Promise<Link> {
  return structured<Link>(await owner.call('get_invoice_pdf_link', { invoice_id: invoiceId }));
}

async function open(url: string, headers: Record<string, string> = {}): Promise<HttpResult> {
  return (await handler(httpEvent({ path: new URL(url).pathname, headers }), {} as never)) as HttpResult;
}

/** Follows the redirect to the presigned S3 URL (s3rver) and returns the PDF. */
async function follow(result: HttpResult): Promise<{ bytes: Buffer; type: string | null }> {
  expect(result.statusCode).toBe(302);
  const res = await fetch(resultHeader(result, 'location')!);
  expect(res.status).toBe(200);
  return { bytes: Buffer.from(await res.arrayBuffer()), type: res.headers.get('content-type') };
}

const s3 = new S3Client({ region: process.env.AWS_REGION, endpoint: process.env.S3_ENDPOINT, forcePathStyle: true });
const storedAt = async (key: string) => (await s3.send(new HeadObjectCommand({ Bucket: process.env.PDF_BUCKET, Key: key }))).LastModified?.getTime();

describe('get_invoice_pdf_link', () => {
  it('gives admin+ a 15-minute link on the public URL and writes an activity record', async () => {
    const owner = await createBusiness('Link Co', { currency: 'USD', timeZone: 'America/Los_Angeles' });
    const inv = await draftWithLine(owner, await newClient(owner));
    const before = Date.now();
    const link = await linkFor(owner, inv.id);
    expect(link.url).toMatch(new RegExp(`^${process.env.PUBLIC_URL ?? 'http://localhost:3000'}/api/pdf/v1\\.${owner.businessId}\\.${inv.id}\\.\\d+\\.[\\w-]{43}$`));
    const expires = Date.parse(link.expires_at);
    expect(expires - before).toBeGreaterThan(15 * 60_000 - 2000);
    expect(expires - before).toBeLessThanOrEqual(15 * 60_000 + 1000);
    expect(link.expires_at).toMatch(/-0[78]:00$/);
    const { data } = await db.entities.activity.query.byBusiness({ businessId: owner.businessId }).go({ pages: 'all' });
    expect(data.filter((a) => a.operation === 'get_invoice_pdf_link')).toEqual([
      expect.objectContaining({ targetId: inv.id, actorId: owner.userId, via: 'mcp', summary: `Made a 15-minute PDF link to the draft for ${inv.client_name}` }),
    ]);

    const admin = await addMember(owner, 'admin', 'clerq:read');
    expect((await admin.call('get_invoice_pdf_link', { invoice_id: inv.id })).isError).toBeFalsy();
    const member = await addMember(owner, 'member');
    const refused = await member.call('get_invoice_pdf_link', { invoice_id: inv.id });
    expect(errorCode(refused)).toBe('forbidden');
    expect(message(refused)).toMatch(/Members cannot see invoices/);
  });

  it('is not_found for another business’s invoice or an unknown one, and writes nothing then', async () => {
    const a = await createBusiness('Alpha Links');
    const b = await createBusiness('Beta Links');
    const theirs = await draftWithLine(b, await newClient(b));
    const r = await a.call('get_invoice_pdf_link', { invoice_id: theirs.id });
    expect(errorCode(r)).toBe('not_found');
    expect(message(r)).toBe(`invoice ${theirs.id} is not in this business`);
    expect(errorCode(await a.call('get_invoice_pdf_link', { invoice_id: 'inv_01JZZZZZZZZZZZZZZZZZZZZZZZ' }))).toBe('not_found');
    const { data } = await db.entities.activity.query.byBusiness({ businessId: a.businessId }).go({ pages: 'all' });
    expect(data.filter((x) => x.operation === 'get_invoice_pdf_link')).toEqual([]);
  });
});

describe('opening a PDF link', () => {
  it('redirects without a login to a presigned S3 URL of at most 60 s that serves the PDF, rendered once per revision', async () => {
    const owner = await createBusiness('Opening Co', 'EUR');
    const clientId = await newClient(owner, { name: 'Ĳsselmeer Øresund Ltd' });
    const inv = await issue(owner, (await draftWithLine(owner, clientId, 123_456)).id);
    const first = await open((await linkFor(owner, inv.id)).url);
    expect(first.statusCode).toBe(302);
    expect(resultHeader(first, 'cache-control')).toBe('no-store');
    expect(resultHeader(first, 'x-frame-options')).toBe('DENY');
    expect(resultHeader(first, 'referrer-policy')).toBe('no-referrer');
    const location = new URL(resultHeader(first, 'location')!);
    expect(location.pathname).toBe(`/${process.env.PDF_BUCKET}/${pdfKey(owner.businessId, inv.id, inv.revision)}`);
    expect(Number(location.searchParams.get('X-Amz-Expires'))).toBeLessThanOrEqual(60);
    const pdf = await follow(first);
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf.bytes);
    expect(text).toContain(inv.number!);
    expect(text).toContain('Ĳsselmeer Øresund Ltd');
    expect(text).toContain(inv.totals.total_formatted);

    // Opening again finds the stored file of this revision: not rendered twice.
    const key = pdfKey(owner.businessId, inv.id, inv.revision);
    const stored = await storedAt(key);
    await new Promise((r) => setTimeout(r, 1100));
    await follow(await open((await linkFor(owner, inv.id)).url));
    expect(await storedAt(key)).toBe(stored);
  });

  it('serves a draft as it is when opened, never the file of an earlier revision', async () => {
    const owner = await createBusiness('Draft Changes Co', 'USD');
    const inv = await draftWithLine(owner, await newClient(owner));
    const { url } = await linkFor(owner, inv.id);
    const before = await pdfText((await follow(await open(url))).bytes);
    expect(before).toContain('DRAFT');
    expect(before).not.toContain('Rush fee');

    await addLine(owner, inv.id, { description: 'Rush fee for Zoë', unit_amount: 55_500 });
    const now = await getInvoice(owner, inv.id);
    expect(now.revision).toBeGreaterThan(inv.revision);
    const opened = await open(url); // the same link, made before the change
    expect(new URL(resultHeader(opened, 'location')!).pathname).toContain(`/r${now.revision}.pdf`);
    const after = await pdfText((await follow(opened)).bytes);
    expect(after).toContain('Rush fee for Zoë');
    expect(after).toContain(now.totals.total_formatted);
  });

  it('refuses expired (410), tampered (403) and foreign (404) links with a small page and no data', async () => {
    const owner = await createBusiness('Refusals Co');
    const inv = await draftWithLine(owner, await newClient(owner, { name: 'Secret Client Name' }));
    const now = Math.floor(Date.now() / 1000);
    const path = (token: string) => `http://localhost:3000/api/pdf/${token}`;

    const expired = await open(path(signPdfToken({ businessId: owner.businessId, invoiceId: inv.id, issuedAt: now - 15 * 60 })));
    const justValid = await open(path(signPdfToken({ businessId: owner.businessId, invoiceId: inv.id, issuedAt: now - 15 * 60 + 20 })));
    const valid = (await linkFor(owner, inv.id)).url;
    const tampered = await open(valid.slice(0, -2) + (valid.endsWith('AA') ? 'BB' : 'AA'));
    const other = await createBusiness('Other Co');
    // Genuinely signed, but the invoice is not in that business: the key carries the business.
    const foreign = await open(path(signPdfToken({ businessId: other.businessId, invoiceId: inv.id, issuedAt: now })));
    const unknown = await open(path(signPdfToken({ businessId: owner.businessId, invoiceId: 'inv_01JZZZZZZZZZZZZZZZZZZZZZZZ', issuedAt: now })));
    const malformed = await open(path('not-a-token'));

    expect(justValid.statusCode).toBe(302);
    for (const [result, status] of [
      [expired, 410],
      [tampered, 403],
      [foreign, 404],
      [unknown, 404],
      [malformed, 403],
    ] as const) {
      expect(result.statusCode).toBe(status);
      expect(resultHeader(result, 'content-type')).toBe('text/html; charset=utf-8');
      expect(resultHeader(result, 'cache-control')).toBe('no-store');
      expect(resultHeader(result, 'x-frame-options')).toBe('DENY');
      expect(resultHeader(result, 'content-security-policy')).toContain("frame-ancestors 'none'");
      const body = resultText(result);
      expect(body.length).toBeLessThan(4000);
      expect(body).not.toMatch(/Secret Client Name|inv_|biz_|at \w+ \(|Error/);
    }
    expect(resultText(expired)).toContain('expired');

    const asJson = await open(path(signPdfToken({ businessId: owner.businessId, invoiceId: inv.id, issuedAt: now - 3600 })), { accept: 'application/json' });
    expect(asJson.statusCode).toBe(410);
    expect(resultJson(asJson)).toEqual({ error: 'expired', error_description: expect.stringContaining('15 minutes') });
  });
});
