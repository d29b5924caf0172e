import type { ClientRecord } from '../db/clients.js';
import type { InvoiceLineRecord, InvoiceRecord } from '../db/invoices.js';
import type { ProjectRecord } from '../db/projects.js';
import type { TaskRecord } from '../db/tasks.js';
import type { BusinessRecord, TimeEntryRecord } from '../db/time-lookup.js';
import { newId } from '../ids.js';
import { conflict } from './errors.js';
import { timeLineAt } from './invoice-generate-batch.js';
import { pickRate, type RateSource } from './rates.js';

export type GroupBy = 'task' | 'project' | 'entry';

/** Everything a plan is computed from, read by invoice-generate-sources.ts. */
export interface PlanSources {
  invoice: InvoiceRecord;
  /** The draft's lines as read. */
  lines: InvoiceLineRecord[];
  /** The eligible entries, oldest first. */
  entries: TimeEntryRecord[];
  tasks: Map<string, TaskRecord>;
  projects: Map<string, ProjectRecord>;
  client: ClientRecord;
  business: BusinessRecord;
}

/** One line the generation writes: a new line, or more entries on an existing one. */
export interface PlannedLine {
  lineId: string;
  /** The line this extends, or null for a new line. */
  base: InvoiceLineRecord | null;
  /** The base's position, or for a new line the next free one (new lines go after every existing one). */
  position: number;
  groupKey: string;
  description: string;
  hourlyRate: number;
  rateSource: RateSource;
  taxRateBps: number;
  taskId?: string;
  projectId: string;
  /** The entries this generation puts on the line, oldest first. */
  entries: TimeEntryRecord[];
}

/**
 * Most entries one line holds. A line item stores its entry ids and DynamoDB items are at most
 * 400 KB: 4,000 ids are about 130 KB. More time for one group goes on a further line.
 */
export const maxEntriesPerLine = 4000;

const maxDescription = 1000;

interface Group {
  key: string;
  description: string;
  taskId?: string;
  projectId: string;
  rate: ReturnType<typeof pickRate>;
  /** How a refusal names the group when no rate applies. */
  label: string;
  entries: TimeEntryRecord[];
}

function groupOf(s: PlanSources, groupBy: GroupBy, t: TimeEntryRecord): Omit<Group, 'entries'> {
  const project = s.projects.get(t.projectId);
  const task = s.tasks.get(t.taskId);
  if (!project || (groupBy !== 'project' && !task)) throw conflict(`The task or project of time entry ${t.entryId} is gone; generate again.`);
  const levels = { project: project.hourlyRate, client: s.client.hourlyRate, business: s.business.defaultHourlyRate, currency: s.client.currency };
  if (groupBy === 'project') {
    // A project line mixes its tasks, so only project, client and business rates apply.
    return { key: `project:${project.projectId}`, description: project.name, projectId: project.projectId, rate: pickRate(levels), label: `project "${project.name}" (${project.projectId})` };
  }
  const rate = pickRate({ task: task!.hourlyRate, ...levels });
  const label = `task "${task!.name}" (${task!.taskId}) of project "${project.name}" (${project.projectId})`;
  const common = { taskId: task!.taskId, projectId: project.projectId, rate, label };
  if (groupBy === 'task') return { key: `task:${task!.taskId}`, description: task!.name, ...common };
  const description = `${t.date} · ${task!.name}${t.note ? ` — ${t.note}` : ''}`;
  return { key: `entry:${t.entryId}`, description: description.slice(0, maxDescription), ...common };
}

