import { mapKey } from '../../../src/domain/card';
import { describe, expect, it } from 'vitest';
import { hashText } from '../../../src/kiosk/platform/hash';
import { CARD, T0, badge, kiosk, kioskSnapshot, memoryJournal, spin } from './member-fixture';
import { entry } from '../../fixtures/snapshot';

const MIN = 60_000;

describe('identifying a member', () => {
  it('records a visit and checks in automatically to the one class open now, then shows checked_in', async () => {
    const k = await kiosk();
    await k.model.scan(await badge(), 'camera');
    expect(k.kinds()).toEqual(['visit', 'class_checkin']);
    expect(k.sink.calls[0]!.payload).toEqual({ identity: { via: 'badge', memberId: '42', badgeId: `42@${T0 / 1000 - 86_400}` }, outcome: 'visit_recorded' });
    expect(k.sink.calls[1]!.payload).toMatchObject({ entryId: 'spin-1410', outcome: 'checked_in' });
    expect(k.model.outcome.value).toMatchObject({ code: 'checked_in', tone: 'success', offline: false });
    expect(k.model.session.value).toMatchObject({ name: '张*明', verified: true, subject: '42' });
    expect(k.model.options.value!.classes).toEqual([expect.objectContaining({ entryId: 'spin-1410', status: 'checked_in' })]);
  });

  it('records the visit once per center day: a second scan says visit_already_today and checks in nobody twice', async () => {
    const k = await kiosk();
    const token = await badge();
    await k.model.scan(token, 'camera');
    await k.advance(10_000);
    await k.model.scan(token, 'wedge');
    expect(k.kinds()).toEqual(['visit', 'class_checkin', 'visit']);
    expect(k.sink.calls[2]!.payload).toMatchObject({ outcome: 'visit_already_today' });
    expect(k.model.outcome.value).toMatchObject({ code: 'visit_already_today', tone: 'info' });
  });

  it('still knows today\'s own visit after a reload, from the journal', async () => {
    const journal = memoryJournal();
    const first = await kiosk({ journal });
    await first.model.scan(await badge(), 'camera');
    const again = await kiosk({ journal });
    await again.model.scan(await badge(), 'camera');
    expect(again.sink.calls[0]!.payload).toMatchObject({ outcome: 'visit_already_today' });
    expect(again.kinds()).toEqual(['visit']); // already in the class: nothing open to check in to
  });

  it('takes visits and attendance of other kiosks from the snapshot\'s today', async () => {
    const today = { day: '2026-05-12', visits: ['42'], attendance: [{ entryId: 'spin-1410', memberIds: ['42'] }], gym: [], names: {} };
    const k = await kiosk({ snapshot: await kioskSnapshot({ today }) });
    await k.model.scan(await badge(), 'camera');
    expect(k.kinds()).toEqual(['visit']);
    expect(k.sink.calls[0]!.payload).toMatchObject({ outcome: 'visit_already_today' });
  });

  it('lists the classes and checks in to none when two are open, and checks in to the one tapped', async () => {
    const other = entry({ id: 'yoga-1420', startsAt: '2026-05-12T06:20:00.000Z', endsAt: '2026-05-12T07:20:00.000Z' });
    const base = await kioskSnapshot();
    const k = await kiosk({ snapshot: { ...base, schedule: [...base.schedule, other] } });
    await k.model.scan(await badge(), 'camera');
    expect(k.kinds()).toEqual(['visit']);
    expect(k.model.outcome.value!.code).toBe('visit_recorded');
    expect(k.model.options.value!.classes.map((c) => [c.entryId, c.status])).toEqual([['spin-1410', 'open'], ['yoga-1420', 'open']]);
    await k.model.checkInClass('yoga-1420');
    expect(k.sink.calls[1]!.payload).toMatchObject({ entryId: 'yoga-1420', outcome: 'checked_in' });
  });

  it('refuses a full class with its own outcome, and records the refusal', async () => {
    const today = { day: '2026-05-12', visits: [], attendance: [{ entryId: 'spin-1410', memberIds: ['1', '2'] }], gym: [], names: {} };
    const k = await kiosk({ snapshot: await kioskSnapshot({ today }) });
    await k.model.scan(await badge(), 'camera');
    expect(k.sink.calls[1]!.payload).toMatchObject({ entryId: 'spin-1410', outcome: 'full' });
    expect(k.model.outcome.value).toMatchObject({ code: 'full', tone: 'refused' });
  });
});

