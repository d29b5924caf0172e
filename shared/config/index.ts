/** Runtime configuration, read from the environment on each call so tests and the local instance can set it late. */
export interface Config {
  tableName: string;
  pdfBucket: string;
  region: string;
  dynamodbEndpoint: string | undefined;
  s3Endpoint: string | undefined;
  /** Public base URL of the instance, no trailing slash. Issuer, resource and page links derive from it. */
  publicUrl: string;
  signupMode: 'invite' | 'open';
  /** Extra origins (besides publicUrl) allowed to call the MCP endpoint from a browser. */
  allowedOrigins: string[];
  /** Extra Host header values (besides publicUrl's host) the MCP endpoint answers. */
  allowedHosts: string[];
  /**
   * Where invitation mail is written as JSON lines; `npm start` prints new lines. Mail through a
   * sender (Amazon SES) comes with the AWS deployment; until then every instance writes here.
   */
  outboxPath: string;
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
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    signupMode: env.SIGNUP_MODE === 'open' ? 'open' : 'invite',
    allowedOrigins: list(env.ALLOWED_ORIGINS),
    allowedHosts: list(env.ALLOWED_HOSTS).map((h) => h.toLowerCase()),
    outboxPath: env.OUTBOX_PATH || `${(env.CLERQ_DATA_DIR || '.data').replace(/\/+$/, '')}/outbox.jsonl`,
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
