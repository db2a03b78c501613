import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, csrfOf, DB_KINDS, startTestHub, type TestHub } from './harness';

type Row = { kiosk_id: string | null; source: string; topic: string | null; text: string; contact: string | null; status: string };
const stored = async (hub: TestHub, text: string) =>
  hub.db.query<Row>('SELECT kiosk_id, source, topic, text, contact, status FROM suggestions WHERE text = $1', [text]);

async function send(b: Browser, fields: Record<string, string>, page = '/suggest?k=lobby-1&lang=en') {
  const form = await b.get(page);
  return b.post('/suggest', { _csrf: csrfOf(form.html), k: 'lobby-1', lang: 'en', topic: '', contact: '', ...fields });
}

describe.each(DB_KINDS)('phone suggestion form on %s', (kind) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub(kind);
  });
  afterAll(() => hub.cleanup());

  it('serves a script-free form for phones without a login, in zh-CN by default and English with lang=en', async () => {
    const b = new Browser(hub, '203.0.113.40');
    const en = await b.get('/suggest?k=lobby-1&lang=en');
    expect(en.res.status).toBe(200);
    expect(en.html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1"/>');
    expect(en.html).not.toContain('<script');
    expect(en.html).toContain('<label for="text">Your suggestion</label>');
    expect(en.html).toContain('maxlength="500"');
    expect(en.html).toContain('<label for="contact">Contact (optional)</label>');
    expect(en.html).toContain('>Send</button>');
    expect(en.html).toContain('Anonymous by default');
    // an empty value renders as the bare attribute, which browsers read as ""
    expect(en.html).toContain('<option value selected>The center overall</option>');
    expect(en.html).toContain('<option value="gym">Gym</option>');
    expect(en.html).toContain('name="k" value="lobby-1"');
    expect((await b.get('/suggest')).html).toContain('<label for="text">您的建议</label>');
  });

  it('stores a suggestion from the phone with its kiosk and topic and thanks the sender', async () => {
    const b = new Browser(hub, '203.0.113.41');
    const res = await send(b, { topic: 'gym', text: '  Please fix the third treadmill.\r\nIt squeaks.  ', contact: 'li@example.com' });
    expect(res.res.status).toBe(200);
    expect(res.html).toContain('<h2 data-testid="thank-you">Thank you!</h2>');
    expect(await stored(hub, 'Please fix the third treadmill.\nIt squeaks.')).toEqual([
      { kiosk_id: 'lobby-1', source: 'phone', topic: 'gym', text: 'Please fix the third treadmill.\nIt squeaks.', contact: 'li@example.com', status: 'new' },
    ]);
  });

  it('stores a suggestion with an unknown kiosk id without a kiosk, anonymously', async () => {
    const b = new Browser(hub, '203.0.113.42');
    const form = await b.get('/suggest?k=not-a-kiosk');
    const res = await b.post('/suggest', { _csrf: csrfOf(form.html), k: 'not-a-kiosk', lang: 'zh-CN', topic: '', text: '希望周末延长开放时间', contact: '' });
    expect(res.res.status).toBe(200);
    expect(res.html).toContain('谢谢您！');
    expect(await stored(hub, '希望周末延长开放时间')).toEqual([
      { kiosk_id: null, source: 'phone', topic: null, text: '希望周末延长开放时间', contact: null, status: 'new' },
    ]);
  });

  it('refuses an empty or too long suggestion with a plain message and keeps what was typed', async () => {
    const b = new Browser(hub, '203.0.113.43');
    const empty = await send(b, { text: '   ', contact: 'kept@example.com' });
    expect(empty.res.status).toBe(422);
    expect(empty.html).toContain('Please write your suggestion.');
    expect(empty.html).toContain('value="kept@example.com"');
    const long = `<b>${'长'.repeat(498)}`;
    const tooLong = await send(b, { text: long, topic: 'courts' });
    expect(tooLong.res.status).toBe(422);
    expect(tooLong.html).toContain('Your suggestion is too long (at most 500 characters).');
    expect(tooLong.html).toContain(`>&lt;b>${'长'.repeat(498)}</textarea>`);
    expect(tooLong.html).toContain('<option value="courts" selected>Courts</option>');
    const badTopic = await send(b, { text: 'fine', topic: 'rooftop' });
    expect(badTopic.html).toContain('Choose a topic from the list.');
    expect(await stored(hub, long)).toEqual([]);
    expect(await stored(hub, 'fine')).toEqual([]);
  });

  it('refuses a post without the form\'s CSRF token with 403 and stores nothing', async () => {
    const b = new Browser(hub, '203.0.113.44');
    await b.get('/suggest?lang=en');
    const res = await b.post('/suggest', { k: 'lobby-1', lang: 'en', topic: '', text: 'forged', contact: '' });
    expect(res.res.status).toBe(403);
    expect(res.html).toContain('This form has expired or did not come from this site.');
    const fresh = new Browser(hub, '203.0.113.44');
    expect((await fresh.post('/suggest', { _csrf: 'guess', text: 'forged', lang: 'en' })).res.status).toBe(403);
    expect(await stored(hub, 'forged')).toEqual([]);
  });

  it('takes 10 suggestions an hour from one address, then answers 429 until the hour has passed', async () => {
    const b = new Browser(hub, '203.0.113.45');
    for (let i = 0; i < 10; i++) expect((await send(b, { text: `idea ${i}` })).res.status).toBe(200);
    const eleventh = await send(b, { text: 'idea 10' });
    expect(eleventh.res.status).toBe(429);
    expect(eleventh.html).toContain('Too many suggestions from this connection. Please try again in 60 minutes.');
    expect(eleventh.html).toContain('>idea 10</textarea>');
    expect(await stored(hub, 'idea 10')).toEqual([]);
    expect((await send(new Browser(hub, '203.0.113.46'), { text: 'from elsewhere' })).res.status).toBe(200);
    hub.clock.now += 3_600_000;
    try {
      expect((await send(b, { text: 'idea 10' })).res.status).toBe(200);
    } finally {
      hub.clock.now -= 3_600_000;
    }
  });

  it('refuses a body over 64 KiB with 413', async () => {
    const b = new Browser(hub, '203.0.113.47');
    expect((await send(b, { text: 'x'.repeat(70_000) })).res.status).toBe(413);
  });

  it('gives an anonymous writer a receipt whose link shows the suggestion, then the center’s answer, and never stores the code', async () => {
    const b = new Browser(hub, '203.0.113.48');
    const text = '更衣室的吹风机坏了两台';
    const thanks = await send(b, { text });
    expect(thanks.res.status).toBe(200);
    const code = /data-testid="receipt-code"[^>]*>([0-9A-Z-]+)</.exec(thanks.html)?.[1];
    const link = /data-testid="receipt-link" href="([^"]+)"/.exec(thanks.html)?.[1];
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(link).toBe(`http://hub.test/suggest/r/${code}?lang=en`);
    const stored = await hub.db.query<{ id: string; receipt_hash: string }>('SELECT id, receipt_hash FROM suggestions WHERE text = $1', [text]);
    expect(stored[0]!.receipt_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(code!);

    const phone = new Browser(hub, '203.0.113.49'); // later, from another connection: the link is all it takes
    let page = await phone.get(`/suggest/r/${code}?lang=en`);
    expect(page.res.status).toBe(200);
    expect(page.html).toContain(text);
    expect(page.html).toContain('No answer yet.');

    const staff = new Browser(hub, '203.0.113.50');
    const csrf = await staff.login();
    await staff.post(`/admin/suggestions/${stored[0]!.id}`, { _csrf: csrf, status: 'answered', reply: '已更换两台新吹风机', back: 'all' });
    // typed by hand: lower case, no dashes, an O for a 0 still finds it
    page = await phone.get(`/suggest/r/${code!.toLowerCase().replace(/-/g, '').replace(/0/g, 'o')}?lang=en`);
    expect(page.html).toContain('Answered.');
    expect(page.html).toContain('已更换两台新吹风机');
  });

  it('answers a receipt nobody holds with 404 in plain words, and stops an address that keeps guessing', async () => {
    const b = new Browser(hub, '203.0.113.51');
    const miss = await b.get('/suggest/r/AAAA-BBBB-CCCC?lang=en');
    expect(miss.res.status).toBe(404);
    expect(miss.html).toContain('There is no suggestion with this receipt.');
    expect((await b.get('/suggest/r/not-a-code?lang=en')).res.status).toBe(404);
    for (let i = 0; i < 18; i++) await b.get(`/suggest/r/AAAA-BBBB-${String(1000 + i)}?lang=en`);
    const stopped = await b.get('/suggest/r/AAAA-BBBB-CCCD?lang=en');
    expect(stopped.res.status).toBe(429);
    expect(stopped.html).toContain('Too many receipts tried');
  });
});