describe('gym at the kiosk', () => {
  const noClass = async () => {
    const base = await kioskSnapshot();
    return { ...base, schedule: base.schedule.filter((e) => e !== spin) };
  };

  it('starts a session on the group tapped, then ends it when the member scans again', async () => {
    const k = await kiosk({ snapshot: await noClass() });
    const token = await badge();
    await k.model.scan(token, 'camera');
    await k.model.gym('rower');
    expect(k.sink.calls[1]!.payload).toMatchObject({ group: 'rower', outcome: 'session_started', steps: [{ action: 'session_start', group: 'rower', unit: 1 }] });
    k.model.forget();
    await k.advance(20 * MIN);
    await k.model.scan(token, 'camera');
    expect(k.kinds()).toEqual(['visit', 'gym', 'visit', 'gym']);
    expect(k.sink.calls[3]!.payload).toMatchObject({ outcome: 'session_ended', steps: [{ action: 'session_end', group: 'rower', unit: 1 }] });
    expect(k.model.outcome.value!.code).toBe('session_ended');
  });

  it('keeps the other groups waiting while the member is on a unit: one session at a time', async () => {
    const base = await noClass();
    const k = await kiosk({ snapshot: { ...base, equipment: [...base.equipment, { id: 'treadmill', name: { 'zh-CN': '跑步机', en: 'Treadmills' }, units: 2, outOfService: [] }] } });
    await k.model.scan(await badge(), 'camera');
    await k.model.gym('rower');
    expect(k.model.options.value!.gym.map((g) => [g.group, g.mine, g.elsewhere])).toEqual([['rower', 'session', false], ['treadmill', null, true]]);
  });

  it('claims a unit offered to the member on their scan (session_started, claimed)', async () => {
    // others on both rowers, 42 waiting; at 13:55 "1" ended, so rower 1 is offered to 42 until 14:00+
    const step = (id: string, memberId: string, action: string, unit: number | null, iso: string) => ({ id, memberId, action, group: 'rower', unit, at: iso });
    const today = {
      day: '2026-05-12', visits: [], attendance: [], names: { '42': '张*明' },
      gym: [
        step('a:0', '1', 'session_start', 1, '2026-05-12T05:30:00.000Z'),
        step('b:0', '2', 'session_start', 2, '2026-05-12T05:31:00.000Z'),
        step('c:0', '42', 'queue_join', null, '2026-05-12T05:50:00.000Z'),
        step('d:0', '1', 'session_end', 1, '2026-05-12T05:58:00.000Z'),
      ],
    } as const;
    const k = await kiosk({ snapshot: { ...(await noClass()), today: today as never } });
    await k.model.scan(await badge(), 'camera');
    expect(k.sink.calls[1]!.payload).toMatchObject({ outcome: 'session_started', steps: [{ action: 'claim', unit: 1 }] });
    expect(k.model.outcome.value!.outcome).toMatchObject({ outcome: 'session_started', claimed: true, unit: 1 });
  });

  it('queues a member when every unit is busy, and leaves the queue on request', async () => {
    const k = await kiosk({ snapshot: await noClass() });
    for (const [id, member] of [['7', '李*'], ['8', '王*']] as const) {
      await k.model.scan(await badge({ memberId: id, name: member }), 'camera');
      await k.model.gym('rower');
    }
    await k.model.scan(await badge(), 'camera');
    await k.model.gym('rower');
    expect(k.model.outcome.value!.outcome).toMatchObject({ outcome: 'queued', position: 1 });
    expect(k.model.options.value!.queue).toEqual({ group: 'rower', position: 1 });
    await k.model.leaveQueue();
    expect(k.sink.calls.at(-1)!.payload).toMatchObject({ outcome: 'queue_left', steps: [{ action: 'queue_leave', group: 'rower', unit: null }] });
    expect(k.model.options.value!.queue).toBeNull();
  });
});

