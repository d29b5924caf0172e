/**
 * A minimal browser for the pages: a cookie jar, manual redirects (followed only within the
 * instance, so a redirect to the client's redirect URI is returned, not fetched), form posts.
 * It sends what a real browser sends with a same-origin form post (Origin, Sec-Fetch-Site).
 */
export interface PageResponse {
  status: number;
  url: string;
  headers: Headers;
  text: string;
  location?: string;
  setCookies: string[];
}

export class Browser {
  readonly cookies = new Map<string, string>();

  constructor(readonly base: string) {}

  private absolute(url: string): string {
    return new URL(url, this.base).toString();
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(url: string, init: { method?: string; form?: URLSearchParams; headers?: Record<string, string> } = {}): Promise<PageResponse> {
    const target = this.absolute(url);
    const headers: Record<string, string> = { ...init.headers };
    if (this.cookies.size) headers.cookie = this.cookieHeader();
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers.origin ??= 'null';
      headers['sec-fetch-site'] ??= 'same-origin';
    }
    const res = await fetch(target, { method: init.method ?? (init.form ? 'POST' : 'GET'), headers, body: init.form?.toString(), redirect: 'manual' });
    const setCookies = res.headers.getSetCookie();
    for (const c of setCookies) {
      const [pair = '', ...attrs] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const location = res.headers.get('location') ?? undefined;
    return { status: res.status, url: target, headers: res.headers, text: await res.text(), setCookies, ...(location ? { location: this.absolute(location) } : {}) };
  }

  /** GET (or POST) and follow redirects while they stay on the instance. */
  async go(url: string, init: { form?: URLSearchParams } = {}): Promise<PageResponse> {
    let res = await this.request(url, init);
    for (let i = 0; i < 10 && res.location && new URL(res.location).origin === new URL(this.base).origin && res.status >= 300 && res.status < 400; i++) {
      res = await this.request(res.location);
    }
    return res;
  }
}
