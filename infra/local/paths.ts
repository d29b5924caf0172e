import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';

/** The repository root, found from this file so `npm start` works from any working directory. */
export const repoRoot = resolve(fileURLToPath(new URL('../../', import.meta.url)));

/**
 * Where the local instance keeps its state (DynamoDB Local file, S3 objects, generated secret).
 * CLERQ_DATA_DIR moves it, which lets tests run an instance without touching the developer's `.data/`.
 */
export function dataDir(): string {
  return resolve(process.env.CLERQ_DATA_DIR || join(repoRoot, '.data'));
}

/** The built web UI if there is one, else the plain pages in web/public. */
export function webRoot(): string {
  const dist = join(repoRoot, 'web', 'dist');
  return existsSync(join(dist, 'index.html')) ? dist : join(repoRoot, 'web', 'public');
}
