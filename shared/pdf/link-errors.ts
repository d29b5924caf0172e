import { h, layout } from '../auth/page-layout.js';
import { html, json } from '../http/response.js';
import { header } from '../http/request.js';
import type { HttpEvent, HttpResult } from '../http/types.js';

/** Why a link was refused. `invalid` covers tampered, malformed and revoked alike, on purpose. */
export type LinkRefusal = 'invalid' | 'expired' | 'not_found';

const refusals: Record<LinkRefusal, { status: number; title: string; detail: string }> = {
  invalid: {
    status: 403,
    title: 'This link is not valid',
    detail: 'It may be incomplete or altered, or links to this Clerq instance were revoked. Ask for a new link to the invoice.',
  },
  expired: {
    status: 410,
    title: 'This link has expired',
    detail: 'Links to invoice PDFs work for 15 minutes. Ask for a new link to the invoice.',
  },
  not_found: {
    status: 404,
    title: 'Invoice not found',
    detail: 'This invoice does not exist (a discarded draft, for instance).',
  },
};

function wantsJson(event: HttpEvent): boolean {
  const accept = header(event, 'accept') ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

/** A small page (or JSON when asked for) that says what happened and nothing more: no data, no stack. */
export function refuseLink(event: HttpEvent, why: LinkRefusal): HttpResult {
  const r = refusals[why];
  if (wantsJson(event)) return json(r.status, { error: why, error_description: `${r.title}. ${r.detail}` }, { 'x-frame-options': 'DENY', 'x-content-type-options': 'nosniff' });
  return html(r.status, layout(r.title, h`<h1>${r.title}</h1><p>${r.detail}</p>`));
}
