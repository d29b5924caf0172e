/**
 * Runs tasks with the same key one after another within this process (different keys in parallel).
 * For writes that contend on one item (a business's invoice counter): in one process they queue
 * instead of colliding and retrying. Correctness never depends on it: the conditional write still
 * decides, across processes (a Lambda process runs one request at a time, so there it never waits).
 */
const tails = new Map<string, Promise<unknown>>();

export function inQueue<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  const run = previous.then(task, task);
  const tail = run.catch(() => undefined);
  tails.set(key, tail);
  void tail.then(() => {
    if (tails.get(key) === tail) tails.delete(key);
  });
  return run;
}
