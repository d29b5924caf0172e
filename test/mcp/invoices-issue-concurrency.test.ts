import { afterEach, describe, expect, it } from '@jest/globals';
import { db } from '../../shared/db/service.js';
import { issueSeams } from '../../shared/ops/invoice-issue.js';
import { createBusiness, structured, type Member } from '../support/tenant.js';
import { draftWithLine, getInvoice, issue, newClient, type Invoice } from '../support/invoices.js';

/**
 * Gap-free numbering under concurrency, by design rather than luck: each issue writes the counter
 * (conditioned on the value it read) and the invoice in one transaction, and a lost race reads the
 * counter again. DynamoDB Local serialises transactions, so every race here is a failed condition.
 */
afterEach(() => {
  issueSeams.afterCounterRead = undefined;
  issueSeams.queue = true;
});

async function issueFifty(owner: Member): Promise<Invoice[]> {
  const clientId = await newClient(owner);
  const drafts = await Promise.all(Array.from({ length: 50 }, () => draftWithLine(owner, clientId)));
  const results = await Promise.all(drafts.map((d) => owner.call('issue_invoice', { invoice_id: d.id })));
  return results.map((r) => structured<{ invoice: Invoice }>(r).invoice);
}

async function expectOneToFifty(owner: Member, issued: Invoice[]) {
  const sequences = issued.map((i) => Number(i.number!.slice('INV-'.length))).sort((a, b) => a - b);
  expect(sequences).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  expect(new Set(issued.map((i) => i.id)).size).toBe(50);
  const { data: counter } = await db.entities.invoiceCounter.get({ businessId: owner.businessId }).go();
  expect(counter?.lastSequence).toBe(50);
}

describe('issue_invoice under concurrency', () => {
  it('50 drafts issued at once get the numbers 1..50: no gap, no duplicate, and the counter ends at 50', async () => {
    const owner = await createBusiness('Busy Issuer', { currency: 'USD', timeZone: 'UTC' });
    await expectOneToFifty(owner, await issueFifty(owner));
  }, 120_000);

  it('the same, racing on the counter’s condition as separate processes would (no in-process queue)', async () => {
    issueSeams.queue = false;
    const owner = await createBusiness('Busy Issuers', { currency: 'USD', timeZone: 'UTC' });
    await expectOneToFifty(owner, await issueFifty(owner));
  }, 120_000);

  it('an issue that loses the counter to another one between its read and its write takes the next number', async () => {
    const owner = await createBusiness('Interleaved', { currency: 'USD', timeZone: 'UTC' });
    const clientId = await newClient(owner);
    const mine = await draftWithLine(owner, clientId);
    const other = await draftWithLine(owner, clientId);
    let otherNumber: string | null = null;
    issueSeams.queue = false;
    issueSeams.afterCounterRead = async () => {
      issueSeams.afterCounterRead = undefined;
      otherNumber = (await issue(owner, other.id)).number;
    };
    const issued = await issue(owner, mine.id);
    expect(otherNumber).toBe('INV-0001');
    expect(issued.number).toBe('INV-0002');
    expect((await getInvoice(owner, other.id)).number).toBe('INV-0001');
  });

  it('the same draft issued by many requests at once is issued once, with one number', async () => {
    const owner = await createBusiness('Double Click', { currency: 'USD', timeZone: 'UTC' });
    const d = await draftWithLine(owner, await newClient(owner));
    const results = await Promise.all(Array.from({ length: 5 }, () => owner.call('issue_invoice', { invoice_id: d.id })));
    const ok = results.filter((r) => !r.isError);
    expect(ok).toHaveLength(1);
    expect(structured<{ invoice: Invoice }>(ok[0]!).invoice.number).toBe('INV-0001');
    for (const r of results.filter((x) => x.isError)) expect(JSON.stringify(r.content)).toContain('INV-0001');
    const { data: counter } = await db.entities.invoiceCounter.get({ businessId: owner.businessId }).go();
    expect(counter?.lastSequence).toBe(1);
  });
});
