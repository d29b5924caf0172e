import { db } from '../../shared/db/service.js';
import type { TimeEntryRecord } from '../../shared/db/time-lookup.js';
import { aggregateDeltas } from '../../shared/db/time-aggregates.js';

/**
 * Writes many time entries at once for the bench and large tests: batch puts of the entries,
 * then the daily rollups, per-task totals and project aggregates computed by the same
 * aggregateDeltas the operations use, so the seeded business is exactly what the tools would
 * have produced. Expects a business with no time yet (rollups and task totals are put, not added).
 */
export async function seedTimeEntries(businessId: string, entries: TimeEntryRecord[]): Promise<{ rollups: number; monthlyRollups: number; taskTimes: number }> {
  const { timeEntry, timeRollup, timeRollupMonth, taskTime, project } = db.entities;
  const concurrent = 8;
  const all = (r: { unprocessed: unknown[] }) => {
    if (r.unprocessed.length) throw new Error(`${r.unprocessed.length} item(s) left unprocessed by BatchWrite`);
  };
  all(await timeEntry.put(entries).go({ concurrent }));
  const d = aggregateDeltas(entries.map((after) => ({ before: null, after })));
  const days = d.rollups.filter((r) => r.period === 'day').map(({ period: _p, ...r }) => ({ businessId, ...r }));
  const months = d.rollups.filter((r) => r.period === 'month').map(({ period: _p, date, ...r }) => ({ businessId, month: date, ...r }));
  if (days.length) all(await timeRollup.put(days).go({ concurrent }));
  if (months.length) all(await timeRollupMonth.put(months).go({ concurrent }));
  if (d.taskTimes.length) all(await taskTime.put(d.taskTimes.map((t) => ({ businessId, ...t }))).go({ concurrent }));
  for (const { projectId, ...add } of d.projects) await project.patch({ businessId, projectId }).add(add).go();
  return { rollups: days.length, monthlyRollups: months.length, taskTimes: d.taskTimes.length };
}