describe('keypad and cards', () => {
  it('records a keypad number as an unverified visit only, even with a class open', async () => {
    const k = await kiosk();
    await k.model.keypad('1234');
    expect(k.kinds()).toEqual(['visit']);
    expect(k.sink.calls[0]!.payload).toEqual({ identity: { via: 'keypad', memberNo: '1234' }, outcome: 'visit_recorded' });
    expect(k.model.session.value).toMatchObject({ verified: false, name: null });
    expect(k.model.options.value).toEqual({ verified: false, presented: false, classes: [], gym: [], queue: null, bookings: null });
    await k.model.checkInClass('spin-1410');
    expect(k.kinds()).toEqual(['visit']);
  });

  it('ignores a keypad entry that is not digits', async () => {
    const k = await kiosk();
    await k.model.keypad('12a');
    await k.model.keypad('');
    expect(k.kinds()).toEqual([]);
  });

  it('identifies a card from the card map by its hash, verified, with the masked name', async () => {
    const k = await kiosk();
    await k.model.scan(` ${CARD} `, 'wedge');
    expect(k.sink.calls[0]!.payload).toMatchObject({ identity: { via: 'card', memberId: '7' }, outcome: 'visit_recorded' });
    expect(JSON.stringify(k.sink.calls)).not.toContain(CARD);
    expect(k.model.session.value).toMatchObject({ name: '李*', verified: true });
  });

  it('accepts an unknown card offline as unverified, marked offline', async () => {
    const k = await kiosk();
    k.connection.value = 'offline';
    await k.model.scan('99887766', 'wedge');
    expect(k.sink.calls[0]!.payload).toMatchObject({ identity: { via: 'card', memberId: null }, outcome: 'visit_recorded' });
    expect(k.model.session.value).toMatchObject({ verified: false, name: null });
    expect(k.model.outcome.value).toMatchObject({ offline: true });
  });

  it('refuses an unknown card online as unknown_member, logged as a failed scan', async () => {
    const k = await kiosk();
    await k.model.scan('99887766', 'wedge');
    expect(k.sink.calls).toEqual([{ kind: 'scan_failed', payload: { reason: 'unknown_member', source: 'wedge' } }]);
    expect(k.model.session.value).toBeNull();
  });
});

