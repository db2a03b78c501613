import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertSuggestions } from '../../../src/hub/feedback/store';
import { Browser, csrfOf, DB_KINDS, startTestHub, type TestHub } from './harness';

// Issue 10: NUL in a form answered 500; bidi controls were stored and made a line read differently
// from what was typed. Every form now answers them with a field message and stores nothing.

// (a lone surrogate cannot reach a form: UTF-8 form encoding turns it into U+FFFD on the way; JSON can
// carry one, and the event fuzzer and hostile-events.test.ts send it)
const HOSTILE = [['NUL', 'a\u0000b'], ['ESC', '\u001b[31mred'], ['a right-to-left override', 'pay \u202etxt.exe'], ['an isolate', 'x\u2066y']] as const;
const ENTRY = {
  title_zh: '太极拳', title_en: 'Lunchtime tai chi', category: 'fitness', date: '2026-03-06', start: '07:30', minutes: '45',
  room: 'activity-room', instructor: '赵老师', capacity: '15',
};
const CHARS_EN = 'Contains a character that cannot be stored';

describe.each(DB_KINDS)('hostile form input on %s', (kind) => {
  let hub: TestHub;
  let staff: Browser;
  let csrf: string;
  const count = async (sql: string, params: unknown[] = []) => (await hub.db.query(sql, params)).length;

  beforeAll(async () => {
    hub = await startTestHub(kind);
    staff = new Browser(hub, '192.0.2.77');
    csrf = await staff.login();
    await staff.get('/admin?lang=en');
  });
  afterAll(() => hub.cleanup());

  it.each(HOSTILE)('refuses %s in the phone suggestion form with a field message and stores nothing', async (_name, bad) => {
    const b = new Browser(hub, '203.0.113.90');
    for (const fields of [{ text: bad }, { text: 'fine words', contact: bad }]) {
      const form = await b.get('/suggest?k=lobby-1&lang=en');
      const res = await b.post('/suggest', { _csrf: csrfOf(form.html), k: 'lobby-1', lang: 'en', topic: '', contact: '', ...fields });
      expect(res.res.status).toBe(422);
      expect(res.html).toContain('cannot be saved');
    }
    expect(await count("SELECT 1 FROM suggestions WHERE source = 'phone'")).toBe(0);
  });

  it('keeps a phone suggestion typed with CRLF line breaks and an emoji', async () => {
    const b = new Browser(hub, '203.0.113.91');
    const page = await b.get('/suggest?k=lobby-1&lang=en');
    const res = await b.post('/suggest', { _csrf: csrfOf(page.html), k: 'lobby-1', lang: 'en', topic: '', contact: '', text: 'line one\r\nline two 😀' });
    expect(res.res.status).toBe(200);
    expect(await count('SELECT 1 FROM suggestions WHERE text = $1', ['line one\nline two 😀'])).toBe(1);
  });

  it.each(HOSTILE)('refuses %s in a schedule title and an instructor with a field message and stores nothing', async (_name, bad) => {
    for (const field of ['title_en', 'title_zh', 'instructor']) {
      const res = await staff.post('/admin/entries', { ...ENTRY, [field]: bad, _csrf: csrf });
      expect(res.res.status).toBe(422);
      expect(res.html).toContain(CHARS_EN);
    }
    expect(await count("SELECT 1 FROM schedule_entries WHERE title_en = 'Lunchtime tai chi'")).toBe(0);
  });

  it.each(HOSTILE)('refuses %s in a suggestion reply with a message and keeps the reply as it was', async (_name, bad) => {
    const id = '01900000-0000-7000-8000-00000000a001';
    if ((await count('SELECT 1 FROM suggestions WHERE id = $1', [id])) === 0) {
      await insertSuggestions(hub.db, [{ id, kioskId: null, source: 'phone', at: new Date(hub.clock.now).toISOString(), topic: null, text: '更衣室柜子不够', contact: null }]);
    }
    const res = await staff.post(`/admin/suggestions/${id}`, { _csrf: csrf, status: 'answered', reply: bad, back: 'all' });
    expect(res.res.status).toBe(422);
    expect(res.html).toContain(CHARS_EN);
    const [row] = await hub.db.query<{ reply: string | null; status: string }>('SELECT reply, status FROM suggestions WHERE id = $1', [id]);
    expect(row).toEqual({ reply: null, status: 'new' });
    // a reply typed with line breaks (posted as CRLF) is kept, as one newline each
    expect((await staff.post(`/admin/suggestions/${id}`, { _csrf: csrf, status: 'in_progress', reply: '已联系物业\r\n下周增加', back: 'all' })).res.status).toBe(303);
    expect((await hub.db.query<{ reply: string }>('SELECT reply FROM suggestions WHERE id = $1', [id]))[0]!.reply).toBe('已联系物业\n下周增加');
    await hub.db.query("UPDATE suggestions SET reply = NULL, status = 'new' WHERE id = $1", [id]);
  });

  it.each(HOSTILE)('refuses %s in a member name and in a block reason with a message and stores nothing', async (_name, bad) => {
    const member = await staff.post('/admin/members?lang=en', { _csrf: csrf, memberNo: 'H900', name: bad, card: '' });
    expect(member.res.status).toBe(422);
    expect(await count("SELECT 1 FROM members WHERE member_no = 'H900'")).toBe(0);
    const block = await staff.post('/admin/bookings/blocks', { _csrf: csrf, day: '2026-03-05', facility: 'badminton-1', from: '2026-03-05T09:00', to: '2026-03-05T10:00', reason: bad });
    expect(block.res.status).toBe(422);
    expect(block.html).toContain(CHARS_EN);
    expect(await count("SELECT 1 FROM bookings WHERE status = 'block'")).toBe(0);
  });
});
