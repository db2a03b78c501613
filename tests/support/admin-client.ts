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

  /**
   * Imports members as staff do with the CSV import (member number, name, optional card number); a long
   * list's progress page is followed until its report. Returns the report's summary line.
   */
  async importMembers(rows: readonly { memberNo: string; name: string; card?: string }[]): Promise<string> {
    const form = await (await this.get('/admin/members/import?lang=en')).text();
    const csv = rows.map((r) => [r.memberNo, r.name, r.card ?? ''].map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\n');
    let res = await this.post('/admin/members/import?lang=en', { _csrf: csrfOf(form), csv });
    if (res.status === 303) {
      const at = `${res.headers.get('location')!}?lang=en`;
      for (let i = 0; ; i++) {
        res = await this.get(at);
        if (!(await res.clone().text()).includes('data-testid="import-progress"')) break;
        if (i > 3_000) throw new Error('import: no report within 5 minutes');
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const report = await res.text();
    const summary = /data-testid="import-summary">([^<]*)</.exec(report);
    if (res.status !== 200 || !summary) throw new Error(`import failed: ${res.status} ${report.slice(0, 500)}`);
    return summary[1]!.trim();
  }

  /** A member as the Members list shows them: the hub's id and the masked name kiosks show. */
  async member(memberNo: string): Promise<{ id: number; maskedName: string }> {
    const page = await (await this.get(`/admin/members?q=${encodeURIComponent(memberNo)}`)).text();
    for (const row of page.split('<tr').slice(1)) {
      const id = /href="\/admin\/members\/(\d+)"/.exec(row);
      const cells = [...row.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((c) => c[1]!);
      if (id && cells[0] === memberNo) return { id: Number(id[1]), maskedName: cells[2]! };
    }
    throw new Error(`member ${memberNo} not on the Members page:\n${page.slice(0, 500)}`);
  }

  /** What the member's Badge page shows in the <code> with this test id. */
  private async onBadgePage(memberId: number, testId: 'badge-token' | 'badge-code'): Promise<string> {
    const res = await this.get(`/admin/members/${memberId}/badge`);
    const page = await res.text();
    const m = new RegExp(`<code[^>]*data-testid="${testId}"[^>]*>([^<]+)</code>`).exec(page);
    if (res.status !== 200 || !m) throw new Error(`no ${testId} for member ${memberId}: ${res.status}\n${page.slice(0, 500)}`);
    return m[1]!.trim();
  }

  /** A signed badge token of the old kind for a member, from the member's Badge page (what IT scans). */
  badgeToken(memberId: number): Promise<string> {
    return this.onBadgePage(memberId, 'badge-token');
  }

  /** The member's short badge code (issue 11), from the Badge page, issued there if they had none. */
  badgeCode(memberId: number): Promise<string> {
    return this.onBadgePage(memberId, 'badge-code');
  }

  /** Staff replace a member's badge (a lost one): the old code is refused from the next snapshot on. */
  async renewBadge(memberId: number): Promise<void> {
    const page = await (await this.get(`/admin/members/${memberId}/badge`)).text();
    const res = await this.post(`/admin/members/${memberId}/badge/renew`, { _csrf: csrfOf(page) });
    if (res.status !== 303) throw new Error(`renew failed: ${res.status}`);
  }

  /** Staff answer a suggestion in the inbox (and mark it answered), as its form does. */
  async replyToSuggestion(id: string, reply: string): Promise<void> {
    const page = await (await this.get('/admin/suggestions')).text();
    const res = await this.post(`/admin/suggestions/${id}`, { _csrf: csrfOf(page), status: 'answered', reply, back: 'all' });
    if (res.status !== 303) throw new Error(`reply failed: ${res.status}`);
  }

  /** Staff publish an answered suggestion to "you said, we did" in their own words (issue 16). */
  async publishToBoard(id: string, post: { saidZh: string; saidEn?: string; didZh: string; didEn?: string }): Promise<void> {
    const page = await (await this.get('/admin/suggestions')).text();
    const res = await this.post(`/admin/suggestions/${id}/publish`, { _csrf: csrfOf(page), back: 'all', saidEn: '', didEn: '', ...post });
    if (res.status !== 303) throw new Error(`publish failed: ${res.status}`);
  }

  /**
   * Staff ask a question (issue 16) through the Polls page's form; options in Chinese, English left
   * empty. Opens now and closes in a week unless told otherwise. Returns the new poll's id.
   */
  async createPoll(p: { question: string; options: string[]; multiple?: boolean; changeable?: boolean; opens?: string; closes?: string }): Promise<string> {
    const page = await (await this.get('/admin/polls')).text();
    const opens = p.opens ?? /id="poll-opens"[^>]*value="([^"]+)"/.exec(page)?.[1];
    const closes = p.closes ?? /id="poll-closes"[^>]*value="([^"]+)"/.exec(page)?.[1];
    const before = new Set([...page.matchAll(/data-testid="poll" data-poll="([^"]+)"/g)].map((m) => m[1]!));
    const form: Record<string, string> = { _csrf: csrfOf(page), questionZh: p.question, questionEn: '', opens: opens ?? '', closes: closes ?? '' };
    p.options.forEach((o, i) => (form[`option${i + 1}Zh`] = o));
    if (p.multiple) form.multiple = 'on';
    if (p.changeable) form.changeable = 'on';
    const res = await this.post('/admin/polls', form);
    if (res.status !== 303) throw new Error(`poll not created: ${res.status} ${(await res.text()).match(/role="alert">([^<]*)/)?.[1] ?? ''}`);
    const after = await (await this.get('/admin/polls')).text();
    const id = [...after.matchAll(/data-testid="poll" data-poll="([^"]+)"/g)].map((m) => m[1]!).find((x) => !before.has(x));
    if (!id) throw new Error('the new poll is not on the Polls page');
    return id;
  }

  /** Closes an open poll now, or publishes a closed poll's result to the kiosks (issue 16). */
  async pollAction(id: string, action: 'close' | 'publish' | 'unpublish'): Promise<void> {
    const page = await (await this.get('/admin/polls')).text();
    const res = await this.post(`/admin/polls/${id}/${action}`, { _csrf: csrfOf(page) });
    const where = res.headers.get('location') ?? '';
    if (res.status !== 303 || where.includes('problem=')) throw new Error(`poll ${action} failed: ${res.status} ${where}`);
  }

  /** A CSV export as records keyed by its header (RFC 4180 quoting, BOM and CRLF as the hub writes them). */
  async csv(path: string): Promise<Record<string, string>[]> {
    const res = await this.get(path);
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    const [header, ...rows] = parseCsv((await res.text()).replace(/^\uFEFF/, ''));
    return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
  }
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\n') row.push(cell), rows.push(row), (row = []), (cell = '');
    else if (ch !== '\r') cell += ch;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}
