import { z } from 'zod';
import { lookup } from '../db/time-lookup.js';
import type { ProjectRecord } from '../db/projects.js';
import type { TaskRecord } from '../db/tasks.js';

export type RateSource = 'task' | 'project' | 'client' | 'business';

/** The hourly rate in force for some work, and the level of the precedence it came from. */
export interface ResolvedRate {
  /** Minor units of `currency` per hour; null when no level sets a rate. */
  hourly_rate: number | null;
  currency: string;
  source: RateSource | null;
}

/** The output shape of a resolved rate, for operations that report one (get_project, invoicing). */
export const resolvedRateSchema = z.object({
  hourly_rate: z.number().int().nullable(),
  currency: z.string(),
  source: z.enum(['task', 'project', 'client', 'business']).nullable(),
});

/**
 * The hourly rate for work on a project (and optionally one of its tasks): task, then project,
 * then client, then the business default (DESIGN.md, "Money and time"). Rates are numbers in the
 * client's currency, so the client is always read for its currency, and the business alongside
 * it in the same BatchGet: one round trip whatever level answers.
 */
export async function resolveRate(businessId: string, at: { task?: TaskRecord; project: ProjectRecord }): Promise<ResolvedRate> {
  const { client: c, business: b } = await lookup(businessId, { client: at.project.clientId, business: true });
  return pickRate({
    task: at.task?.hourlyRate,
    project: at.project.hourlyRate,
    client: c?.hourlyRate,
    business: b?.defaultHourlyRate,
    currency: c?.currency ?? b?.currency ?? 'USD',
  });
}

/** The precedence itself, apart from the reads. */
export function pickRate(levels: Partial<Record<RateSource, number | null>> & { currency: string }): ResolvedRate {
  for (const source of ['task', 'project', 'client', 'business'] as const) {
    const rate = levels[source];
    if (typeof rate === 'number') return { hourly_rate: rate, currency: levels.currency, source };
  }
  return { hourly_rate: null, currency: levels.currency, source: null };
}
