/**
 * The shared test services, run by global-setup.ts in a process of its own (`node --import tsx`):
 * jest loads global setup as CommonJS without the test module mapping, so it cannot import
 * infra/local itself. Starts DynamoDB Local in memory and s3rver in a temporary directory,
 * creates the table and bucket named in the environment, prints one JSON line with the
 * endpoints, and stops everything on SIGTERM/SIGINT or when its stdin closes (jest went away).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrap } from '../../infra/local/bootstrap.js';
import { startServices } from '../../infra/local/services.js';

const dataDir = mkdtempSync(join(tmpdir(), 'clerq-test-'));
const services = await startServices({ dataDir, inMemory: true }).catch((error: unknown) => {
  rmSync(dataDir, { recursive: true, force: true });
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await services.stop().catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
process.stdin.on('end', () => void stop());
process.stdin.on('error', () => void stop());
process.stdin.resume();

try {
  await bootstrap({
    dynamodbEndpoint: services.dynamodbEndpoint,
    s3Endpoint: services.s3Endpoint,
    tableName: process.env.TABLE_NAME ?? 'clerq-test',
    bucket: process.env.PDF_BUCKET ?? 'clerq-test-pdfs',
    region: process.env.AWS_REGION ?? 'us-east-1',
  });
} catch (error) {
  console.error(error);
  await services.stop();
  process.exit(1);
}
process.stdout.write(`${JSON.stringify({ dynamodbEndpoint: services.dynamodbEndpoint, s3Endpoint: services.s3Endpoint })}\n`);
