import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isLoopbackAddress, isPublicAddress } from './ip-ranges.js';

/**
 * GET of a client-supplied https URL with SSRF guards (draft-ietf-oauth-client-id-metadata-document
 * §"SSRF"): https only; the host name is resolved here and every address must be public; the
 * connection goes to the address that was checked (so a second DNS answer cannot swap in a private
 * one); redirects are not followed; a deadline covers DNS, connect and body; the body is cut at
 * `maxBytes`.
 */
export interface SafeFetchOptions {
  timeoutMs: number;
  maxBytes: number;
  /** Tests only: also allow loopback addresses, and trust this CA. Never set in a request path. */
  allowLoopback?: boolean;
  ca?: string | Buffer;
}

export class FetchRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FetchRefused';
  }
}

function resolveAll(host: string): Promise<LookupAddress[]> {
  if (isIP(host)) return Promise.resolve([{ address: host, family: isIP(host) }]);
  return new Promise((resolve, reject) =>
    dnsLookup(host, { all: true, verbatim: true }, (err, addresses) => (err ? reject(new FetchRefused(`cannot resolve ${host}`)) : resolve(addresses))),
  );
}

export async function safeFetch(url: string, options: SafeFetchOptions): Promise<{ status: number; body: string; cacheControl?: string }> {
  const u = new URL(url);
  if (u.protocol !== 'https:') throw new FetchRefused('only https URLs are fetched');
  if (u.username || u.password) throw new FetchRefused('URLs with credentials are not fetched');
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
  const deadline = AbortSignal.timeout(options.timeoutMs);

  const addresses = await Promise.race([
    resolveAll(host),
    new Promise<never>((_, reject) => deadline.addEventListener('abort', () => reject(new FetchRefused('timed out')), { once: true })),
  ]);
  const allowed = (a: string) => isPublicAddress(a) || (options.allowLoopback === true && isLoopbackAddress(a));
  if (addresses.length === 0 || !addresses.every((a) => allowed(a.address))) {
    throw new FetchRefused(`${host} resolves to an address that is not public`);
  }
  const pinned = addresses[0] as LookupAddress;
  // The socket connects to the checked address whatever a later resolution would say.
  const lookup: LookupFunction = (_hostname, opts, callback) => {
    if (opts.all) (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };

  return new Promise((resolve, reject) => {
    const req = request(
      {
        protocol: 'https:',
        hostname: host,
        port: u.port || 443,
        path: `${u.pathname}${u.search}`,
        method: 'GET',
        headers: { accept: 'application/json', 'user-agent': 'Clerq-OAuth/1' },
        lookup,
        servername: isIP(host) ? undefined : host,
        agent: false,
        signal: deadline,
        ...(options.ca ? { ca: options.ca } : {}),
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status !== 200) {
          res.resume();
          req.destroy();
          reject(new FetchRefused(status >= 300 && status < 400 ? 'redirects are not followed' : `answered HTTP ${status}`));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxBytes) {
            req.destroy();
            reject(new FetchRefused(`larger than ${options.maxBytes} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => resolve({ status, body: Buffer.concat(chunks).toString('utf8'), cacheControl: res.headers['cache-control'] }));
        res.on('error', (e) => reject(new FetchRefused(`read failed: ${e.message}`)));
      },
    );
    req.on('error', (e) => reject(e instanceof FetchRefused ? e : new FetchRefused(deadline.aborted ? 'timed out' : `request failed: ${e.message}`)));
    req.end();
  });
}
