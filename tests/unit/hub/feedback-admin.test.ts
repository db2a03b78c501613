import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7, type KioskEvent, type Score } from '../../../src/domain/index';
import { applyEvent } from '../../../src/hub/events/apply';
import { Browser, DB_KINDS, startTestHub, type TestHub } from './harness';

let seq = 0;
async function rate(hub: TestHub, kioskId: string, at: string, score: Score, topic: string | null = null): Promise<string> {
  const ms = Date.parse(at);
  const e: KioskEvent = { id: uuidv7(ms, randomBytes(10)), kioskId, seq: ++seq, at: new Date(ms).toISOString(), kind: 'rating', payload: { topic, score } };
  expect((await applyEvent(hub.db, kioskId, e, ms)).status).toBe('applied');
  return e.id;
}

describe.each(DB_KINDS)('admin Feedback page on %s', (kind) => {
  let hub: TestHub;
  let lowId: string;
  beforeAll(async () => {
    hub = await startTestHub(kind);
    // Asia/Shanghai is UTC+8: 01:00Z is 09:00 local
    await rate(hub, 'lobby-1', '2026-03-03T01:00:00Z', 3, 'gym');
    lowId = await rate(hub, 'lobby-1', '2026-03-03T01:30:00Z', 0, 'gym');
    await applyEvent(hub.db, 'lobby-1', {
      id: uuidv7(Date.parse('2026-03-03T01:30:05Z'), randomBytes(10)), kioskId: 'lobby-1', seq: ++seq, at: '2026-03-03T01:30:05.000Z',
      kind: 'rating_reason', payload: { ratingId: lowId, reasons: ['waiting', 'dirty'] },
    }, hub.clock.now);
    await rate(hub, 'lobby-1', '2026-03-04T00:00:00Z', 2);
    // a burst on gym-1: four presses within 10 s, all flagged as misuse and left out of the index
    for (const s of [0, 2, 4, 6]) await rate(hub, 'gym-1', `2026-03-04T01:00:0${s}Z`, 0, 'gym');
    // outside the default period (the last 30 days up to 2026-03-04)
    await rate(hub, 'lobby-1', '2026-01-10T01:00:00Z', 0);
  });
  afterAll(() => hub.cleanup());

  it('shows the index of the last 30 days with misuse left out: 2 happy of 3 counted', async () => {
    const b = new Browser(hub, '203.0.113.20');
    await b.login();
    const { res, html } = await b.get('/admin/feedback?lang=en');
    expect(res.status).toBe(200);
    expect(html).toContain('value="2026-02-03"');
    expect(html).toContain('value="2026-03-04"');
    expect(html).toContain('<strong data-testid="overall-index">66.7%</strong>');
    // by day: 03-03 one of two happy; 03-04 the one counted is happy, four left out
    expect(html).toContain('<tr><td>2026-03-03</td><td>2</td><td>1</td><td>0</td><td>50%</td></tr>');
    expect(html).toContain('<tr><td>2026-03-04</td><td>1</td><td>1</td><td>4</td><td>100%</td></tr>');
    // by hour, in center time
    expect(html).toContain('<tr><td>09:00</td><td>2</td><td>1</td><td>4</td><td>50%</td></tr>');
    expect(html).toContain('<tr><td>08:00</td><td>1</td><td>1</td><td>0</td><td>100%</td></tr>');
    // by topic, with names from the config and null as the center overall
    expect(html).toContain('<tr><td>The center overall</td><td>1</td><td>1</td><td>0</td><td>100%</td></tr>');
    expect(html).toContain('<tr><td>Gym</td><td>2</td><td>1</td><td>4</td><td>50%</td></tr>');
  });

  it('lists the raw ratings in center time with face words, reasons and the misuse mark', async () => {
    const b = new Browser(hub, '203.0.113.21');
    await b.login();
    const { html } = await b.get('/admin/feedback?lang=en');
    expect(html.match(/<strong>misuse<\/strong>/g)).toHaveLength(4);
    expect(html).toContain('<td>2026-03-03 09:30</td><td>Lobby, left of the entrance</td><td>Gym</td><td>Very unhappy</td><td>Long wait, Not clean</td>');
    expect(html).toContain('<td>Very happy</td>');
    expect(html).toContain('href="/admin/export/ratings.csv?from=2026-02-03&amp;to=2026-03-04"');
    expect(html).toContain('href="/admin/export/suggestions.csv"');
  });

  it('takes a chosen period and says plainly when the dates are wrong', async () => {
    const b = new Browser(hub, '203.0.113.22');
    await b.login();
    const day = await b.get('/admin/feedback?from=2026-03-04&to=2026-03-04&lang=en');
    expect(day.html).toContain('<strong data-testid="overall-index">100%</strong>');
    const jan = await b.get('/admin/feedback?from=2026-01-01&to=2026-01-31&lang=en');
    expect(jan.html).toContain('<strong data-testid="overall-index">0%</strong>');
    for (const q of ['from=2026-02-30', 'from=2026-03-05&to=2026-03-01', 'to=yesterday', 'from=2024-01-01&to=2026-01-01']) {
      const bad = await b.get(`/admin/feedback?${q}`);
      expect(bad.res.status).toBe(400);
      expect(bad.html).toContain('Enter the period as two dates YYYY-MM-DD');
    }
  });

  it('exports the period\'s ratings as CSV with local time and the misuse flag', async () => {
    const b = new Browser(hub, '203.0.113.23');
    await b.login();
    const res = await hub.request('/admin/export/ratings.csv?from=2026-03-03&to=2026-03-04', { headers: { cookie: `wsc_admin=${b.cookie('wsc_admin')}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="ratings-2026-03-03-to-2026-03-04.csv"');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('id,time,local time,kiosk,topic,score,reasons,misuse');
    expect(lines).toHaveLength(9); // header, 7 ratings, the empty string after the last CRLF
    expect(lines[2]).toBe(`${lowId},2026-03-03T01:30:00.000Z,2026-03-03 09:30,lobby-1,gym,0,waiting dirty,`);
    expect(lines.slice(1).filter((l) => l.endsWith(',misuse'))).toHaveLength(4);
  });

  it('sends a visitor without a session from the export to the login page', async () => {
    const res = await hub.request('/admin/export/ratings.csv');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/login');
  });
});
