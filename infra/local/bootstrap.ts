import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, HeadBucketCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { createTableInput, tableDefinition } from '../../shared/db/table.js';
import { s3rverCredentials } from './s3.js';

export interface BootstrapTarget {
  dynamodbEndpoint: string;
  s3Endpoint: string;
  tableName: string;
  bucket: string;
  region: string;
  /** Keys for an S3-compatible server of the operator's own; s3rver's by default. */
  s3Credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** Creates the table from the one table definition if it is missing, and makes sure TTL is on. */
export async function ensureTable(target: BootstrapTarget): Promise<'created' | 'existed'> {
  // The same dummy credentials the handlers use (shared/db/client.ts) against a local endpoint.
  const client = new DynamoDBClient({
    region: target.region,
    endpoint: target.dynamodbEndpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    let outcome: 'created' | 'existed' = 'existed';
    try {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: target.tableName }));
      await addMissingIndexes(client, target.tableName, new Set((Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName)));
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
      try {
        await client.send(new CreateTableCommand(createTableInput(target.tableName)));
        outcome = 'created';
      } catch (createError) {
        // Another process created it between our describe and create: fine.
        if (!(createError instanceof ResourceInUseException)) throw createError;
      }
    }
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: target.tableName }));
    const status = ttl.TimeToLiveDescription?.TimeToLiveStatus;
    if (status !== 'ENABLED' && status !== 'ENABLING') {
      await client.send(
        new UpdateTimeToLiveCommand({
          TableName: target.tableName,
          TimeToLiveSpecification: { AttributeName: tableDefinition.ttlAttribute, Enabled: true },
        }),
      );
    }
    return outcome;
  } finally {
    client.destroy();
  }
}

/**
 * A table made by an older Clerq lacks indexes added to the definition since: add them, one at a
 * time as DynamoDB requires, so existing local data keeps working after an upgrade.
 */
async function addMissingIndexes(client: DynamoDBClient, tableName: string, existing: Set<string | undefined>): Promise<void> {
  const wanted = createTableInput(tableName);
  for (const index of wanted.GlobalSecondaryIndexes ?? []) {
    if (existing.has(index.IndexName)) continue;
    const keys = new Set(index.KeySchema?.map((k) => k.AttributeName));
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: wanted.AttributeDefinitions?.filter((a) => keys.has(a.AttributeName)),
        GlobalSecondaryIndexUpdates: [{ Create: { IndexName: index.IndexName, KeySchema: index.KeySchema, Projection: index.Projection } }],
      }),
    );
  }
}

/** Creates the PDF bucket if it is missing. */
export async function ensureBucket(target: BootstrapTarget): Promise<'created' | 'existed'> {
  const client = new S3Client({
    region: target.region,
    endpoint: target.s3Endpoint,
    forcePathStyle: true,
    credentials: target.s3Credentials ?? s3rverCredentials,
  });
  try {
    try {
      await client.send(new HeadBucketCommand({ Bucket: target.bucket }));
      return 'existed';
    } catch (error) {
      if (!(error instanceof S3ServiceException) || error.$metadata.httpStatusCode !== 404) throw error;
    }
    try {
      await client.send(new CreateBucketCommand({ Bucket: target.bucket }));
      return 'created';
    } catch (error) {
      if (error instanceof S3ServiceException && (error.name === 'BucketAlreadyOwnedByYou' || error.name === 'BucketAlreadyExists')) return 'existed';
      throw error;
    }
  } finally {
    client.destroy();
  }
}

/** Table and bucket, both idempotent: safe on every start. */
export async function bootstrap(target: BootstrapTarget): Promise<void> {
  await Promise.all([ensureTable(target), ensureBucket(target)]);
}
