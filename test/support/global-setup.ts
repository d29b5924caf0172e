/**
 * Starts the services every test shares, once per jest run: DynamoDB Local in memory and s3rver,
 * on free ports, with the table and bucket created (see services-main.ts, which runs them in a
 * child process). Workers inherit process.env, so that is how they learn the endpoints;
 * globalThis is shared only with global teardown.
 *
 * Jest loads this file as CommonJS without the `.js` → `.ts` module mapping, so it imports
 * nothing of the project's own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  // jest's --experimental-vm-modules is not for this child.
  delete env.NODE_OPTIONS;
  return env;
}

function waitForEndpoints(child: ChildProcess): Promise<{ dynamodbEndpoint: string; s3Endpoint: string }> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`test services did not start within 60 s\n${stderr}`));
    }, 60_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const line = stdout.split('\n').find((l) => l.startsWith('{'));
      if (!line) return;
      clearTimeout(timer);
      resolve(JSON.parse(line) as { dynamodbEndpoint: string; s3Endpoint: string });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`test services exited (${code}) before starting:\n${stderr}`));
    });
  });
}

export default async function globalSetup(globalConfig: { rootDir: string }): Promise<void> {
  const env: Record<string, string> = {
    TABLE_NAME: 'clerq-test',
    PDF_BUCKET: 'clerq-test-pdfs',
    AWS_REGION: 'us-east-1',
    // s3rver's key pair; DynamoDB Local accepts anything. Also keeps the SDK from looking further.
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    BETTER_AUTH_SECRET: randomBytes(48).toString('base64url'),
    CLERQ_LOG: 'silent',
    // Node 20 here; the AWS SDK's notice about Node 22 would repeat in every test process.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  const child = spawn(process.execPath, ['--import', 'tsx', join('test', 'support', 'services-main.ts')], {
    cwd: globalConfig.rootDir,
    env: childEnv(env),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const endpoints = await waitForEndpoints(child);
  child.stdout?.removeAllListeners('data');
  child.stderr?.removeAllListeners('data');
  // Keep draining its output so the child never blocks on a full pipe.
  child.stdout?.resume();
  child.stderr?.resume();
  (globalThis as Record<string, unknown>).__clerqTestServices = child;
  Object.assign(process.env, env, { DYNAMODB_ENDPOINT: endpoints.dynamodbEndpoint, S3_ENDPOINT: endpoints.s3Endpoint });
}