describe('the short badge (issue 11)', () => {
  const CODE = 'W2.KQ4TSNBRGUZDMYJT';
  const withCode = async (over: Partial<Awaited<ReturnType<typeof kioskSnapshot>>> = {}) => {
    const base = await kioskSnapshot();
    return kioskSnapshot({ cardMap: { ...base.cardMap, [mapKey(await hashText(CODE))]: { memberId: '42', maskedName: '张*明' } }, ...over });
  };

  it('identifies a short badge from the card map by its hash, as a verified badge, and checks in to the class open now', async () => {
    const k = await kiosk({ snapshot: await withCode() });
    await k.model.scan(CODE, 'camera');
    expect(k.kinds()).toEqual(['visit', 'class_checkin']);
    const key = await hashText(CODE);
    expect(k.sink.calls[0]!.payload).toEqual({ identity: { via: 'badge', memberId: '42', badgeId: `code:${key.slice(0, 16)}` }, outcome: 'visit_recorded' });
    expect(JSON.stringify(k.sink.calls)).not.toContain(CODE.slice(3)); // the secret never leaves the scan
    expect(k.model.session.value).toMatchObject({ name: '张*明', verified: true, subject: '42' });
  });

  it('reads the code typed in lower case by a 2D scanner with caps lock on', async () => {
    const k = await kiosk({ snapshot: await withCode() });
    await k.model.scan(CODE.toLowerCase(), 'wedge');
    expect(k.sink.calls[0]!.payload).toMatchObject({ identity: { via: 'badge', memberId: '42' } });
  });

  it('accepts a badge newer than the snapshot offline as unverified, sent by its key for the hub to resolve', async () => {
    const k = await kiosk();
    k.connection.value = 'offline';
    await k.model.scan(CODE, 'camera');
    expect(k.sink.calls[0]!.payload).toEqual({ identity: { via: 'card', memberId: null, cardKey: await hashText(CODE) }, outcome: 'visit_recorded' });
    expect(k.model.session.value).toMatchObject({ verified: false, name: null });
  });

  it('refuses online a code the map does not hold as revoked_badge (replaced by a new badge, or never issued)', async () => {
    const k = await kiosk();
    await k.model.scan(CODE, 'camera');
    expect(k.sink.calls).toEqual([{ kind: 'scan_failed', payload: { reason: 'revoked_badge', source: 'camera' } }]);
  });

  it('refuses a badge replaced by a new one even offline, where an unknown one would be taken as unverified', async () => {
    const k = await kiosk({ snapshot: await kioskSnapshot({ revokedBadges: [await hashText(CODE)] }) });
    k.connection.value = 'offline';
    await k.model.scan(CODE, 'camera');
    expect(k.sink.calls).toEqual([{ kind: 'scan_failed', payload: { reason: 'revoked_badge', source: 'camera' } }]);
    expect(k.model.outcome.value).toMatchObject({ code: 'revoked_badge', offline: true });
  });

  it('refuses the short badge of a member the snapshot lists as suspended', async () => {
    const base = await kioskSnapshot();
    const k = await kiosk({ snapshot: await kioskSnapshot({ cardMap: { ...base.cardMap, [mapKey(await hashText(CODE))]: { memberId: '13', maskedName: '王*' } } }) });
    await k.model.scan(CODE, 'camera');
    expect(k.sink.calls).toEqual([{ kind: 'scan_failed', payload: { reason: 'suspended_member', source: 'camera' } }]);
  });

  it('says malformed for our prefix with a broken body, and keeps the old signed badge working beside it', async () => {
    const k = await kiosk({ snapshot: await withCode() });
    await k.model.scan('W2.NOTABADGE', 'camera');
    expect(k.sink.calls[0]).toEqual({ kind: 'scan_failed', payload: { reason: 'malformed', source: 'camera' } });
    await k.advance(6_000);
    await k.model.scan(await badge(), 'camera');
    expect(k.sink.calls[1]!.payload).toMatchObject({ identity: { via: 'badge', memberId: '42', badgeId: `42@${T0 / 1000 - 86_400}` } });
  });
});

describe('bad codes and repeats', () => {
  it('logs a code that is not ours as scan_failed with the reason and source only, and keeps no session', async () => {
    const k = await kiosk();
    await k.model.scan('https://example.com/<b>hi</b>', 'camera');
    expect(k.sink.calls).toEqual([{ kind: 'scan_failed', payload: { reason: 'not_our_code', source: 'camera' } }]);
    expect(k.model.outcome.value).toMatchObject({ code: 'not_our_code', tone: 'failed' });
    expect(k.model.session.value).toBeNull();
  });

  it('refuses a tampered badge as bad_signature and an expired one as expired_badge', async () => {
    const k = await kiosk();
    const token = await badge();
    const forged = token.slice(0, -3) + (token.at(-3) === 'A' ? 'B' : 'A') + token.slice(-2);
    await k.model.scan(forged, 'camera');
    await k.model.scan(await badge({ issuedAt: T0 / 1000 - 400 * 86_400, expiresAt: T0 / 1000 - 86_400 }), 'camera');
    expect(k.sink.calls.map((c) => c.payload)).toEqual([{ reason: 'bad_signature', source: 'camera' }, { reason: 'expired_badge', source: 'camera' }]);
  });

  it('refuses the badge and the card of a member the snapshot lists as suspended, as suspended_member', async () => {
    const k = await kiosk();
    const base = await kioskSnapshot();
    k.snap.value = { ...base, revokedMembers: ['13', '7'] };
    await k.model.scan(await badge({ memberId: '13' }), 'camera');
    await k.model.scan(CARD, 'wedge');
    expect(k.sink.calls.map((c) => c.payload)).toEqual([{ reason: 'suspended_member', source: 'camera' }, { reason: 'suspended_member', source: 'wedge' }]);
    expect(k.model.outcome.value).toMatchObject({ code: 'suspended_member', tone: 'refused' });
  });

  it('acts on the same code once while it stays in sight, and again after 5 s out of sight', async () => {
    const k = await kiosk();
    const token = await badge();
    await k.model.scan(token, 'camera');
    for (let i = 0; i < 5; i++) {
      await k.advance(1_000);
      await k.model.scan(token, 'camera');
    }
    expect(k.kinds()).toEqual(['visit', 'class_checkin']);
    await k.advance(5_000);
    await k.model.scan(token, 'camera');
    expect(k.kinds()).toEqual(['visit', 'class_checkin', 'visit']);
  });

  it('says not_saved and opens no member screen when the outbox cannot write', async () => {
    const k = await kiosk();
    k.sink.fail('storage_full');
    await k.model.scan(await badge(), 'camera');
    expect(k.model.outcome.value).toMatchObject({ code: 'not_saved', tone: 'failed' });
    expect(k.model.session.value).toBeNull();
  });

  it('does nothing on a kiosk without the check-in feature', async () => {
    const k = await kiosk({ features: ['schedule'] });
    await k.model.scan(await badge(), 'camera');
    await k.model.keypad('1234');
    expect(k.kinds()).toEqual([]);
  });

  it('clears the outcome after a few seconds and forgets the member on request', async () => {
    const k = await kiosk();
    await k.model.scan(await badge(), 'camera');
    await k.advance(5_000);
    expect(k.model.outcome.value).toBeNull();
    k.model.forget();
    expect(k.model.session.value).toBeNull();
    expect(k.model.options.value).toBeNull();
  });
});

