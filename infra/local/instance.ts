import { bootstrap } from './bootstrap.js';
import { listen } from './listen.js';
import { dataDir as defaultDataDir } from './paths.js';
import { s3rverCredentials } from './s3.js';
import { ensureSecret } from './secret.js';
import { createLocalServer, type ServerOptions } from './server.js';
import { startServices, type Services } from './services.js';

export interface LocalInstanceOptions {
  /** Port to listen on; 0 picks a free one. Default APP_PORT, else 3000. */
  port?: number;
  /** Address to listen on; default loopback (127.0.0.1 and ::1). APP_HOST sets it. */
  host?: string;
  /** Default CLERQ_DATA_DIR, else `.data/` in the repository. */
  dataDir?: string;
  /** Use these instead of starting DynamoDB Local / s3rver. Default DYNAMODB_ENDPOINT / S3_ENDPOINT. */
  dynamodbEndpoint?: string;
  s3Endpoint?: string;
  /** Default TABLE_NAME, else `clerq`. */
  tableName?: string;
  /** Default PDF_BUCKET, else `clerq-pdfs`. */
  bucket?: string;
  /** Public base URL; default PUBLIC_URL, else http://localhost:<port>. */
  publicUrl?: string;
  /** Keep DynamoDB Local in memory instead of under the data directory. */
  inMemory?: boolean;
  server?: ServerOptions;
}

export interface LocalInstance {
  /** The public base URL (issuer, links): PUBLIC_URL or http://localhost:<port>. */
  url: string;
  /** Where this process actually listens. */
  localUrl: string;
  mcpUrl: string;
  port: number;
  dataDir: string;
  tableName: string;
  bucket: string;
  services: Services;
  secretSource: ReturnType<typeof ensureSecret>;
  stop(): Promise<void>;
}

function portFrom(value: string | undefined): number {
  if (value === undefined || value === '') return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`APP_PORT must be a port number (0 picks a free one), not "${value}"`);
  return port;
}

/**
 * Starts everything `npm start` runs: the secret, DynamoDB Local and s3rver (unless endpoints are
 * given), the table and bucket, and the HTTP server. It sets process.env for the handlers before
 * any of them is imported (they read configuration when their modules load).
 */
export async function startLocalInstance(options: LocalInstanceOptions = {}): Promise<LocalInstance> {
  const env = process.env;
  const dataDir = options.dataDir ?? defaultDataDir();
  const port = options.port ?? portFrom(env.APP_PORT);
  const host = options.host ?? (env.APP_HOST || undefined);
  const tableName = options.tableName ?? (env.TABLE_NAME || 'clerq');
  const bucket = options.bucket ?? (env.PDF_BUCKET || 'clerq-pdfs');
  const region = env.AWS_REGION || 'us-east-1';

  const secretSource = ensureSecret(dataDir);
  const services = await startServices({
    dataDir,
    dynamodbEndpoint: options.dynamodbEndpoint ?? (env.DYNAMODB_ENDPOINT || undefined),
    s3Endpoint: options.s3Endpoint ?? (env.S3_ENDPOINT || undefined),
    inMemory: options.inMemory ?? false,
  });
  try {
    Object.assign(env, {
      DYNAMODB_ENDPOINT: services.dynamodbEndpoint,
      S3_ENDPOINT: services.s3Endpoint,
      TABLE_NAME: tableName,
      PDF_BUCKET: bucket,
      AWS_REGION: region,
    });
    // Every AWS call of this process goes to the local services. DynamoDB Local ignores
    // credentials; s3rver accepts only its own key id, so with our s3rver those are the keys, even
    // if the shell holds real AWS keys. With the operator's own S3_ENDPOINT, their keys (if any)
    // stay. Either way the SDK never searches ~/.aws or the EC2 metadata endpoint.
    if (services.started.includes('s3rver') || !env.AWS_ACCESS_KEY_ID || !env.AWS_SECRET_ACCESS_KEY) {
      env.AWS_ACCESS_KEY_ID = s3rverCredentials.accessKeyId;
      env.AWS_SECRET_ACCESS_KEY = s3rverCredentials.secretAccessKey;
      delete env.AWS_SESSION_TOKEN;
    }
    const s3Credentials = { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY };
    await bootstrap({ dynamodbEndpoint: services.dynamodbEndpoint, s3Endpoint: services.s3Endpoint, tableName, bucket, region, s3Credentials });

    const server = createLocalServer(options.server);
    const listening = await listen(server, port, host);
    const localUrl = `http://${host && host !== '0.0.0.0' && host !== '::' ? (host.includes(':') ? `[${host}]` : host) : 'localhost'}:${listening.port}`;
    const url = (options.publicUrl ?? (env.PUBLIC_URL || `http://localhost:${listening.port}`)).replace(/\/+$/, '');
    env.PUBLIC_URL = url;
    env.APP_PORT = String(listening.port);

    let stopping: Promise<void> | undefined;
    return {
      url,
      localUrl,
      mcpUrl: `${url}/api/mcp`,
      port: listening.port,
      dataDir,
      tableName,
      bucket,
      services,
      secretSource,
      stop: () => {
        stopping ??= (async () => {
          await listening.close();
          await services.stop();
        })();
        return stopping;
      },
    };
  } catch (error) {
    await services.stop();
    throw error;
  }
}
