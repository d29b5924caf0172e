import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startDynamoDbLocal } from './dynamodb.js';
import { javaAdvice, javaMajorVersion, minimumJava } from './java.js';
import { startS3rver } from './s3.js';
import type { RunningService } from './service.js';

/** Java is missing or too old; `message` says what to install. */
export class JavaMissingError extends Error {
  override readonly name = 'JavaMissingError';
}

export interface ServicesOptions {
  /** Use this DynamoDB instead of starting DynamoDB Local (no Java needed then). */
  dynamodbEndpoint?: string | undefined;
  /** Use this S3 instead of starting s3rver. */
  s3Endpoint?: string | undefined;
  /** Keep DynamoDB data under `<dataDir>/dynamodb` and objects under `<dataDir>/s3`. */
  dataDir: string;
  /** Keep DynamoDB Local in memory (tests); objects still go to `<dataDir>/s3`. */
  inMemory?: boolean;
}

export interface Services {
  dynamodbEndpoint: string;
  s3Endpoint: string;
  /** What was started here, for the startup message ("DynamoDB Local", "s3rver"). */
  started: string[];
  stop(): Promise<void>;
}

function external(endpoint: string): RunningService {
  return { endpoint, stop: async () => {} };
}

function startDynamoDb(options: ServicesOptions): Promise<RunningService> {
  if (options.dynamodbEndpoint) return Promise.resolve(external(options.dynamodbEndpoint));
  const java = javaMajorVersion();
  if (java === undefined || java < minimumJava) return Promise.reject(new JavaMissingError(javaAdvice(java)));
  let directory: string | null = null;
  if (!options.inMemory) {
    directory = join(options.dataDir, 'dynamodb');
    mkdirSync(directory, { recursive: true });
  }
  return startDynamoDbLocal({ directory });
}

function startS3(options: ServicesOptions): Promise<RunningService> {
  if (options.s3Endpoint) return Promise.resolve(external(options.s3Endpoint));
  return startS3rver({ directory: join(options.dataDir, 's3') });
}

/** Starts DynamoDB Local and s3rver side by side (unless endpoints are given) and waits until both answer. */
export async function startServices(options: ServicesOptions): Promise<Services> {
  const [dynamo, s3] = await Promise.allSettled([startDynamoDb(options), startS3(options)]);
  if (dynamo.status === 'rejected' || s3.status === 'rejected') {
    // One failed: stop the one that did start, then report the first failure.
    await Promise.all([dynamo, s3].map((r) => (r.status === 'fulfilled' ? r.value.stop() : undefined)));
    throw dynamo.status === 'rejected' ? dynamo.reason : (s3 as PromiseRejectedResult).reason;
  }
  const started = [...(options.dynamodbEndpoint ? [] : ['DynamoDB Local']), ...(options.s3Endpoint ? [] : ['s3rver'])];
  return {
    dynamodbEndpoint: dynamo.value.endpoint,
    s3Endpoint: s3.value.endpoint,
    started,
    stop: async () => {
      await Promise.all([dynamo.value.stop(), s3.value.stop()]);
    },
  };
}
