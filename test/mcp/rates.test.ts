import { describe, expect, it } from '@jest/globals';
import { dbStats } from '../../shared/db/client.js';
import { lookup } from '../../shared/db/time-lookup.js';
import { pickRate, resolveRate, type RateSource } from '../../shared/ops/rates.js';
import { createBusiness, structured } from '../support/tenant.js';
import { createWork } from '../support/time.js';

interface Row {
  task?: number;
  project?: number;
  client?: number;
  business?: number;
  rate: number | null;
  source: RateSource | null;
}

const table: Row[] = [
  { task: 15000, project: 12000, client: 10000, business: 8000, rate: 15000, source: 'task' },
  { project: 12000, client: 10000, business: 8000, rate: 12000, source: 'project' },
  { client: 10000, business: 8000, rate: 10000, source: 'client' },
  { business: 8000, rate: 8000, source: 'business' },
  { rate: null, source: null },
  { task: 15000, rate: 15000, source: 'task' },
  { project: 12000, business: 8000, rate: 12000, source: 'project' },
  { task: 15000, business: 8000, rate: 15000, source: 'task' },
  // Zero is a rate (pro bono work), not a missing level.
  { task: 0, project: 12000, rate: 0, source: 'task' },
  { project: 0, client: 10000, rate: 0, source: 'project' },
];

const label = (r: Row) => ['task', 'project', 'client', 'business'].map((k) => `${k}=${r[k as keyof Row] ?? '-'}`).join(' ');

describe('rate precedence: task, then project, then client, then business', () => {
  it.each(table.map((r) => [label(r), r] as const))('%s', async (_name, row) => {
    const owner = await createBusiness(`Rates ${label(row)}`, { currency: 'USD', defaultHourlyRate: row.business });
    const work = await createWork(owner, { currency: 'EUR', clientRate: row.client, projectRate: row.project, taskRate: row.task });
    const { task, project } = await lookup(owner.businessId, { task: work.taskId, project: work.projectId });

    const before = dbStats.calls;
    const rate = await resolveRate(owner.businessId, { task: task!, project: project! });
    expect(dbStats.calls - before).toBe(1);
    // Rates are in the client's currency, whatever the business's is.
    expect(rate).toEqual({ hourly_rate: row.rate, currency: 'EUR', source: row.source });

    // Without a task, the task level is skipped.
    const projectLevel = await resolveRate(owner.businessId, { project: project! });
    const expected = pickRate({ project: row.project, client: row.client, business: row.business, currency: 'EUR' });
    expect(projectLevel).toEqual(expected);
  });

  it('get_project reports the same effective rate and where it came from', async () => {
    const owner = await createBusiness('Rates via tool', { currency: 'GBP', defaultHourlyRate: 9000 });
    const work = await createWork(owner, { currency: 'GBP' });
    const got = structured<{ effective_rate: { hourly_rate: number; currency: string; source: string } }>(await owner.call('get_project', { project_id: work.projectId }));
    expect(got.effective_rate).toEqual({ hourly_rate: 9000, currency: 'GBP', source: 'business' });
  });

  it('pickRate alone: the first level that sets a number wins, null and undefined are missing', () => {
    expect(pickRate({ task: null, project: undefined, client: 5, currency: 'JPY' })).toEqual({ hourly_rate: 5, currency: 'JPY', source: 'client' });
    expect(pickRate({ currency: 'USD' })).toEqual({ hourly_rate: null, currency: 'USD', source: null });
  });
});
