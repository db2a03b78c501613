import { describe, expect, it } from 'vitest';
import { bookingCode } from '../../../src/domain/booking';
import { deriveBookTone } from '../../../src/kiosk/state/book/book-model';
import { TOMORROW, at, bookKiosk, bookSnapshot, hubBooking, iso } from './book-fixture';
import { CARD, badge } from './member-fixture';

const TEN = at(TOMORROW, '10:00');
const HOUR = 3_600_000;

async function atScanStep(opts: Parameters<typeof bookKiosk>[0] = {}) {
  const k = await bookKiosk(opts);
  k.model.chooseKind('badminton');
  k.model.chooseDay(TOMORROW);
  k.model.chooseSlot('badminton-1', TEN);
  return k;
}

describe('booking a court at the kiosk', () => {
  it('walks kind → day → slot → scan, writes one booking event for the badge holder and shows its code as pending', async () => {
    const k = await bookKiosk();
    expect(k.model.view.value.step).toBe('kind');
    expect(k.model.view.value.kinds.map((x) => x.id)).toEqual(['badminton', 'room']);
    k.model.chooseKind('badminton');
    expect(k.model.view.value).toMatchObject({ step: 'grid', day: '2026-05-12' });
    expect(k.model.view.value.days).toEqual(['2026-05-12', '2026-05-13', '2026-05-14', '2026-05-15', '2026-05-16', '2026-05-17', '2026-05-18']);
    k.model.chooseDay(TOMORROW);
    expect(k.model.waiting.value).toBe(false);
    k.model.chooseSlot('badminton-1', TEN);
    expect(k.model.view.value.step).toBe('scan');
    expect(k.model.waiting.value).toBe(true);

    await k.model.scan(await badge(), 'camera');
    expect(k.kinds()).toEqual(['visit', 'booking']);
    expect(k.sink.calls[0]!.payload).toMatchObject({ identity: { via: 'badge', memberId: '42' }, outcome: 'visit_recorded' });
    expect(k.visits).toEqual([expect.objectContaining({ kind: 'visit', subject: '42', name: '张*明' })]);
    expect(k.sink.calls[1]!.payload).toEqual({
      identity: { via: 'badge', memberId: '42', badgeId: expect.any(String) }, facilityId: 'badminton-1', startsAt: iso(TEN), endsAt: iso(TEN + HOUR),
    });
    const v = k.model.view.value;
    expect(v.step).toBe('result');
    expect(v.result).toMatchObject({ type: 'booked', facilityId: 'badminton-1', startsAt: TEN, name: '张*明', checkInFrom: TEN - 15 * 60_000, releaseMinutes: 15 });
    if (v.result?.type !== 'booked') throw new Error('not booked');
    expect(v.result.code).toBe(bookingCode(v.result.bookingId));
    expect(v.status).toBe('pending');
    expect(k.records.value).toEqual([expect.objectContaining({ kind: 'booking', id: v.result.bookingId, memberId: '42', facilityKind: 'badminton', startsAt: TEN })]);
    expect(k.flushes()).toBe(1);
    expect(k.model.waiting.value).toBe(false);
    expect(deriveBookTone(v.result)).toBe('success');
  });

  it('turns the confirmation confirmed when the snapshot lists the hub verdict, or refused with the rule', async () => {
    const k = await atScanStep();
    await k.model.scan(await badge(), 'camera');
    const r = k.model.view.value.result;
    if (r?.type !== 'booked') throw new Error('not booked');
    const listed = { id: r.bookingId, facilityId: 'badminton-1', startsAt: iso(TEN), endsAt: iso(TEN + HOUR), memberId: '42', code: r.code };
    k.snap.value = await bookSnapshot({ bookings: [hubBooking({ ...listed, status: 'confirmed' })] });
    expect(k.model.view.value.status).toBe('confirmed');
    k.snap.value = await bookSnapshot({ bookings: [hubBooking({ ...listed, status: 'refused', refusal: 'slot_taken' })] });
    expect(k.model.view.value).toMatchObject({ status: 'refused', hubRefusal: 'slot_taken' });
  });

  it('shows the booked slot as yours when the member goes back to the grid', async () => {
    const k = await atScanStep();
    await k.model.scan(await badge(), 'camera');
    k.model.back();
    expect(k.model.view.value.step).toBe('grid');
    expect(k.model.view.value.grid!.rows[0]!.cells.find((c) => c.startsAt === TEN)!.state).toBe('yours');
  });

  it('books with a mapped card the same way', async () => {
    const k = await atScanStep();
    await k.model.scan(CARD, 'wedge');
    expect(k.sink.calls[1]).toMatchObject({ kind: 'booking', payload: { identity: { via: 'card', memberId: '7' } } });
    expect(k.model.view.value.result).toMatchObject({ type: 'booked', name: '李*' });
  });
});

