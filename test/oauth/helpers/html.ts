/** Just enough HTML reading for the tests: forms, their fields, and entity decoding. */
export function decodeEntities(s: string): string {
  return s
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCharCode(parseInt(n, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([a-zA-Z_:-]+)(?:="([^"]*)")?/g)) if (m[1]) out[m[1].toLowerCase()] = decodeEntities(m[2] ?? '');
  return out;
}

export interface ParsedForm {
  action: string;
  method: string;
  /** Hidden, text and checked fields, and selected options: what a browser would send (without a submit button). */
  fields: URLSearchParams;
  /** Every radio value offered per name. */
  radios: Map<string, string[]>;
  /** name=value pairs of the submit buttons. */
  buttons: { name: string; value: string }[];
}

export function forms(html: string): ParsedForm[] {
  return [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)].map((m) => {
    const attrs = attributes(m[1] ?? '');
    const body = m[2] ?? '';
    const fields = new URLSearchParams();
    const radios = new Map<string, string[]>();
    for (const input of body.matchAll(/<input\b([^>]*)>/g)) {
      const a = attributes(input[1] ?? '');
      if (!a.name) continue;
      const type = (a.type ?? 'text').toLowerCase();
      if (type === 'radio' || type === 'checkbox') {
        radios.set(a.name, [...(radios.get(a.name) ?? []), a.value ?? 'on']);
        if ('checked' in a) fields.set(a.name, a.value ?? 'on');
      } else {
        fields.set(a.name, a.value ?? '');
      }
    }
    for (const select of body.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
      const a = attributes(select[1] ?? '');
      const selected = /<option\b([^>]*\bselected\b[^>]*)>/.exec(select[2] ?? '') ?? /<option\b([^>]*)>/.exec(select[2] ?? '');
      if (a.name && selected) fields.set(a.name, attributes(selected[1] ?? '').value ?? '');
    }
    const buttons = [...body.matchAll(/<button\b([^>]*)>/g)]
      .map((b) => attributes(b[1] ?? ''))
      .filter((b) => b.name)
      .map((b) => ({ name: b.name ?? '', value: b.value ?? '' }));
    return { action: attrs.action ?? '', method: (attrs.method ?? 'get').toLowerCase(), fields, radios, buttons };
  });
}

export function formWithAction(html: string, action: string): ParsedForm {
  const f = forms(html).find((x) => x.action === action);
  if (!f) throw new Error(`no form posting to ${action} in:\n${html.slice(0, 2000)}`);
  return f;
}
