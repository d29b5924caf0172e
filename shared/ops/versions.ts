/**
 * The `updatedAt` for the next version of a record. Updates are conditional on the `updatedAt`
 * that was read, so two versions must never share one: two writes in the same millisecond would
 * otherwise let a stale read pass the condition. Strictly after the previous stamp, never before now.
 */
export function nextUpdatedAt(previous: string): string {
  const now = Date.now();
  const prev = Date.parse(previous);
  return new Date(Number.isNaN(prev) || now > prev ? now : prev + 1).toISOString();
}
