import { ADMIN_PASSWORD } from './hub-process';

// Staff actions over plain HTTP, the way a browser would do them (cookies, CSRF field), for test setup.

function csrfOf(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error(`no CSRF field in:\n${html.slice(0, 500)}`);
  return m[1]!;
}

export class AdminClient {
  private cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, ...v] = pair!.split('=');
      this.cookies.set(k!.trim(), v.join('='));
    }
  }

  async get(path: string): Promise<Response> {
    const res = await fetch(this.base + path, { headers: { cookie: this.cookieHeader() }, redirect: 'manual' });
    this.keep(res);
    return res;
  }

  async post(path: string, form: Record<string, string>): Promise<Response> {
    const res = await fetch(this.base + path, {
      method: 'POST',
      headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded', origin: this.base },
      body: new URLSearchParams(form).toString(),
      redirect: 'manual',
    });
    this.keep(res);
    return res;
  }

  async login(): Promise<this> {
    const page = await (await this.get('/admin/login?lang=en')).text();
    const res = await this.post('/admin/login', { _csrf: csrfOf(page), username: 'admin', password: ADMIN_PASSWORD });
    if (res.status !== 303 && res.status !== 302) throw new Error(`login failed: ${res.status} ${await res.text()}`);
    return this;
  }

  /** A one-time enrollment code for a kiosk, as "Enroll this device" on the Kiosks page gives it. */
  async enrollmentCode(kioskId: string): Promise<string> {
    const page = await (await this.get('/admin/kiosks')).text();
    const res = await this.post(`/admin/kiosks/${kioskId}/enroll-here`, { _csrf: csrfOf(page) });
    const location = res.headers.get('location') ?? '';
    const code = new URL(location, this.base).searchParams.get('enroll');
    if (!code) throw new Error(`no enrollment code: ${res.status} ${location}`);
    return code;
  }

  /** A device token for API tests, redeemed the way a kiosk redeems its code. */
  async deviceToken(kioskId: string): Promise<string> {
    const code = await this.enrollmentCode(kioskId);
    const res = await fetch(`${this.base}/api/v1/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    const body = (await res.json()) as { token?: string };
    if (!body.token) throw new Error(`enroll failed: ${res.status} ${JSON.stringify(body)}`);
    return body.token;
  }
}
