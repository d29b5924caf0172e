/**
 * The public base URL of the request being handled, when it differs from PUBLIC_URL.
 *
 * In AWS one instance answers at two addresses: the public URL (CloudFront, or a custom domain)
 * and the HTTP API's own `https://<id>.execute-api.<region>.amazonaws.com`. A client given the
 * second must see metadata, issuer, token audience and links for the address it used, or its
 * OAuth flow fails. That address is taken only from API Gateway's `requestContext.domainName`
 * (the host API Gateway itself matched, not a header a client sets) and only when it is listed
 * in ALLOWED_HOSTS. Requests through CloudFront carry the `x-clerq-edge` origin header CloudFront
 * adds (the local server adds it too, playing CloudFront), and keep PUBLIC_URL. A client that
 * forges that header on a direct request only gets PUBLIC_URL's documents, which are public.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** The origin header CloudFront adds to every request it sends the HTTP API. */
export const edgeHeader = 'x-clerq-edge';
export const edgeHeaderValue = 'cloudfront';

const current = new AsyncLocalStorage<string>();

/** The base URL set for the running request, if any. */
export function requestBaseUrl(): string | undefined {
  return current.getStore();
}

/** Runs `fn` with `baseUrl` as the public URL; undefined keeps PUBLIC_URL. */
export function withBaseUrl<T>(baseUrl: string | undefined, fn: () => T): T {
  return baseUrl ? current.run(baseUrl, fn) : fn();
}

interface EventLike {
  headers?: Record<string, string | undefined>;
  requestContext?: { domainName?: string };
}

/**
 * The base URL a direct request to an allowed API Gateway host should get, or undefined (use
 * PUBLIC_URL). API Gateway serves HTTPS only, so the scheme is https.
 */
export function directBaseUrl(event: EventLike, allowedHosts: string[], publicUrl: string): string | undefined {
  const viaEdge = Object.entries(event.headers ?? {}).some(([k, v]) => k.toLowerCase() === edgeHeader && v === edgeHeaderValue);
  if (viaEdge) return undefined;
  const domain = event.requestContext?.domainName?.toLowerCase();
  if (!domain || !allowedHosts.includes(domain)) return undefined;
  const base = `https://${domain}`;
  return base === publicUrl ? undefined : base;
}
