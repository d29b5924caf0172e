import { escapeHtml } from '../http/response.js';

/**
 * Safe-by-default HTML: every value interpolated into `h`…`` is escaped unless it is itself
 * markup built by `h` (or an array of such). Client-supplied strings therefore cannot become
 * markup by forgetting a call to escapeHtml.
 */
export class Markup {
  constructor(readonly html: string) {}
}

type Value = Markup | string | number | boolean | null | undefined | Value[];

function render(v: Value): string {
  if (v instanceof Markup) return v.html;
  if (Array.isArray(v)) return v.map(render).join('');
  if (v === null || v === undefined || v === false) return '';
  return escapeHtml(String(v));
}

export function h(strings: TemplateStringsArray, ...values: Value[]): Markup {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? '');
  });
  return new Markup(out);
}

/** Minimal, readable at phone width, no external resources (the CSP allows none). */
const css = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1c2330;background:#f4f5f7}
main{max-width:28rem;margin:0 auto;padding:2rem 1rem}
.card{background:#fff;border:1px solid #dde1e7;border-radius:12px;padding:1.5rem}
h1{font-size:1.35rem;margin:0 0 1rem}
p{margin:.5rem 0}
label{display:block;font-weight:600;margin:1rem 0 .25rem}
input[type=email],input[type=password],input[type=text],select{width:100%;padding:.6rem .7rem;font:inherit;border:1px solid #b9c0cb;border-radius:8px;background:#fff}
fieldset{border:1px solid #dde1e7;border-radius:8px;margin:1rem 0 0;padding:.5rem .9rem .8rem}
legend{font-weight:600;padding:0 .3rem}
.choice{display:flex;gap:.6rem;align-items:flex-start;margin:.5rem 0;font-weight:400}
.choice input{margin-top:.35rem}
.actions{display:flex;gap:.75rem;margin-top:1.5rem;flex-wrap:wrap}
button{flex:1;min-width:8rem;padding:.7rem 1rem;font:inherit;font-weight:600;border-radius:8px;border:1px solid #1d4ed8;background:#1d4ed8;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#1c2330;border-color:#b9c0cb}
a.button{display:block;text-align:center;text-decoration:none;padding:.7rem 1rem;font-weight:600;border-radius:8px;background:#1d4ed8;color:#fff}
.error{background:#fdecec;border:1px solid #f3b4b4;color:#8a1c1c;border-radius:8px;padding:.6rem .8rem;margin:0 0 1rem}
.notice{background:#fff7e0;border:1px solid #f0d58a;border-radius:8px;padding:.6rem .8rem;margin:.75rem 0}
.dest{font-size:1.15rem;font-weight:700;word-break:break-all}
.muted{color:#5b6473;font-size:.9rem}
.brand{font-weight:700;letter-spacing:.02em;color:#1d4ed8;margin-bottom:1rem}
a{color:#1d4ed8}
`;

export function layout(title: string, body: Markup): string {
  return h`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<title>${title} · Clerq</title>
<style>${new Markup(css)}</style>
</head>
<body><main><div class="brand">Clerq</div><div class="card">${body}</div></main></body>
</html>`.html;
}
