import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeVoters, SnapshotSchema, type CenterConfig, type EventResult, type Snapshot } from '../../../src/domain/index';
import { cardHash, insertMember } from '../../../src/hub/members/repo';
import { pollVote } from '../../fixtures/events/make';
import { badge, card, keypad } from '../../fixtures/hub/checkin';
import { Browser, DB_KINDS, demoConfig, startTestHub, type TestHub } from './harness';
import { bearer, enrollKiosk } from './kiosk-auth';

// Issue 16, polls (意见征集): staff ask, members vote with a badge or card, the hub counts one vote per
// member whatever kiosks send and in whatever order, and a published result reaches the kiosks.

/** The demo config with 20 more kiosks like the lobby's, for 20 kiosks sending one member's vote at once. */
function configWithKiosks(): CenterConfig {
  const base = demoConfig();
  const lobby = base.kiosks.find((k) => k.id === 'lobby-1')!;
  return { ...base, kiosks: [...base.kiosks, ...Array.from({ length: 20 }, (_, i) => ({ ...lobby, id: `hall-${i + 1}`, name: `Hall ${i + 1}` }))] };
}

/** The data-* of every poll bar on the page, for one poll. */
function bars(html: string, pollId: string) {
  const chart = new RegExp(`<svg[^>]*data-testid="chart-poll" data-poll="${pollId}" data-voters="(\\d+)"[\\s\\S]*?</svg>`).exec(html);
  if (!chart) return null;
  const counts = [...chart[0].matchAll(/data-testid="poll-bar" data-option="(\d+)" data-count="(\d+)"/g)].map((m) => Number(m[2]));
  return { voters: Number(chart[1]), counts };
}

const form = (over: Record<string, string> = {}) => ({
  questionZh: '食堂晚餐延长到几点？', questionEn: 'Until when should the canteen serve dinner?',
  option1Zh: '19:00', option2Zh: '20:00', option3Zh: '21:00', opens: '2026-03-04T09:00', closes: '2026-03-11T09:00', ...over,
});

