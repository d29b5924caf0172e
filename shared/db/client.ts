import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '../config/index.js';

/** Counts DynamoDB round trips made by this process; the bench reads it. */
export const dbStats = { calls: 0 };

let cached: { raw: DynamoDBClient; doc: DynamoDBDocumentClient } | undefined;

function build() {
  const c = config();
  const raw = new DynamoDBClient({
    region: c.region,
    ...(c.dynamodbEndpoint
      ? { endpoint: c.dynamodbEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  });
  raw.middlewareStack.add(
    (next) => async (args) => {
      dbStats.calls += 1;
      return next(args);
    },
    { step: 'initialize', name: 'clerqRoundTripCounter' },
  );
  const doc = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
  return { raw, doc };
}

export function dynamo(): DynamoDBClient {
  cached ??= build();
  return cached.raw;
}

export function documentClient(): DynamoDBDocumentClient {
  cached ??= build();
  return cached.doc;
}
