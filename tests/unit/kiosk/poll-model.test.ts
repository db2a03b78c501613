import { computed, signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import { encodeVoters } from '../../../src/domain/polls';
import type { SnapshotPoll } from '../../../src/domain/protocol';
import type { JournalRecord } from '../../../src/kiosk/data/journal';
import { deriveKnowledge } from '../../../src/kiosk/state/checkin/checkin-knowledge';
import { createPollModel, derivePolls, deriveVoteDecision } from '../../../src/kiosk/state/feedback/poll-model';
import type { Connection } from '../../../src/kiosk/state/sync/snapshot-model';
import { feedbackPorts } from './feedback-fakes';
import { CARD, T0, badge, kioskSnapshot } from './member-fixture';

// Polls at the kiosk (issue 16): choose, confirm with a badge or card, and be told at once what
// happened, judged with the hub's rule against what this kiosk knows.

const HOUR = 3_600_000;
const label = (s: string) => ({ 'zh-CN': s, en: s });
const poll = (over: Partial<SnapshotPoll> = {}): SnapshotPoll => ({
  id: '0190f0f0-0000-7000-8000-00000000aaaa', question: label('食堂晚餐延长到几点？'),
  options: [{ id: 'o1', label: label('19:00') }, { id: 'o2', label: label('20:00') }, { id: 'o3', label: label('21:00') }],
  multiple: false, changeable: false,
  opensAt: new Date(T0 - HOUR).toISOString(), closesAt: new Date(T0 + 24 * HOUR).toISOString(), voters: '', result: null, ...over,
});

async function voting(polls: SnapshotPoll[], connection: Connection = 'online') {
  const k = await kioskSnapshot();
  const f = feedbackPorts({ badgeKeys: k.badgeKeys, cardMap: k.cardMap, revokedMembers: [], polls }, T0);
  const records = signal<readonly JournalRecord[]>([]);
  const knowledge = computed(() => deriveKnowledge(null, records.value, '2026-05-12', 'Asia/Shanghai'));
  const model = createPollModel({
    ...f.ports, now: signal(T0), connection: signal(connection), knowledge, records: { add: (list) => (records.value = [...records.value, ...list]) },
  });
  model.open();
  return { ...f, model, records };
}

describe('polls at the kiosk', () => {
  it('lists open polls, closing soonest first, and closed ones only with a published result', () => {
    const later = poll({ id: 'b', closesAt: new Date(T0 + 48 * HOUR).toISOString() });
    const sooner = poll({ id: 'a' });
    const closed = poll({ id: 'c', closesAt: new Date(T0 - 1).toISOString() });
    const published = poll({ id: 'd', closesAt: new Date(T0 - 1).toISOString(), result: { counts: [1, 2, 0], voters: 3 } });
    const view = derivePolls({ polls: [later, closed, published, sooner] } as never, T0);
    expect(view.open.map((p) => p.id)).toEqual(['a', 'b']);
    expect(view.results.map((p) => p.id)).toEqual(['d']);
  });

  it('records a vote confirmed with a badge, after the visit, and says it counted', async () => {
    const { model, sink, records } = await voting([poll()]);
    model.select(poll().id);
    model.toggle('o2');
    model.toggle('o3'); // a single-choice poll keeps the last tap
    expect(model.choices.value).toEqual(['o3']);
    model.askToSign();
    expect(model.waiting.value).toBe(true);
    await model.scan(await badge(), 'camera');
    expect(sink.calls.map((c) => c.kind)).toEqual(['visit', 'poll_vote']);
    expect(sink.calls[1]!.payload).toEqual({ identity: { via: 'badge', memberId: '42', badgeId: expect.any(String) }, pollId: poll().id, choices: ['o3'] });
    expect(model.outcome.value).toEqual({ code: 'counted', offline: false, name: '张*明' });
    expect(records.value).toMatchObject([{ kind: 'poll_vote', subject: '42', pollId: poll().id }]);
  });

  it('tells a member who voted here before that they already voted, and sends no second vote', async () => {
    const { model, sink, time } = await voting([poll()]);
    model.select(poll().id);
    model.toggle('o1');
    model.askToSign();
    await model.scan(await badge(), 'camera');
    await time.advance(10_000);
    expect(model.step.value).toBe('finished');
    model.open();
    model.select(poll().id);
    model.toggle('o2');
    model.askToSign();
    await model.scan(await badge(), 'camera');
    expect(model.outcome.value?.code).toBe('already_voted');
    expect(sink.calls.filter((c) => c.kind === 'poll_vote')).toHaveLength(1);
  });

  it('tells a member the snapshot lists as a voter (another kiosk) that they already voted', async () => {
    const { model, sink } = await voting([poll({ voters: encodeVoters([42]) })]);
    model.select(poll().id);
    model.toggle('o1');
    model.askToSign();
    await model.scan(await badge(), 'camera');
    expect(model.outcome.value?.code).toBe('already_voted');
    expect(sink.calls.map((c) => c.kind)).toEqual(['visit']);
  });

  it('changes a vote when the poll allows it', () => {
    const p = poll({ changeable: true, voters: encodeVoters([7, 42]) });
    expect(deriveVoteDecision(p, '42', T0, new Map())).toBe('changed');
    expect(deriveVoteDecision(p, '8', T0, new Map())).toBe('counted');
    expect(deriveVoteDecision(poll(), '7', T0, new Map([[poll().id, new Map([['7', T0 - 1]])]]))).toBe('already_voted');
    expect(deriveVoteDecision(poll(), '7', T0 + 25 * HOUR, new Map())).toBe('closed');
  });

  it('says the vote is kept on the kiosk when it is offline', async () => {
    const { model } = await voting([poll({ multiple: true })], 'offline');
    model.select(poll().id);
    model.toggle('o1');
    model.toggle('o3');
    model.toggle('o1');
    expect(model.choices.value).toEqual(['o3']);
    model.askToSign();
    await model.scan(CARD, 'wedge');
    expect(model.outcome.value).toMatchObject({ code: 'counted', offline: true });
  });

  it('refuses to confirm with nothing chosen, and a card that names no member cannot vote', async () => {
    const { model, sink } = await voting([poll()]);
    model.select(poll().id);
    model.askToSign();
    expect(model.step.value).toBe('choose');
    model.toggle('o1');
    model.askToSign();
    await model.scan('99999999', 'wedge');
    expect(model.step.value).toBe('sign');
    expect(model.signError.value).toBe('unknown_member');
    expect(sink.calls.map((c) => c.kind)).toEqual(['scan_failed']);
    model.back();
    expect(model.step.value).toBe('choose');
    expect(model.choices.value).toEqual(['o1']);
  });

  it('keeps the choice and offers to confirm again when the kiosk cannot save the vote', async () => {
    const { model, sink } = await voting([poll()]);
    model.select(poll().id);
    model.toggle('o2');
    model.askToSign();
    sink.fail('storage_full');
    await model.scan(await badge(), 'camera');
    // the visit before the vote could not be written either: the sign step says so and waits
    expect(model.step.value).toBe('sign');
    expect(model.signError.value).toBe('not_saved');
    expect(model.choices.value).toEqual(['o2']);
    expect(model.outcome.value).toBeNull();
  });
});
