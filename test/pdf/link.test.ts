import { afterEach, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { pdfLinkLifetimeSeconds, pdfLinkUrl, pdfTokenOf, signPdfToken, verifyPdfToken } from '../../shared/pdf/link.js';

const claims = { businessId: 'biz_01JAAAAAAAAAAAAAAAAAAAAAAA', invoiceId: 'inv_01JBBBBBBBBBBBBBBBBBBBBBBB', issuedAt: 1_800_000_000 };
const secret = process.env.BETTER_AUTH_SECRET;
afterEach(() => {
  process.env.BETTER_AUTH_SECRET = secret;
});

/** Flips one character of a string to another base64url character. */
function flip(s: string, at: number): string {
  const c = s[at]!;
  return s.slice(0, at) + (c === 'A' ? 'B' : 'A') + s.slice(at + 1);
}

describe('signed PDF link', () => {
  it('verifies while younger than 15 minutes and is expired from the 15th minute on', () => {
    const token = signPdfToken(claims);
    expect(verifyPdfToken(token, claims.issuedAt)).toEqual({ ok: true, claims, expiresAt: claims.issuedAt + 900 });
    expect(verifyPdfToken(token, claims.issuedAt + pdfLinkLifetimeSeconds - 1).ok).toBe(true);
    expect(verifyPdfToken(token, claims.issuedAt + pdfLinkLifetimeSeconds)).toEqual({ ok: false, reason: 'expired' });
    expect(pdfLinkLifetimeSeconds).toBe(15 * 60);
  });

  it('refuses any change to the business, the invoice, the time or the signature', () => {
    const token = signPdfToken(claims);
    const [v, biz, inv, iat, mac] = token.split('.') as [string, string, string, string, string];
    const other = 'biz_01JCCCCCCCCCCCCCCCCCCCCCCC';
    const tampered = [
      [v, other, inv, iat, mac],
      [v, biz, 'inv_01JCCCCCCCCCCCCCCCCCCCCCCC', iat, mac],
      [v, biz, inv, String(Number(iat) + 3600), mac],
      [v, biz, inv, iat, flip(mac, 0)],
      // The last character carries two spare bits: a lenient decoder would accept a neighbour.
      [v, biz, inv, iat, mac.slice(0, -1) + String.fromCharCode(mac.charCodeAt(mac.length - 1) ^ 1)],
      [v, biz, inv, iat, mac.slice(0, -1)],
      ['v2', biz, inv, iat, mac],
      [v, biz, inv, iat],
    ].map((parts) => parts.join('.'));
    for (const t of [...tampered, '', 'garbage', `${token}.x`]) expect([t, verifyPdfToken(t, claims.issuedAt)]).toEqual([t, { ok: false, reason: 'invalid' }]);
  });

  it('checks the signature before the expiry, so an altered old link reads as invalid, not expired', () => {
    const token = signPdfToken(claims);
    const later = claims.issuedAt + 3 * pdfLinkLifetimeSeconds;
    expect(verifyPdfToken(token, later)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyPdfToken(flip(token, token.length - 5), later)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses a link issued in the future beyond a minute of clock skew', () => {
    expect(verifyPdfToken(signPdfToken(claims), claims.issuedAt - 30).ok).toBe(true);
    expect(verifyPdfToken(signPdfToken(claims), claims.issuedAt - 120)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('dies when BETTER_AUTH_SECRET is rotated', () => {
    const token = signPdfToken(claims);
    process.env.BETTER_AUTH_SECRET = randomBytes(48).toString('base64url');
    expect(verifyPdfToken(token, claims.issuedAt)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('is a URL on the public base URL whose last path segment is the token', () => {
    const { url, expiresAt } = pdfLinkUrl(claims);
    expect(url.startsWith(`${process.env.PUBLIC_URL ?? 'http://localhost:3000'}/api/pdf/v1.`)).toBe(true);
    expect(expiresAt).toBe(claims.issuedAt + 900);
    const token = pdfTokenOf(new URL(url).pathname);
    expect(token && verifyPdfToken(token, claims.issuedAt).ok).toBe(true);
    expect(pdfTokenOf('/api/pdf/')).toBeUndefined();
    expect(pdfTokenOf('/api/pdf/a/b')).toBeUndefined();
    expect(pdfTokenOf('/api/mcp')).toBeUndefined();
  });
});
