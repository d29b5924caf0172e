/**
 * Plays CloudFront + the web bucket: serves the static web UI. Only GET and HEAD; paths that
 * resolve outside the web root (`..`, encoded or not, symlinks) and dot-files are refused;
 * a path without a file extension that matches no file gets index.html so client-side routes
 * of the single-page app load (the API prefixes never reach here).
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, sep } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.pdf': 'application/pdf',
};

function plain(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff', ...extra });
  res.end(text);
}

type Lookup = { kind: 'file'; path: string } | { kind: 'missing' } | { kind: 'refused' };

/** The file for a URL path inside `root`; `refused` for anything that tries to leave it. */
async function lookup(root: string, urlPath: string): Promise<Lookup> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { kind: 'refused' };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { kind: 'refused' };
  const segments = decoded.split('/').filter(Boolean);
  if (segments.some((s) => s.startsWith('.'))) return { kind: 'refused' };
  let candidate = join(root, ...segments);
  const info = await stat(candidate).catch(() => undefined);
  if (info?.isDirectory()) candidate = join(candidate, 'index.html');
  else if (!info?.isFile()) return { kind: 'missing' };
  // A symlink must not lead out of the web root either.
  const [realRoot, realFile] = await Promise.all([realpath(root), realpath(candidate).catch(() => undefined)]);
  if (!realFile) return { kind: 'missing' };
  if (!realFile.startsWith(realRoot + sep)) return { kind: 'refused' };
  const fileInfo = await stat(realFile).catch(() => undefined);
  return fileInfo?.isFile() ? { kind: 'file', path: realFile } : { kind: 'missing' };
}

function cacheControl(urlPath: string, type: string): string {
  // Vite puts content-hashed files under /assets/: they never change. Everything else is revalidated.
  if (urlPath.startsWith('/assets/') && !type.startsWith('text/html')) return 'public, max-age=31536000, immutable';
  return 'no-cache';
}

export async function serveStatic(req: IncomingMessage, res: ServerResponse, root: string, urlPath: string): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') {
    plain(res, 405, 'Method Not Allowed\n', { allow: 'GET, HEAD' });
    return;
  }
  let found = await lookup(root, urlPath);
  const lastSegment = urlPath.split('/').pop() ?? '';
  if (found.kind === 'missing' && !extname(lastSegment)) found = await lookup(root, '/index.html');
  if (found.kind !== 'file') {
    plain(res, 404, 'Not Found\n');
    return;
  }
  const file = found.path;
  const info = await stat(file);
  const type = contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream';
  const headers: Record<string, string | number> = {
    'content-type': type,
    'content-length': info.size,
    'cache-control': cacheControl(urlPath, type),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
  if (type.startsWith('text/html')) headers['x-frame-options'] = 'DENY';
  res.writeHead(200, headers);
  if (method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}