describe('the center’s answers on the member screen (issue 16)', () => {
  const answer = (suggestionId: string, memberId: string) => ({
    suggestionId, memberId, at: new Date(T0 - 5 * 86_400_000).toISOString(), text: '更衣室柜子不够', reply: '已增加 20 个柜子',
    repliedAt: new Date(T0 - 86_400_000).toISOString(),
  });
  const withReplies = () => kioskSnapshot({ replies: [answer('019a0000-0000-7000-8000-000000000001', '42'), answer('019a0000-0000-7000-8000-000000000002', '7')] });

  it('shows a member identified by badge their own answer, and marks it read with an event and a journal record', async () => {
    const k = await kiosk({ snapshot: await withReplies() });
    await k.model.scan(await badge(), 'camera');
    expect(k.model.replies.value.map((r) => r.suggestionId)).toEqual(['019a0000-0000-7000-8000-000000000001']);
    await k.model.markReplyRead('019a0000-0000-7000-8000-000000000001');
    const read = k.sink.calls.find((c) => c.kind === 'reply_read');
    expect(read?.payload).toEqual({ identity: { via: 'badge', memberId: '42', badgeId: expect.any(String) }, suggestionId: '019a0000-0000-7000-8000-000000000001' });
    expect(k.model.replies.value).toEqual([]);
    expect([...k.journal.rows.values()].some((r) => r.kind === 'reply_read')).toBe(true);
  });

  it('keeps an answer read here hidden after a reload, from the journal, until the hub drops it', async () => {
    const k = await kiosk({ snapshot: await withReplies() });
    await k.model.scan(await badge(), 'camera');
    await k.model.markReplyRead('019a0000-0000-7000-8000-000000000001');
    const again = await kiosk({ snapshot: await withReplies(), journal: k.journal });
    await again.model.scan(await badge(), 'camera');
    expect(again.model.replies.value).toEqual([]);
  });

  it('shows a card holder theirs only, and nothing to someone who typed a member number', async () => {
    const k = await kiosk({ snapshot: await withReplies() });
    await k.model.scan(CARD, 'wedge');
    expect(k.model.replies.value.map((r) => r.memberId)).toEqual(['7']);
    k.model.forget();
    await k.advance(10_000);
    await k.model.keypad('42');
    expect(k.model.session.value?.identity.via).toBe('keypad');
    expect(k.model.replies.value).toEqual([]);
  });

  it('does not mark an answer that is not the identified member’s', async () => {
    const k = await kiosk({ snapshot: await withReplies() });
    await k.model.scan(await badge(), 'camera');
    await k.model.markReplyRead('019a0000-0000-7000-8000-000000000002');
    expect(k.sink.calls.some((c) => c.kind === 'reply_read')).toBe(false);
  });
});
