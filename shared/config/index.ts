/** Runtime configuration, read from the environment on each call so tests and the local instance can set it late. */
import { requestBaseUrl } from './request-url.js';

export interface Config {
  tableName: string;
  pdfBucket: string;
  region: string;
  dynamodbEndpoint: string | undefined;
  s3Endpoint: string | undefined;
  /**
   * Public base URL of the instance, no trailing slash. Issuer, resource and page links derive
   * from it. While a request to an allowed direct host is handled, that host's URL (request-url.ts).
   */
  publicUrl: string;
  signupMode: 'invite' | 'open';
  /** Extra origins (besides publicUrl) allowed to call the MCP endpoint from a browser. */
  allowedOrigins: string[];
  /**
   * Extra Host header values (besides publicUrl's host) the MCP endpoint answers. In AWS, the HTTP
   * API's own host, which is also answered as a base URL of its own when called directly.
   */
  allowedHosts: string[];
  /**
   * Where invitation mail is written as JSON lines when no sender is configured; `npm start`
   * prints new lines.
   */
  outboxPath: string;
  /** A verified Amazon SES sender (MAIL_FROM): when set, mail goes through SES instead of the outbox. */
  mailFrom: string | undefined;
}

const list = (v: string | undefined) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);

export function config(): Config {
  const env = process.env;
  const port = env.APP_PORT ?? '3000';
  return {
    tableName: env.TABLE_NAME ?? 'clerq',
    pdfBucket: env.PDF_BUCKET ?? 'clerq-pdfs',
    region: env.AWS_REGION ?? 'us-east-1',
    dynamodbEndpoint: env.DYNAMODB_ENDPOINT || undefined,
    s3Endpoint: env.S3_ENDPOINT || undefined,
    publicUrl: requestBaseUrl() ?? (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    signupMode: env.SIGNUP_MODE === 'open' ? 'open' : 'invite',
    allowedOrigins: list(env.ALLOWED_ORIGINS),
    allowedHosts: list(env.ALLOWED_HOSTS).map((h) => h.toLowerCase()),
    outboxPath: env.OUTBOX_PATH || `${(env.CLERQ_DATA_DIR || '.data').replace(/\/+$/, '')}/outbox.jsonl`,
    mailFrom: env.MAIL_FROM || undefined,
  };
}

/** The resource identifier of the MCP endpoint (RFC 8707 audience). */
export function mcpResource(): string {
  return `${config().publicUrl}/api/mcp`;
}

/** The OAuth issuer: the instance's public base URL. */
export function issuer(): string {
  return config().publicUrl;
}
