import { mkdirSync } from 'node:fs';
import S3rver from 's3rver';
import type { RunningService } from './service.js';

/**
 * s3rver accepts only its built-in key pair; it checks the key id but not SigV4 signatures.
 * Every S3 client pointed at a local endpoint must sign with these.
 */
export const s3rverCredentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

/** Starts a local S3-compatible server on a free loopback port, objects kept under `directory`. */
export async function startS3rver(options: { directory: string }): Promise<RunningService> {
  mkdirSync(options.directory, { recursive: true });
  // Loopback only: the bucket holds invoice PDFs. Path-style addressing (vhostBuckets off) matches
  // the forcePathStyle clients use against a local endpoint.
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: options.directory, vhostBuckets: false });
  const address = await server.run();
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    stop: () => server.close(),
  };
}
