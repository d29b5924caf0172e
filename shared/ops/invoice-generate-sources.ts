import { entriesById, pricingRecords, unbilledEntries } from '../db/invoice-billing-read.js';
import type { TimeEntryRecord } from '../db/time-lookup.js';
import type { OpContext } from './context.js';
import { conflict, invalidInput, notFound } from './errors.js';
import type { GroupBy, PlanSources } from './invoice-generate-plan.js';
import { mustBeDraft, mustReadInvoice } from './invoice-view.js';

export interface GenerateRange {
  invoice_id: string;
  from: string;
  to: string;
  group_by: GroupBy;
  project_id?: string;
}

/**
 * Most entries one call bills. Each batch is a transaction of up to 100 items, so 5,000 entries
 * are some 60-120 sequential transactions: about what one request should do. More is refused
 * with a hint to split the range.
 */
export const maxEntriesPerRun = 5000;

/** The newer of two copies of an entry (versions strictly increase, ISO stamps sort as text). */
function newer(indexed: TimeEntryRecord, known: TimeEntryRecord | undefined): TimeEntryRecord {
  return known && known.updatedAt > indexed.updatedAt ? known : indexed;
}

/**
 * Everything a plan needs, read in three rounds: the draft with its lines; every page of the
 * client's unbilled index in the range; then the client, the asked-for project and the entries'
 * projects and tasks in one BatchGet (the business comes with the auth context). `fresh` holds
 * entries read strongly consistent after a failed batch: they override an index copy that may lag.
 */
export async function readSources(ctx: OpContext, input: GenerateRange, fresh: ReadonlyMap<string, TimeEntryRecord>): Promise<PlanSources> {
  const doc = await mustReadInvoice(ctx, input.invoice_id);
  const invoice = doc.invoice;
  mustBeDraft(invoice);
  const indexed = await unbilledEntries(ctx.businessId, invoice.clientId, input.from, input.to, maxEntriesPerRun);
  if (indexed.length > maxEntriesPerRun) {
    throw invalidInput(`Invalid input: from..to holds more than ${maxEntriesPerRun} unbilled entries; generate over shorter ranges (one month at a time, say)`, {
      fields: [{ field: 'to', message: `the range holds more than ${maxEntriesPerRun} unbilled entries` }],
    });
  }
  const entries = indexed
    .map((t) => newer(t, fresh.get(t.entryId)))
    .filter((t) => t.billable && !t.invoiceId && t.clientId === invoice.clientId && t.date >= input.from && t.date <= input.to && (!input.project_id || t.projectId === input.project_id));
  const found = await pricingRecords(ctx.businessId, {
    clientId: invoice.clientId,
    projectIds: [...(input.project_id ? [input.project_id] : []), ...entries.map((t) => t.projectId)],
    taskIds: input.group_by === 'project' ? [] : entries.map((t) => t.taskId),
  });
  const { client, projects, tasks } = found;
  const business = ctx.business;
  if (!client) throw conflict(`The client ${invoice.clientId} of invoice ${invoice.invoiceId} is gone.`);
  if (client.currency !== invoice.currency) {
    throw conflict(
      `Invoice ${invoice.invoiceId} is in ${invoice.currency} but client ${client.name} (${client.clientId}) is billed in ${client.currency}, the currency of its hourly rates; ` +
        `time can only go on a draft in ${client.currency}. Create one with create_draft_invoice (currency ${client.currency}).`,
    );
  }
  if (input.project_id) {
    const asked = projects.get(input.project_id);
    if (!asked) throw notFound('project', input.project_id);
    if (asked.clientId !== invoice.clientId) {
      throw invalidInput(`Invalid input: project_id: project ${input.project_id} belongs to another client, not ${client.name} (${client.clientId}), the client of this draft`, {
        fields: [{ field: 'project_id', message: "is not a project of the draft's client" }],
      });
    }
  }
  return { invoice, lines: doc.lines, entries, tasks, projects, client, business };
}

/** Reads strongly the entries a failed batch found changed, so the next plan sees them as they are. */
export async function refresh(ctx: OpContext, fresh: Map<string, TimeEntryRecord>, entryIds: readonly string[]): Promise<void> {
  for (const [id, t] of await entriesById(ctx.businessId, entryIds)) fresh.set(id, t);
}
