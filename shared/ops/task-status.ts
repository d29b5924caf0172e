import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { taskCountAttribute, taskPatch, type TaskRecord } from '../db/tasks.js';
import { taskStatusInWords } from './activity-words.js';
import { actedOn, commit } from './commit.js';
import { OpError } from './errors.js';
import { defineOperation } from './operation.js';
import { actedOn as actedOnSchema, idOf } from './schemas.js';
import { mustGetTask, taskOut, taskStatus, viewTask } from './task-view.js';
import { nextUpdatedAt } from './versions.js';

/** Concurrent changes to one task are applied one after the other; this many tries, then a conflict. */
const maxAttempts = 6;

export const setTaskStatusOp = defineOperation({
  name: 'set_task_status',
  title: 'Set task status',
  description:
    "Move a task to todo, in_progress or done. The project's task counts change in the same transaction. Setting the status the task already has changes nothing (changed: false).",
  input: z.strictObject({ task_id: idOf('task'), status: taskStatus }),
  output: z.object({ task: taskOut, previous_status: taskStatus, changed: z.boolean(), acted_on: actedOnSchema }),
  idempotent: true,
  async handler(ctx, input) {
    for (let attempt = 1; ; attempt++) {
      const current = await mustGetTask(ctx, input.task_id);
      if (current.status === input.status) {
        return { task: await viewTask(ctx, current), previous_status: current.status, changed: false, acted_on: actedOn(ctx) };
      }
      const next: TaskRecord = { ...current, status: input.status, updatedAt: nextUpdatedAt(current.updatedAt) };
      const from = taskCountAttribute[current.status];
      const to = taskCountAttribute[next.status];
      try {
        return await commit(ctx, {
          writes: (e) => [
            // Conditional on the version read: the counts below move from the status this task really had.
            taskPatch(e, next).where((a, op) => op.eq(a.updatedAt, current.updatedAt)).commit(),
            e.project
              .patch({ businessId: ctx.businessId, projectId: current.projectId })
              .add({ [to]: 1 })
              .subtract({ [from]: 1 })
              .commit(),
          ],
          activity: { operation: 'set_task_status', targetId: current.taskId, summary: `Set task ${current.name} to ${taskStatusInWords(next.status)} (was ${taskStatusInWords(current.status)})` },
          result: { task: await viewTask(ctx, next), previous_status: current.status, changed: true, acted_on: actedOn(ctx) },
        });
      } catch (e) {
        // Another change to this task committed first (or DynamoDB saw the transactions collide):
        // read it again and apply this change on top, so concurrent calls all land and counts stay exact.
        if (!(e instanceof OpError) || e.code !== 'conflict' || attempt >= maxAttempts) throw e;
        await sleep(Math.random() * 20 * attempt);
      }
    }
  },
  summarize: (o) =>
    o.changed ? `Task ${o.task.name} (${o.task.id}) moved from ${o.previous_status} to ${o.task.status}.` : `Task ${o.task.name} (${o.task.id}) was already ${o.task.status}; nothing changed.`,
});