/** The entries in groups, each with the rate in force now (rates.ts precedence); refuses groups no rate covers. */
function groupEntries(s: PlanSources, groupBy: GroupBy): Group[] {
  const groups = new Map<string, Group>();
  for (const t of s.entries) {
    const g = groupOf(s, groupBy, t);
    const found = groups.get(g.key);
    if (found) found.entries.push(t);
    else groups.set(g.key, { ...g, entries: [t] });
  }
  const unpriced = [...groups.values()].filter((g) => g.rate.hourly_rate === null);
  if (unpriced.length) {
    const named = unpriced.slice(0, 5).map((g) => g.label).join('; ');
    const more = unpriced.length > 5 ? ` and ${unpriced.length - 5} more` : '';
    throw conflict(
      `No hourly rate applies to ${named}${more}. Set a rate on the task, the project, the client or the business default, then generate again; nothing was billed.`,
      { unpriced: unpriced.map((g) => g.key) },
    );
  }
  // Task and project lines read best by name; entry lines by date (their description starts with it).
  return [...groups.values()].sort((a, b) => a.description.localeCompare(b.description, 'en') || a.key.localeCompare(b.key));
}

/**
 * The lines a generation writes. Entries join an existing time line of the same group when that
 * line has the same hourly rate and tax rate (a retry after a partial failure, or a second period
 * of the same work): its minutes grow and its amount is recomputed from them. A group whose rate
 * or tax changed since gets a new line, so no line ever mixes two rates. A full line spills over.
 */
export function planLines(s: PlanSources, groupBy: GroupBy): PlannedLine[] {
  const taxRateBps = s.business.defaultTaxRateBps ?? 0;
  let position = s.lines.reduce((max, l) => Math.max(max, l.position), 0);
  const planned: PlannedLine[] = [];
  for (const g of groupEntries(s, groupBy)) {
    const hourlyRate = g.rate.hourly_rate!;
    const base = [...s.lines]
      .reverse()
      .find((l) => l.kind === 'time' && l.groupKey === g.key && l.hourlyRate === hourlyRate && l.taxRateBps === taxRateBps && (l.entryIds?.length ?? 0) < maxEntriesPerLine);
    let rest = g.entries;
    let into: InvoiceLineRecord | null = base ?? null;
    while (rest.length) {
      const room = maxEntriesPerLine - (into?.entryIds?.length ?? 0);
      const take = rest.slice(0, room);
      rest = rest.slice(room);
      const { key: groupKey, description, taskId, projectId } = g;
      planned.push({
        lineId: into?.lineId ?? newId('invoiceLine'),
        base: into,
        position: into?.position ?? ++position,
        groupKey,
        description,
        hourlyRate,
        rateSource: g.rate.source!,
        taxRateBps,
        taskId,
        projectId,
        entries: take,
      });
      into = null;
    }
  }
  return planned;
}

/** A line with more entries on it: minutes add up, the amount follows them (timeLineAt). */
export function withEntries(line: InvoiceLineRecord, entries: readonly TimeEntryRecord[]): InvoiceLineRecord {
  const minutes = (line.minutes ?? 0) + entries.reduce((m, t) => m + t.durationMinutes, 0);
  return timeLineAt(line, [...(line.entryIds ?? []), ...entries.map((t) => t.entryId)], minutes);
}

/** The line as it will be once its planned entries are on it (the numbers a preview shows). */
export function lineAfter(p: PlannedLine, invoiceId: string, businessId: string, at: string): InvoiceLineRecord {
  return withEntries(p.base ?? newLine(p, invoiceId, businessId, at), p.entries);
}

/** An empty time line for a planned group, before any entry is on it. */
export function newLine(p: PlannedLine, invoiceId: string, businessId: string, at: string): InvoiceLineRecord {
  return {
    businessId,
    invoiceId,
    lineId: p.lineId,
    position: p.position,
    kind: 'time',
    description: p.description,
    quantityThousandths: 0,
    unitAmount: p.hourlyRate,
    amount: 0,
    taxRateBps: p.taxRateBps,
    minutes: 0,
    hourlyRate: p.hourlyRate,
    rateSource: p.rateSource,
    groupKey: p.groupKey,
    taskId: p.taskId,
    projectId: p.projectId,
    entryIds: [],
    createdAt: at,
    updatedAt: at,
  };
}
