import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7, type KioskEvent } from '../../../src/domain/index';
import { applyEvent } from '../../../src/hub/events/apply';
import { insertSuggestions } from '../../../src/hub/feedback/store';
import { Browser, DB_KINDS, NOW, startTestHub, type TestHub } from './harness';

let seq = 0;
async function suggest(hub: TestHub, text: string, at: number, opts: { topic?: string | null; contact?: string | null } = {}): Promise<string> {
  const e: KioskEvent = {
    id: uuidv7(at, randomBytes(10)), kioskId: 'lobby-1', seq: ++seq, at: new Date(at).toISOString(), kind: 'suggestion',
    payload: { topic: opts.topic ?? null, text, contact: opts.contact ?? null },
  };
  expect((await applyEvent(hub.db, 'lobby-1', e, at)).status).toBe('applied');
  return e.id;
}

const rowOf = async (hub: TestHub, id: string) =>
  (await hub.db.query<{ status: string; reply: string | null; replied_at: Date | string | null }>('SELECT status, reply, replied_at FROM suggestions WHERE id = $1', [id]))[0]!;

describe.each(DB_KINDS)('admin suggestion inbox on %s', (kind) => {
  let hub: TestHub;
  let b: Browser;
  let csrf: string;
  beforeAll(async () => {
    hub = await startTestHub(kind);
    b = new Browser(hub, '203.0.113.30');
    csrf = await b.login();
  });
  afterAll(() => hub.cleanup());

  it('shows hostile suggestion text and contact as text, never as markup', async () => {
    await suggest(hub, '<script>alert(1)</script>\nsecond line', NOW - 60_000, { contact: '<img src=x onerror=alert(1)>' });
    await insertSuggestions(hub.db, [{ id: uuidv7(NOW, randomBytes(10)), kioskId: null, source: 'phone', at: new Date(NOW).toISOString(), topic: 'gym', text: '<img src=x onerror=alert(1)>', contact: null }]);
    const { html } = await b.get('/admin/suggestions?lang=en');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).not.toContain('<img src=x onerror=alert(1)>');
    expect(html).toContain('&lt;script>alert(1)&lt;/script>\nsecond line');
    expect(html).toContain('&lt;img src=x onerror=alert(1)>');
    expect(html).toContain('white-space:pre-wrap');
    // newest first: the phone one (at NOW) before the kiosk one
    expect(html.indexOf('Phone')).toBeLessThan(html.indexOf('Lobby, left of the entrance'));
    expect(html).toContain('>New</option>');
    expect(html).toContain('>In progress</option>');
    expect(html).toContain('>Answered</option>');
    expect(html).toMatch(/<label for="reply-[0-9a-f-]+">Reply<\/label>/);
    expect(html).toContain('>Save</button>');
  });

  it('moves a suggestion new → in progress → answered with a reply, stamping the reply time', async () => {
    const id = await suggest(hub, 'More lockers please', NOW - 120_000, { topic: 'gym' });
    const first = await b.post(`/admin/suggestions/${id}`, { _csrf: csrf, status: 'in_progress', reply: '', back: 'new' });
    expect(first.res.status).toBe(303);
    expect(first.res.headers.get('location')).toBe(`/admin/suggestions?status=new&done=saved#s-${id}`);
    expect(await rowOf(hub, id)).toMatchObject({ status: 'in_progress', reply: null, replied_at: null });
    expect((await b.get('/admin/suggestions?status=new')).html).not.toContain('More lockers please');
    expect((await b.get('/admin/suggestions?status=in_progress')).html).toContain('More lockers please');

    hub.clock.now = NOW + 3_600_000;
    try {
      await b.post(`/admin/suggestions/${id}`, { _csrf: csrf, status: 'answered', reply: '  Ten more arrive in April.  ' });
      const row = await rowOf(hub, id);
      expect(row).toMatchObject({ status: 'answered', reply: 'Ten more arrive in April.' });
      expect(new Date(row.replied_at!).toISOString()).toBe(new Date(NOW + 3_600_000).toISOString());
      // saving the same reply again keeps the time it was first given
      hub.clock.now = NOW + 7_200_000;
      await b.post(`/admin/suggestions/${id}`, { _csrf: csrf, status: 'answered', reply: 'Ten more arrive in April.' });
      expect(new Date((await rowOf(hub, id)).replied_at!).toISOString()).toBe(new Date(NOW + 3_600_000).toISOString());
    } finally {
      hub.clock.now = NOW;
    }
    const answered = await b.get('/admin/suggestions?status=answered&lang=en');
    expect(answered.html).toContain('<span data-testid="suggestion-reply" style="white-space:pre-wrap">Ten more arrive in April.</span>');
  });

  it('refuses a reply over 1000 characters with a message, keeps the text, and changes nothing', async () => {
    const id = await suggest(hub, 'Longer opening hours', NOW - 180_000);
    const long = 'x'.repeat(1001);
    const res = await b.post(`/admin/suggestions/${id}?lang=en`, { _csrf: csrf, status: 'answered', reply: long });
    expect(res.res.status).toBe(422);
    expect(res.html).toContain('The reply is too long (at most 1000 characters).');
    expect(res.html).toContain(`>${long}</textarea>`);
    expect(await rowOf(hub, id)).toMatchObject({ status: 'new', reply: null });
    expect((await b.post(`/admin/suggestions/${id}`, { _csrf: csrf, status: 'done' })).res.status).toBe(422);
  });

  it('refuses a save without the CSRF token (403) and for an unknown suggestion (404)', async () => {
    const id = await suggest(hub, 'Water fountain', NOW - 240_000);
    expect((await b.post(`/admin/suggestions/${id}`, { status: 'answered', reply: 'x' })).res.status).toBe(403);
    expect((await b.post(`/admin/suggestions/${uuidv7(NOW, randomBytes(10))}`, { _csrf: csrf, status: 'new' })).res.status).toBe(404);
    expect((await b.post('/admin/suggestions/not-a-uuid', { _csrf: csrf, status: 'new' })).res.status).toBe(404);
    expect(await rowOf(hub, id)).toMatchObject({ status: 'new' });
  });

  it('exports every suggestion as Excel-ready CSV: BOM, CRLF, quoted fields, Chinese, formula guard', async () => {
    const id = await suggest(hub, '=HYPERLINK("http://evil.example","点我")', NOW - 300_000, { contact: '+86 138 0000 0000' });
    const zh = await suggest(hub, '更衣室太挤，希望增加柜子\n谢谢', NOW - 360_000);
    const res = await hub.request('/admin/export/suggestions.csv', { headers: { cookie: `wsc_admin=${b.cookie('wsc_admin')}` } });
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="suggestions-2026-03-04.csv"');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.startsWith('id,time,local time,source,kiosk,topic,text,contact,status,reply,replied at\r\n')).toBe(true);
    expect(text).toContain(`${id},2026-03-04T01:55:00.000Z,2026-03-04 09:55,kiosk,lobby-1,,"'=HYPERLINK(""http://evil.example"",""点我"")",'+86 138 0000 0000,new,,\r\n`);
    expect(text).toContain(`${zh},2026-03-04T01:54:00.000Z,2026-03-04 09:54,kiosk,lobby-1,,"更衣室太挤，希望增加柜子\n谢谢",,new,,\r\n`);
    // the file holds what was written, unescaped: a spreadsheet shows text, not HTML
    expect(text).toContain(',"<script>alert(1)</script>\nsecond line",<img src=x onerror=alert(1)>,new,');
    expect((await hub.request('/admin/export/suggestions.csv')).status).toBe(303);
  });
});