describe.each(DB_KINDS)('polls on %s', (kind) => {
  let hub: TestHub;
  let b: Browser;
  let csrf: string;
  const tokens = new Map<string, string>();
  const ids: Record<string, number> = {};
  let seq = 0;
  const snapshot = async () => {
    const body = await (await hub.request('/api/v1/snapshot', { headers: bearer(tokens.get('lobby-1')!) })).json();
    expect(v.safeParse(SnapshotSchema, body).issues).toBeUndefined();
    return body as Snapshot;
  };
  const post = async (events: unknown[], kiosk = 'lobby-1') => {
    const res = await hub.request('/api/v1/events', { method: 'POST', headers: bearer(tokens.get(kiosk)!, { 'content-type': 'application/json' }), body: JSON.stringify({ events }) });
    expect(res.status).toBe(200);
    return ((await res.json()) as { results: EventResult[] }).results;
  };
  /** Creates a poll through the admin form and returns its id. */
  const create = async (over: Record<string, string> = {}) => {
    const before = new Set((await hub.db.query<{ id: string }>('SELECT id FROM polls')).map((r) => String(r.id)));
    const { res } = await b.post('/admin/polls', { _csrf: csrf, ...form(over) });
    expect(res.status).toBe(303);
    const after = (await hub.db.query<{ id: string }>('SELECT id FROM polls')).map((r) => String(r.id)).filter((id) => !before.has(id));
    expect(after).toHaveLength(1);
    return after[0]!;
  };
  const counted = async (pollId: string) =>
    (await hub.db.query<{ member_id: number; event_id: string; decision: string }>('SELECT member_id, event_id, decision FROM poll_ballots WHERE poll_id = $1 AND counted ORDER BY member_id', [pollId]));
  const ballots = async (pollId: string) => Number((await hub.db.query<{ n: string | number }>('SELECT count(*) AS n FROM poll_ballots WHERE poll_id = $1', [pollId]))[0]!.n);

  beforeAll(async () => {
    hub = await startTestHub(kind, { config: configWithKiosks() });
    for (const id of ['lobby-1', 'gym-1', ...Array.from({ length: 20 }, (_, i) => `hall-${i + 1}`)]) tokens.set(id, await enrollKiosk(hub, id));
    b = new Browser(hub, '203.0.113.81');
    csrf = await b.login();
    for (const [no, name, c] of [['P1', '王小红', '77770001'], ['P2', '赵大力', null], ['P3', '孙丽', null], ['P4', '周强', null]] as const) {
      const made = await insertMember(hub.db, { memberNo: no, name, card: c }, hub.clock.now);
      if (!made.ok) throw new Error(made.error);
      ids[no] = made.value.id;
    }
  }, 60_000);
  afterAll(() => hub.cleanup());

  it('refuses a poll form with one option, or a closing time before the opening, and keeps what was typed', async () => {
    const one = await b.post('/admin/polls?lang=en', { _csrf: csrf, ...form({ option2Zh: '', option3Zh: '' }) });
    expect(one.res.status).toBe(422);
    expect(one.html).toContain('Give two to six options');
    expect(one.html).toContain('食堂晚餐延长到几点？');
    const backwards = await b.post('/admin/polls?lang=en', { _csrf: csrf, ...form({ closes: '2026-03-04T08:00' }) });
    expect(backwards.res.status).toBe(422);
    expect(backwards.html).toContain('the poll must close after it opens');
    const englishOnly = await b.post('/admin/polls?lang=en', { _csrf: csrf, ...form({ option4En: 'Never' }) });
    expect(englishOnly.res.status).toBe(422);
    expect(await hub.db.query('SELECT id FROM polls')).toEqual([]);
  });

  it('sends an open poll to the kiosks, with English falling back to the Chinese', async () => {
    const id = await create();
    const poll = (await snapshot()).polls!.find((p) => p.id === id)!;
    expect(poll).toMatchObject({
      question: { 'zh-CN': '食堂晚餐延长到几点？', en: 'Until when should the canteen serve dinner?' },
      options: [{ id: 'o1', label: { 'zh-CN': '19:00', en: '19:00' } }, { id: 'o2', label: { 'zh-CN': '20:00', en: '20:00' } }, { id: 'o3', label: { 'zh-CN': '21:00', en: '21:00' } }],
      multiple: false, changeable: false, voters: '', result: null,
    });
  });

  it('counts two members’ votes, keeps a second vote as a fact without counting it, and lists who voted for the kiosks', async () => {
    const id = await create({ questionZh: '健身房周日开放吗？' });
    const first = pollVote('lobby-1', ++seq, id, badge(ids.P1!), ['o1'], '2026-03-04T02:10:00.000Z');
    const other = pollVote('lobby-1', ++seq, id, card(cardHash('77770001'), ids.P1!), ['o2'], '2026-03-04T02:20:00.000Z');
    const second = pollVote('lobby-1', ++seq, id, badge(ids.P2!), ['o2'], '2026-03-04T02:15:00.000Z');
    expect((await post([first, second, other])).map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    expect((await counted(id)).map((r) => [r.member_id, r.event_id])).toEqual([[ids.P1, first.id], [ids.P2, second.id]]);
    expect(await ballots(id)).toBe(3);
    expect(decodeVoters((await snapshot()).polls!.find((p) => p.id === id)!.voters)).toEqual(new Set([String(ids.P1), String(ids.P2)]));
    const page = (await b.get('/admin/polls?lang=en')).html;
    expect(bars(page, id)).toEqual({ voters: 2, counts: [1, 1, 0] });
    expect(page).toContain('1 further vote(s) kept but not counted');
  });

  it('counts one vote for a member whose vote 20 kiosks send at once, the first one cast', async () => {
    const id = await create({ questionZh: '是否增设夜班班车？' });
    // cast over 20 minutes at 20 kiosks, sent in another order, all at once
    const votes = Array.from({ length: 20 }, (_, i) => pollVote(`hall-${i + 1}`, 1, id, badge(ids.P3!), [i % 2 === 0 ? 'o1' : 'o2'], new Date(Date.parse('2026-03-04T02:00:00Z') + ((i * 7) % 20) * 60_000).toISOString()));
    const results = await Promise.all(votes.map((e, i) => post([e], `hall-${i + 1}`)));
    expect(results.flat().map((r) => r.status)).toEqual(Array(20).fill('applied'));
    const one = await counted(id);
    expect(one).toHaveLength(1);
    const firstCast = votes.reduce((a, e) => (e.at < a.at ? e : a));
    expect(one[0]!.event_id).toBe(firstCast.id);
    expect(await ballots(id)).toBe(20);
  });

  it('moves the count to the later vote when the poll lets members change it, whatever order the votes arrive in', async () => {
    const id = await create({ questionZh: '新课程选哪个？', changeable: 'on', multiple: 'on' });
    const early = pollVote('hall-1', 2, id, badge(ids.P4!), ['o1', 'o3'], '2026-03-04T02:05:00.000Z');
    const late = pollVote('hall-2', 2, id, badge(ids.P4!), ['o2'], '2026-03-04T02:25:00.000Z');
    await post([late], 'hall-2');
    await post([early], 'hall-1'); // the older vote from a kiosk that was offline arrives last: it does not count
    expect((await counted(id)).map((r) => r.event_id)).toEqual([late.id]);
    const again = pollVote('hall-3', 2, id, badge(ids.P4!), ['o1', 'o2'], '2026-03-04T02:40:00.000Z');
    await post([again], 'hall-3');
    expect((await counted(id)).map((r) => [r.event_id, r.decision])).toEqual([[again.id, 'changed']]);
    expect(bars((await b.get('/admin/polls')).html, id)).toEqual({ voters: 1, counts: [1, 1, 0] });
  });

  it('refuses a vote by typed member number, for a poll nobody made, with an option the poll lacks, or from a kiosk without the suggestion box', async () => {
    const id = await create({ questionZh: '拒绝测试' });
    const typed = pollVote('lobby-1', ++seq, id, keypad('P1'), ['o1']);
    const unknownCard = pollVote('lobby-1', ++seq, id, card('ab'.repeat(32), null), ['o1']);
    const nobody = pollVote('lobby-1', ++seq, '0190f0f0-0000-7000-8000-000000000001', badge(ids.P1!), ['o1']);
    const badChoice = pollVote('lobby-1', ++seq, id, badge(ids.P1!), ['o9']);
    const two = pollVote('lobby-1', ++seq, id, badge(ids.P1!), ['o1', 'o2']); // a single-choice poll
    const reasons = (await post([typed, unknownCard, nobody, badChoice, two])).map((r) => (r.status === 'rejected' ? r.reason : r.status));
    // a typed number is not even a presented identity: the event's schema refuses it
    expect(reasons).toEqual(['invalid', 'unknown_member', 'unknown_poll', 'invalid', 'invalid']);
    const gym = await post([pollVote('gym-1', 1, id, badge(ids.P1!), ['o1'])], 'gym-1');
    expect(gym[0]).toMatchObject({ status: 'rejected', reason: 'feature_off' });
    expect(await ballots(id)).toBe(0);
  });

  it('keeps a vote cast after the poll closed without counting it, and shows a published result on the kiosks', async () => {
    const id = await create({ questionZh: '发布测试' });
    await post([pollVote('lobby-1', ++seq, id, badge(ids.P1!), ['o3'], '2026-03-04T02:01:00.000Z')]);
    expect((await b.post(`/admin/polls/${id}/publish`, { _csrf: csrf })).res.headers.get('location')).toBe('/admin/polls?problem=not_publishable');
    expect((await b.post(`/admin/polls/${id}/close`, { _csrf: csrf })).res.status).toBe(303);
    hub.clock.now += 60_000;
    const late = pollVote('lobby-1', ++seq, id, badge(ids.P2!), ['o1'], new Date(hub.clock.now).toISOString());
    expect((await post([late]))[0]!.status).toBe('applied');
    expect((await hub.db.query<{ counted: boolean; decision: string }>('SELECT counted, decision FROM poll_ballots WHERE event_id = $1', [late.id]))[0])
      .toEqual({ counted: false, decision: 'closed' });
    const closed = (await snapshot()).polls!.find((p) => p.id === id);
    expect(closed).toBeUndefined(); // closed and not published: no kiosk shows it
    expect((await b.post(`/admin/polls/${id}/publish`, { _csrf: csrf })).res.status).toBe(303);
    const shown = (await snapshot()).polls!.find((p) => p.id === id)!;
    expect(shown.result).toEqual({ counts: [0, 0, 1], voters: 1 });
    expect(shown.voters).toBe('');
    const page = (await b.get('/admin/polls?lang=en')).html;
    expect(page).toContain('The kiosks show this result');
    // the month's report for the union committee shows the poll closed this month, with its bars
    const report = (await b.get('/admin/report?lang=en')).html;
    expect(report).toContain('Polls closed this month');
    expect(bars(report, id)).toEqual({ voters: 1, counts: [0, 0, 1] });
    await b.post(`/admin/polls/${id}/unpublish`, { _csrf: csrf });
    expect((await snapshot()).polls!.find((p) => p.id === id)).toBeUndefined();
  });

  it('removes a poll that has not opened yet, and refuses to remove one that has', async () => {
    const later = await create({ questionZh: '明天开始的征集', opens: '2026-03-05T09:00' });
    const running = await create({ questionZh: '进行中的征集' });
    expect((await b.post(`/admin/polls/${running}/remove`, { _csrf: csrf })).res.headers.get('location')).toBe('/admin/polls?problem=not_removable');
    expect((await b.post(`/admin/polls/${later}/remove`, { _csrf: csrf })).res.status).toBe(303);
    expect(await hub.db.query('SELECT id FROM polls WHERE id = $1', [later])).toEqual([]);
    expect(await hub.db.query('SELECT id FROM polls WHERE id = $1', [running])).toHaveLength(1);
    expect((await b.get('/admin/polls?lang=en&problem=not_removable')).html).toContain('A poll can be removed only before it opens');
  });
});