describe('refusals', () => {
  it('refuses a slot another kiosk took meanwhile as slot_taken, and writes nothing', async () => {
    const k = await atScanStep();
    k.snap.value = await bookSnapshot({ bookings: [hubBooking({ facilityId: 'badminton-1', startsAt: iso(TEN), endsAt: iso(TEN + HOUR) })] });
    await k.model.scan(await badge(), 'camera');
    expect(k.model.view.value.result).toMatchObject({ type: 'refused', code: 'slot_taken', facilityId: 'badminton-1', startsAt: TEN });
    expect(k.kinds()).toEqual(['visit']); // who it was is known: the visit counts, the booking is not asked for
    expect(k.records.value).toEqual([]);
  });

  it('refuses a second court of the same kind on the same day (quota_day)', async () => {
    const mine = hubBooking({ facilityId: 'badminton-2', startsAt: iso(at(TOMORROW, '18:00')), endsAt: iso(at(TOMORROW, '19:00')), memberId: '42' });
    const k = await atScanStep({ snapshot: await bookSnapshot({ bookings: [mine] }) });
    await k.model.scan(await badge(), 'camera');
    expect(k.model.view.value.result).toMatchObject({ type: 'refused', code: 'quota_day' });
  });

  it('refuses a suspended member and says until when', async () => {
    const until = at('2026-05-20', '09:00');
    const k = await atScanStep({ snapshot: await bookSnapshot({ bookingSuspensions: { '42': iso(until) } }) });
    await k.model.scan(await badge(), 'camera');
    expect(k.model.view.value.result).toMatchObject({ type: 'refused', code: 'suspended', allowsAt: until });
  });

  it('refuses a slot that started while the member was looking for their badge (past)', async () => {
    const k = await bookKiosk();
    k.model.chooseKind('badminton');
    k.model.chooseSlot('badminton-1', at('2026-05-12', '15:00'));
    await k.advance(HOUR + 60_000);
    await k.model.scan(await badge(), 'camera');
    expect(k.model.view.value.result).toMatchObject({ type: 'refused', code: 'past' });
  });

  it('does not book with a card the hub has not mapped, even offline where it identifies as unverified', async () => {
    const k = await atScanStep({ connection: 'offline' });
    await k.model.scan('0099999999', 'wedge');
    expect(k.model.view.value.result).toMatchObject({ type: 'refused', code: 'unverified_card' });
    expect(k.kinds()).toEqual(['visit']); // an unverified visit, as at check-in; the hub resolves the card
  });

  it('logs a code that is not ours as a failed scan (reason only) and says so', async () => {
    const k = await atScanStep();
    await k.model.scan('https://example.com/not-a-badge', 'camera');
    expect(k.sink.calls).toEqual([{ kind: 'scan_failed', payload: { reason: 'not_our_code', source: 'camera' } }]);
    expect(k.model.view.value.result).toMatchObject({ type: 'refused', code: 'not_our_code' });
  });

  it('says not_saved when the outbox refuses the write, and keeps no record', async () => {
    const k = await atScanStep();
    k.sink.fail('storage_full');
    await k.model.scan(await badge(), 'camera');
    const r = k.model.view.value.result!;
    expect(r).toMatchObject({ type: 'refused', code: 'not_saved' });
    expect(deriveBookTone(r)).toBe('failed');
    expect(k.records.value).toEqual([]);
    expect(k.flushes()).toBe(0);
  });
});

describe('what the model ignores', () => {
  it('ignores a scan before a slot is chosen, and a tap on a slot that is not free', async () => {
    const k = await bookKiosk({ snapshot: await bookSnapshot({ bookings: [hubBooking({ facilityId: 'badminton-1', startsAt: iso(TEN), endsAt: iso(TEN + HOUR) })] }) });
    k.model.chooseKind('badminton');
    k.model.chooseDay(TOMORROW);
    await k.model.scan(await badge(), 'camera');
    k.model.chooseSlot('badminton-1', TEN);
    expect(k.model.view.value.step).toBe('grid');
    expect(k.kinds()).toEqual([]);
  });

  it('acts once on a badge held up to the camera: frames while it is judged and after the result do nothing', async () => {
    const k = await atScanStep();
    const token = await badge();
    await Promise.all([k.model.scan(token, 'camera'), k.model.scan(token, 'camera'), k.model.scan(token, 'camera')]);
    await k.model.scan(token, 'camera');
    expect(k.kinds()).toEqual(['visit', 'booking']);
  });

  it('lets the badge just refused answer a new slot at once', async () => {
    const mine = hubBooking({ facilityId: 'badminton-2', startsAt: iso(at(TOMORROW, '18:00')), endsAt: iso(at(TOMORROW, '19:00')), memberId: '42' });
    const k = await atScanStep({ snapshot: await bookSnapshot({ bookings: [mine] }) });
    const token = await badge();
    await k.model.scan(token, 'camera');
    expect(k.model.view.value.result).toMatchObject({ code: 'quota_day' });
    k.model.back();
    k.model.chooseDay('2026-05-14');
    k.model.chooseSlot('badminton-1', at('2026-05-14', '10:00'));
    await k.model.scan(token, 'camera');
    expect(k.model.view.value.result).toMatchObject({ type: 'booked' });
    // the visit is recorded once a day: the second scan says so
    expect(k.sink.calls.filter((c) => c.kind === 'visit').map((c) => (c.payload as { outcome: string }).outcome)).toEqual(['visit_recorded', 'visit_already_today']);
  });

  it('forgets a result that arrives after a reset (idle while the write was under way)', async () => {
    const k = await atScanStep();
    k.sink.hold();
    const pending = k.model.scan(await badge(), 'camera');
    await new Promise((r) => setTimeout(r, 20));
    k.model.reset();
    await k.sink.release();
    await pending;
    expect(k.model.view.value).toMatchObject({ step: 'kind', result: null });
    expect(k.kinds()).toEqual(['visit', 'booking']);
  });
});
