import { createHmac, timingSafeEqual } from 'node:crypto';
import { pdfPaths } from '../../functions/routes.js';
import { deriveKey } from '../auth/keys.js';
import { config } from '../config/index.js';

/**
 * The signed invoice PDF link: `<PUBLIC_URL>/api/pdf/v1.<businessId>.<invoiceId>.<issuedAt>.<mac>`.
 * The MAC (HMAC-SHA256, key purpose `pdf-link`, derived from BETTER_AUTH_SECRET) binds the business,
 * the invoice and the second it was issued; the lifetime is applied when the link is opened, so it
 * is defined here once. No revision is bound: a link serves the invoice as it is when opened.
 * Rotating the secret changes the key, so every outstanding link stops verifying.
 */
export const pdfLinkLifetimeSeconds = 15 * 60;

/** Clocks of two machines (the one that signed, the one that checks) may differ by this much. */
const clockSkewSeconds = 60;

const version = 'v1';
const idPattern = /^[a-z]+_[0-9A-Z]{26}$/;

export interface PdfLinkClaims {
  businessId: string;
  invoiceId: string;
  /** Epoch seconds. */
  issuedAt: number;
}

export type PdfLinkCheck =
  | { ok: true; claims: PdfLinkClaims; expiresAt: number }
  /** `invalid`: malformed, tampered, or signed with another secret (indistinguishable, on purpose). */
  | { ok: false; reason: 'invalid' | 'expired' };

function mac(c: PdfLinkClaims): Buffer {
  return createHmac('sha256', deriveKey('pdf-link')).update(`${version}\n${c.businessId}\n${c.invoiceId}\n${c.issuedAt}`).digest();
}

export function signPdfToken(c: PdfLinkClaims): string {
  return [version, c.businessId, c.invoiceId, c.issuedAt, mac(c).toString('base64url')].join('.');
}

/** The link an assistant hands out, on the instance's public URL. */
export function pdfLinkUrl(c: PdfLinkClaims): { url: string; expiresAt: number } {
  return { url: `${config().publicUrl}${pdfPaths.link}/${signPdfToken(c)}`, expiresAt: c.issuedAt + pdfLinkLifetimeSeconds };
}

/** Checks the signature first, so an expired link reveals nothing unless it is genuine. */
export function verifyPdfToken(token: string, nowSeconds = Math.floor(Date.now() / 1000)): PdfLinkCheck {
  const parts = token.split('.');
  if (parts.length !== 5 || parts[0] !== version) return { ok: false, reason: 'invalid' };
  const [, businessId = '', invoiceId = '', issued = '', sig = ''] = parts;
  if (!idPattern.test(businessId) || !idPattern.test(invoiceId) || !/^\d{1,12}$/.test(issued)) return { ok: false, reason: 'invalid' };
  const claims = { businessId, invoiceId, issuedAt: Number(issued) };
  // Compared as text: base64url decoding ignores the spare bits of the last character, so a
  // different string could decode to the right bytes.
  const given = Buffer.from(sig);
  const expected = Buffer.from(mac(claims).toString('base64url'));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
  // A genuine link issued "in the future" only comes from a skewed clock; never let it live longer.
  if (claims.issuedAt > nowSeconds + clockSkewSeconds) return { ok: false, reason: 'invalid' };
  const expiresAt = claims.issuedAt + pdfLinkLifetimeSeconds;
  if (nowSeconds >= expiresAt) return { ok: false, reason: 'expired' };
  return { ok: true, claims, expiresAt };
}

/** The token of a request path `/api/pdf/<token>`, or undefined. */
export function pdfTokenOf(path: string): string | undefined {
  const prefix = `${pdfPaths.link}/`;
  if (!path.startsWith(prefix)) return undefined;
  const token = path.slice(prefix.length);
  return token && !token.includes('/') ? token : undefined;
}
