import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SnapshotSchema, type EventResult, type Snapshot } from '../../../src/domain/index';
import { insertSuggestions } from '../../../src/hub/feedback/store';
import { cardHash, insertMember } from '../../../src/hub/members/repo';
import { replyRead, suggestion } from '../../fixtures/events/make';
import { badge, card } from '../../fixtures/hub/checkin';
import { Browser, DB_KINDS, startTestHub, type TestHub } from './harness';
import { bearer, enrollKiosk } from './kiosk-auth';

// Issue 16: a signed suggestion's answer reaches its member, and no one else.

describe.each(DB_KINDS)('the workers’ voice answered on %s', (kind) => {
  let hub: TestHub;
  let token: string;
  let b: Browser;
  let csrf: string;
  let seq = 0;
  const ids: Record<string, number> = {};
  const snapshot = async () => {
    const body = await (await hub.request('/api/v1/snapshot', { headers: bearer(token) })).json();
    expect(v.safeParse(SnapshotSchema, body).issues).toBeUndefined();
    return body as Snapshot;
  };
  const post = async (events: unknown[]) => {
    const res = await hub.request('/api/v1/events', { method: 'POST', headers: bearer(token, { 'content-type': 'application/json' }), body: JSON.stringify({ events }) });
    expect(res.status).toBe(200);
    return ((await res.json()) as { results: EventResult[] }).results;
  };
  const signer = async (id: string) => (await hub.db.query<{ member_id: number | null }>('SELECT member_id FROM suggestions WHERE id = $1', [id]))[0]?.member_id;
  const reply = (id: string, text: string) => b.post(`/admin/suggestions/${id}`, { _csrf: csrf, status: 'answered', reply: text, back: 'all' });

  beforeAll(async () => {
    hub = await startTestHub(kind);
    token = await enrollKiosk(hub, 'lobby-1');
    b = new Browser(hub, '203.0.113.61');
    csrf = await b.login();
    for (const [no, name, c] of [['V1', '张小明', '55556666'], ['V2', '李四', null]] as const) {
      const made = await insertMember(hub.db, { memberNo: no, name, card: c }, hub.clock.now);
      if (!made.ok) throw new Error(made.error);
      ids[no] = made.value.id;
    }
  });
  afterAll(() => hub.cleanup());

  it('keeps who signed a suggestion, and puts the answer in the day part bound to that member only', async () => {
    const e = suggestion('lobby-1', ++seq, '更衣室柜子不够', badge(ids.V1!));
    expect(await post([e])).toEqual([{ id: e.id, status: 'applied' }]);
    expect(await signer(e.id)).toBe(ids.V1);
    expect((await snapshot()).replies).toEqual([]); // nothing answered yet
    expect((await reply(e.id, '已增加 20 个柜子')).res.status).toBe(303);
    const replies = (await snapshot()).replies!;
    expect(replies).toEqual([{ suggestionId: e.id, memberId: String(ids.V1), at: e.at, text: '更衣室柜子不够', reply: '已增加 20 个柜子', repliedAt: expect.any(String) }]);
    const { html } = await b.get('/admin/suggestions?lang=en');
    expect(html).toContain('Signed by 张*明 (V1)');
    expect(html).toContain('The member sees this answer on the member screen at their next scan.');
  });

  it('signs with a card the hub maps to the member', async () => {
    const e = suggestion('lobby-1', ++seq, '淋浴水温不稳', card(cardHash('55556666'), ids.V1!));
    await post([e]);
    expect(await signer(e.id)).toBe(ids.V1);
  });

  it('keeps a suggestion signed by someone the hub cannot vouch for, anonymous, with its text', async () => {
    const unmapped = suggestion('lobby-1', ++seq, '希望延长开放时间', card(cardHash('424242'), null));
    const forged = suggestion('lobby-1', ++seq, '希望增加瑜伽课', badge(987_654));
    expect((await post([unmapped, forged])).map((r) => r.status)).toEqual(['applied', 'applied']);
    expect(await signer(unmapped.id)).toBeNull();
    expect(await signer(forged.id)).toBeNull();
  });

  it('never sends the answer to an anonymous suggestion to any kiosk', async () => {
    const e = suggestion('lobby-1', ++seq, '停车位不够');
    await post([e]);
    await reply(e.id, '已与物业联系');
    expect((await snapshot()).replies!.map((r) => r.suggestionId)).not.toContain(e.id);
  });

  it('takes the member’s own read mark, refuses another member’s and one for no suggestion, and then no kiosk shows it', async () => {
    const e = suggestion('lobby-1', ++seq, '饮水机坏了', badge(ids.V1!));
    await post([e]);
    await reply(e.id, '已更换');
    expect((await snapshot()).replies!.map((r) => r.suggestionId)).toContain(e.id);
    const other = replyRead('lobby-1', ++seq, e.id, badge(ids.V2!));
    const nobody = replyRead('lobby-1', ++seq, '019a0000-0000-7000-8000-00000000dead', badge(ids.V1!));
    const own = replyRead('lobby-1', ++seq, e.id, badge(ids.V1!));
    expect(await post([other, nobody, own])).toEqual([
      { id: other.id, status: 'rejected', reason: 'not_your_suggestion' },
      { id: nobody.id, status: 'rejected', reason: 'unknown_suggestion' },
      { id: own.id, status: 'applied' },
    ]);
    expect((await snapshot()).replies!.map((r) => r.suggestionId)).not.toContain(e.id);
    expect((await b.get('/admin/suggestions?lang=en')).html).toContain('The member read this answer at a kiosk');
  });

  it('publishes an answered suggestion to “you said, we did” in staff’s words, with no names, until it is taken off', async () => {
    const e = suggestion('lobby-1', ++seq, '张小明：希望周末开放羽毛球场', badge(ids.V1!));
    await post([e]);
    await reply(e.id, '周六周日上午已开放两片场地');
    const empty = await b.post(`/admin/suggestions/${e.id}/publish`, { _csrf: csrf, back: 'all', saidZh: '', saidEn: '', didZh: '周末开放', didEn: '' });
    expect(empty.res.status).toBe(422);
    expect((await b.get('/admin/suggestions?lang=en')).html).toContain('“You said, we did” on the kiosks now');
    const res = await b.post(`/admin/suggestions/${e.id}/publish`, {
      _csrf: csrf, back: 'all', saidZh: '希望周末开放羽毛球场', saidEn: '', didZh: '周六周日上午已开放两片场地 <b>', didEn: 'Two courts open on weekend mornings',
    });
    expect(res.res.status).toBe(303);
    const board = (await snapshot()).board!;
    expect(board).toEqual([{
      id: expect.any(String), at: expect.any(String),
      said: { 'zh-CN': '希望周末开放羽毛球场', en: '希望周末开放羽毛球场' }, // no English: the Chinese shows
      did: { 'zh-CN': '周六周日上午已开放两片场地 <b>', en: 'Two courts open on weekend mornings' },
    }]);
    expect(JSON.stringify(board)).not.toContain('张'); // the writer's name in their text stays in the inbox
    expect((await b.get('/admin/suggestions?lang=en')).html).toContain('We did: Two courts open on weekend mornings');
    expect((await b.get('/admin/suggestions?lang=zh-CN')).html).toContain('周六周日上午已开放两片场地 &lt;b>'); // as text, never markup
    expect((await b.post(`/admin/suggestions/board/${board[0]!.id}/withdraw`, { _csrf: csrf })).res.status).toBe(303);
    expect((await snapshot()).board).toEqual([]);
    expect((await b.post(`/admin/suggestions/board/${board[0]!.id}/withdraw`, {})).res.status).toBe(403); // no CSRF token
  });

  it('marks a suggestion with no reply past the center’s days as overdue, counts them on the admin home, filters by topic and shows the days to a first reply', async () => {
    const day = 86_400_000;
    const old = (id: string, daysAgo: number, topic: string | null) => ({
      id, kioskId: null, source: 'phone' as const, at: new Date(hub.clock.now - daysAgo * day).toISOString(), topic, text: `旧建议 ${id.slice(-2)}`, contact: null,
    });
    await insertSuggestions(hub.db, [
      old('019a0000-0000-7000-8000-0000000000a1', 10, 'gym'), old('019a0000-0000-7000-8000-0000000000a2', 3, 'gym'), old('019a0000-0000-7000-8000-0000000000a3', 9, null),
    ]);
    const inbox = (await b.get('/admin/suggestions?lang=en')).html;
    // 7 days by default (rules.json suggestionReplyDays): the 10- and 9-day-old ones, not the 3-day-old one
    expect(inbox).toContain('2 suggestion(s) have had no reply for more than 7 days.');
    expect((inbox.match(/data-testid="overdue"/g) ?? []).length).toBe(2);
    expect(inbox).toContain('Overdue: no reply for 10 days.');
    expect((await b.get('/admin?lang=en')).html).toContain('2 suggestion(s) have had no reply for more than 7 days.');

    const gym = (await b.get('/admin/suggestions?status=all&topic=gym&lang=en')).html;
    expect(gym).toContain('旧建议 a1');
    expect(gym).not.toContain('旧建议 a3');
    expect((await b.get('/admin/suggestions?status=all&topic=overall&lang=en')).html).toContain('旧建议 a3');

    // answered now: no longer overdue; the first reply's days stay when the reply is edited later
    await reply('019a0000-0000-7000-8000-0000000000a1', '已安排');
    await reply('019a0000-0000-7000-8000-0000000000a1', '已安排，下周完成');
    const after = (await b.get('/admin/suggestions?status=all&topic=gym&lang=en')).html;
    expect(after).toContain('First answered 10 day(s) after it was written.');
    expect((await b.get('/admin?lang=en')).html).toContain('1 suggestion(s) have had no reply for more than 7 days.');
  });
});

