import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** Items DynamoDB read for this process: Query/Scan ScannedCount, BatchGet responses, GetItem hits. */
export const itemsRead = { items: 0 };

/**
 * Counts what each DynamoDB response says it read (ScannedCount counts items a filter then
 * dropped, which are read and paid for all the same). Added to the one client the code uses, so
 * it sees every call the in-process instance makes.
 */
export function countItemsRead(client: DynamoDBClient): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const out = result.output as { ScannedCount?: number; Responses?: Record<string, unknown[]> | unknown[]; Item?: unknown };
      if (typeof out.ScannedCount === 'number') itemsRead.items += out.ScannedCount;
      else if (out.Responses && !Array.isArray(out.Responses)) for (const items of Object.values(out.Responses)) itemsRead.items += items.length;
      else if (out.Item) itemsRead.items += 1;
      return result;
    },
    { step: 'initialize', name: 'clerqItemsReadCounter' },
  );
}
