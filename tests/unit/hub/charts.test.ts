import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, uuidv7, weeklyIndex, zonedParts, type KioskEvent, type RatingFact } from '../../../src/domain/index';
import { applyBatch } from '../../../src/hub/events/apply';
import { insertSuggestions } from '../../../src/hub/feedback/store';
import { Browser, DB_KINDS, startTestHub, type TestHub } from './harness';

// Issue 16: the charts are SVG with their numbers in data-* attributes: the tests read the numbers.

const TZ = 'Asia/Shanghai';
/** The data-* of every <rect> with this test id (an empty value renders as a bare attribute). */
const attrs = (html: string, testid: string) =>
  [...html.matchAll(new RegExp(`<rect data-testid="${testid}"([^>]*)>`, 'g'))].map((m) => Object.fromEntries([...m[1]!.matchAll(/data-([a-z]+)(?:="([^"]*)")?/g)].map((a) => [a[1]!, a[2] ?? ''])));

describe.each(DB_KINDS)('the feedback charts on %s', (kind) => {
  let hub: TestHub;
  let b: Browser;
  beforeAll(async () => {
    hub = await startTestHub(kind);
    b = new Browser(hub, '203.0.113.71');
    await b.login();
  });
  afterAll(() => hub.cleanup());

  it('draw with no data: an empty heat map, no weekly bars, and twelve months of zeros', async () => {
    const feedback = (await b.get('/admin/feedback?lang=en')).html;
    const heat = attrs(feedback, 'heat-cell');
    expect(heat).toHaveLength(7 * 24);
    expect(heat.every((c) => c.count === '0' && c.index === '')).toBe(true);
    expect(feedback).toContain('data-testid="chart-weekly"');
    expect(attrs(feedback, 'week-bar')).toEqual([]);
    const months = attrs((await b.get('/admin/suggestions?lang=en')).html, 'month-received');
    expect(months).toHaveLength(12);
    expect(months.every((m) => m.count === '0')).toBe(true);
  });

  it('draw a year of ratings and suggestions with the figures the domain computes, and raise a topic whose last ratings are unhappy', async () => {
    const today = zonedParts(hub.clock.now, TZ).date;
    const first = addDays(today, -364);
    const facts: RatingFact[] = [];
    const rows: KioskEvent[] = [];
    let seq = 0;
    const rating = (at: number, topic: string | null, score: 0 | 1 | 2 | 3): KioskEvent => ({
      id: uuidv7(at, randomBytes(10)), kioskId: 'lobby-1', seq: ++seq, at: new Date(at).toISOString(), kind: 'rating', payload: { topic, score },
    });
    for (let d = 0; d < 365; d++) {
      for (let h = 8; h < 16; h++) {
        const at = Date.parse(`${addDays(first, d)}T${String(h).padStart(2, '0')}:00:00+08:00`);
        if (at > hub.clock.now) continue;
        const score = ((d + h) % 4) as 0 | 1 | 2 | 3;
        const topic = h % 2 === 0 ? 'gym' : null;
        facts.push({ at, score, topic, misuse: false });
        rows.push(rating(at, topic, score));
      }
    }
    // the courts' last 30 ratings: all unhappy (the alert's default window and threshold: 30, 60 %)
    for (let i = 0; i < 30; i++) {
      const at = hub.clock.now - (i + 1) * 1_800_000;
      facts.push({ at, score: 0, topic: 'courts', misuse: false });
      rows.push(rating(at, 'courts', 0));
    }
    // as kiosks send them: the ledger first, then the ratings it projects
    for (let i = 0; i < rows.length; i += 500) await applyBatch(hub.db, 'lobby-1', rows.slice(i, i + 500), hub.clock.now, () => {});
    const feedback = (await b.get(`/admin/feedback?from=${first}&to=${today}&lang=en`)).html;
    const heat = attrs(feedback, 'heat-cell');
    expect(heat.reduce((n, c) => n + Number(c.count), 0)).toBe(facts.length);
    const expected = weeklyIndex(facts, TZ);
    const bars = attrs(feedback, 'week-bar').filter((x) => x.count !== '0');
    expect(bars).toHaveLength(expected.cells.size);
    for (const bar of bars.slice(0, 20)) {
      const cell = expected.cells.get(`${bar.topic}|${bar.week}`)!;
      expect(Number(bar.count)).toBe(cell.count);
      expect(bar.index).toBe(cell.index!.toFixed(3));
    }
    expect(feedback).toMatch(/data-testid="alert-index" data-topic="courts" data-index="0\.000" data-count="30"/);
    expect((await b.get('/admin?lang=en')).html).toContain('Courts: only 0% happy over its last 30 ratings (below 60%).');

    // a suggestion a day for a year, every other one answered the next day
    const suggestions = [];
    for (let d = 0; d < 365; d++) {
      const at = Date.parse(`${addDays(first, d)}T09:00:00+08:00`);
      if (at > hub.clock.now) continue;
      suggestions.push({ id: uuidv7(at, randomBytes(10)), kioskId: null, source: 'phone' as const, at: new Date(at).toISOString(), topic: null, text: `建议 ${d % 2 === 0 ? 'even' : 'odd'} ${d}`, contact: null });
    }
    await insertSuggestions(hub.db, suggestions);
    await hub.db.query(`UPDATE suggestions SET reply = 'ok', replied_at = at + interval '1 day', first_replied_at = at + interval '1 day' WHERE text LIKE '建议 even %'`);
    const inbox = (await b.get('/admin/suggestions?lang=en')).html;
    const received = attrs(inbox, 'month-received');
    const answered = attrs(inbox, 'month-answered');
    const thisMonth = today.slice(0, 7);
    expect(received.map((m) => m.month).at(-1)).toBe(thisMonth);
    const inMonths = (iso: string) => received.some((m) => m.month === zonedParts(Date.parse(iso), TZ).date.slice(0, 7));
    expect(received.reduce((n, m) => n + Number(m.count), 0)).toBe(suggestions.filter((s) => inMonths(s.at)).length);
    const march = suggestions.filter((s) => zonedParts(Date.parse(s.at), TZ).date.startsWith(thisMonth)).length;
    expect(Number(received.at(-1)!.count)).toBe(march);
    const answeredAt = suggestions.filter((x) => x.text.startsWith('建议 even')).map((x) => new Date(Date.parse(x.at) + 86_400_000).toISOString());
    expect(answered.reduce((n, m) => n + Number(m.count), 0)).toBe(answeredAt.filter(inMonths).length);
  });

  it('prints a month on one page: its figures, the charts, and a month that is not one refused in plain words', async () => {
    const today = zonedParts(hub.clock.now, TZ).date;
    const month = today.slice(0, 7);
    const html = (await b.get('/admin/report?lang=en')).html;
    expect(html).toContain(`Monthly report ${month}`);
    const figure = (id: string) => new RegExp(`data-testid="${id}">([^<]*)<`).exec(html)?.[1];
    const inMonth = (await hub.db.query<{ n: string | number }>(
      `SELECT count(*) AS n FROM suggestions WHERE to_char(at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = $1`, [month]))[0]!.n;
    expect(figure('report-received')).toBe(String(inMonth));
    const ratings = (await hub.db.query<{ n: string | number }>(
      `SELECT count(*) AS n FROM ratings WHERE to_char(at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = $1`, [month]))[0]!.n;
    expect(figure('report-ratings')).toBe(String(ratings)); // spaced hours apart: none is misuse
    expect(figure('report-median')).toBe('1 day(s)'); // answered the day after
    for (const chart of ['chart-weekly', 'chart-heat', 'chart-monthly']) expect(html).toContain(`data-testid="${chart}"`);
    expect(html).toContain('@media print');
    const bad = await b.get('/admin/report?month=2026-13&lang=en');
    expect(bad.res.status).toBe(400);
    expect(bad.html).toContain('That is not a month.');
  });
});

