import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { BOOKING_REFUSALS, bookingCode } from '../../../src/domain/booking';
import type { Snapshot } from '../../../src/domain/protocol';
import { LANGS, type Lang } from '../../../src/domain/text';
import { tMember } from '../../../src/kiosk/i18n/member-t';
import { t, type MessageKey } from '../../../src/kiosk/i18n/t';
import { PLACE_OUTCOMES, type PlaceOutcome } from '../../../src/domain/outcome';
import { deriveOutcomeView } from '../../../src/kiosk/state/checkin/member-model';
import { outcomeText } from '../../../src/kiosk/ui/checkin-format';
import { createLookup } from '../../../src/kiosk/ui/lookup';
import { AttractScreen } from '../../../src/kiosk/ui/screens/AttractScreen';
import { MemberScreen } from '../../../src/kiosk/ui/screens/MemberScreen';
import { T0, badge, kiosk, kioskSnapshot, spin } from './member-fixture';
import { entry } from '../../fixtures/snapshot';

// The member screen's bookings and class places, and the attract screen's notices, rendered to HTML
// from a real member model (the kiosk fixture at 14:00 Shanghai).

const noop = () => {};
const TZ = 'Asia/Shanghai';
const id = (n: number) => `019a8b2e-7c41-7d2a-9f3e-5b6c7d8e9f0${n}`;
const yoga = entry({ id: 'yoga-1830', startsAt: '2026-05-12T10:30:00.000Z', endsAt: '2026-05-12T11:30:00.000Z', capacity: 1 });
const pilates = entry({ id: 'pilates-1900', title: { 'zh-CN': '普拉提', en: 'Pilates' }, startsAt: '2026-05-12T11:00:00.000Z', endsAt: '2026-05-12T12:00:00.000Z', capacity: 1 });
const booking = (n: number, over: Partial<NonNullable<Snapshot['bookings']>[number]>) => ({
  id: id(n), facilityId: 'activity-room', startsAt: '2026-05-12T06:00:00.000Z', endsAt: '2026-05-12T07:00:00.000Z', memberId: '42',
  status: 'confirmed' as const, code: bookingCode(id(n)), refusal: null, cancelledBy: null, reason: null, ...over,
});

async function screen(over: Partial<Snapshot>, opts: { lang?: Lang; taps?: boolean } = {}) {
  const base = await kioskSnapshot();
  const snap: Snapshot = { ...base, schedule: [...base.schedule.filter((e) => e !== spin), yoga, pilates], ...over };
  const k = await kiosk({ snapshot: snap });
  await k.model.scan(await badge(), 'camera');
  const lang = opts.lang ?? 'en';
  const html = renderToString(
    <MemberScreen lang={lang} now={k.now.value} timeZone={TZ} lookup={createLookup(snap, lang)} connection="online" session={k.model.session.value!}
      options={k.model.options.value!} busy={false} onClass={noop} onGym={noop} onLeaveQueue={noop} onDone={noop} onToggleLang={noop} largeText={false} onToggleText={noop}
      bookingTaps={opts.taps === false ? undefined : k.model} />,
  );
  return { html, k };
}

const tag = (html: string, testid: string) => html.match(new RegExp(`<[^>]*data-testid="${testid}"[^>]*>`))?.[0] ?? '';

describe('bookings and class places on the member screen (rendered to HTML)', () => {
  it('lists each booking by code with its status and the buttons its time allows', async () => {
    const later = booking(2, { startsAt: '2026-05-12T10:00:00.000Z', endsAt: '2026-05-12T11:00:00.000Z' });
    const tomorrow = booking(3, { startsAt: '2026-05-13T10:00:00.000Z', endsAt: '2026-05-13T11:00:00.000Z' });
    const { html } = await screen({ bookings: [booking(1, { status: 'checked_in' }), later, tomorrow] });
    expect(tag(html, `my-booking-${bookingCode(id(1))}`)).toContain('data-status="checked_in"');
    expect(tag(html, `my-booking-${later.code}`)).toContain('data-status="confirmed"');
    expect(html).not.toContain(`data-testid="booking-cancel-${bookingCode(id(1))}"`);
    expect(html).toContain(`data-testid="booking-cancel-${later.code}"`);
    expect(html).not.toContain(`data-testid="booking-checkin-${later.code}"`);
    expect(html.match(/Check-in from 17:45/g)).toHaveLength(1); // tomorrow's line names its day, not the hour alone
    expect(html).toContain('Tomorrow 18:00–19:00');
    expect(html).toContain('Activity room');
    expect(html).toContain('Today 18:00–19:00');
  });

  it("says the hub refused a booking in the rule's words and staff cancelled one with their reason, as text", async () => {
    const { html } = await screen({
      bookings: [
        booking(1, { status: 'refused', refusal: 'slot_taken' }),
        booking(2, { startsAt: '2026-05-12T10:00:00.000Z', endsAt: '2026-05-12T11:00:00.000Z', status: 'cancelled', cancelledBy: 'staff', reason: '<b>floor</b> repair' }),
        booking(3, { startsAt: '2026-05-12T05:30:00.000Z', endsAt: '2026-05-12T06:30:00.000Z', status: 'no_show' }),
      ],
    });
    expect(tag(html, `my-booking-${bookingCode(id(3))}`)).toContain('data-status="no_show"');
    expect(html).toContain('Released: nobody checked in by 13:45');
    expect(tag(html, `my-booking-${bookingCode(id(1))}`)).toContain('data-status="refused"');
    expect(html).toContain('Not confirmed: the time was already taken by someone else');
    expect(html).toContain('Cancelled by staff: &lt;b>floor&lt;/b> repair');
    expect(html).not.toContain('<b>floor');
  });

  it('shows class places with status and position, and the classes to reserve or wait for', async () => {
    const reservations = [
      { id: id(3), entryId: 'yoga-1830', memberId: '7', status: 'reserved' as const, at: '2026-05-11T01:00:00.000Z', promotedAt: null },
      { id: id(4), entryId: 'yoga-1830', memberId: '42', status: 'waitlisted' as const, at: '2026-05-11T02:00:00.000Z', promotedAt: null },
    ];
    const { html } = await screen({ reservations });
    const place = tag(html, 'class-place-yoga-1830');
    expect(place).toContain('data-status="waitlisted"');
    expect(place).toContain('data-position="1"');
    expect(html).toContain('Waitlist no. 1');
    expect(html).toContain('data-testid="place-cancel-yoga-1830"');
    expect(tag(html, 'class-reserve-pilates-1900')).toContain('data-offer="reserve"');
    expect(html).toContain('1 place left');
    expect(html).not.toContain('data-testid="class-reserve-yoga-1830"');
  });

  it('offers the waitlist with its position when the class is full, and says when a place was won from the waitlist', async () => {
    const reservations = [
      { id: id(3), entryId: 'pilates-1900', memberId: '7', status: 'reserved' as const, at: '2026-05-11T01:00:00.000Z', promotedAt: null },
      { id: id(4), entryId: 'yoga-1830', memberId: '42', status: 'reserved' as const, at: '2026-05-11T02:00:00.000Z', promotedAt: '2026-05-12T05:00:00.000Z' },
    ];
    const { html } = await screen({ reservations }, { lang: 'zh-CN' });
    expect(tag(html, 'class-reserve-pilates-1900')).toContain('data-offer="waitlist"');
    expect(html).toContain('已满，加入候补（第 1 位）');
    expect(tag(html, 'class-place-yoga-1830')).toContain('data-promoted="true"');
    expect(html).toContain('您已从候补转为正式名额！');
  });

  it('keeps the buttons disabled while nothing can take the taps', async () => {
    const later = booking(2, { startsAt: '2026-05-12T10:00:00.000Z', endsAt: '2026-05-12T11:00:00.000Z' });
    const { html } = await screen({ bookings: [later] }, { taps: false });
    expect(tag(html, `booking-cancel-${later.code}`)).toContain('disabled');
    expect(tag(html, 'class-reserve-yoga-1830')).toContain('disabled');
  });
});

describe('place-freed notices on the attract screen', () => {
  it('names the masked member, the class and its time', async () => {
    const snap = await kioskSnapshot({ schedule: [yoga], notices: [{ kind: 'place_freed', entryId: 'yoga-1830', maskedName: '张*', at: '2026-05-12T05:50:00.000Z' }] });
    const k = await kiosk({ snapshot: snap });
    const html = renderToString(
      <AttractScreen lang="en" now={T0} timeZone={TZ} centerName="C" hasSnapshot nowNext={{ now: [], next: [] }} lookup={createLookup(snap, 'en')} features={[]}
        freshness={{ state: 'fresh', updated: null, warning: null }} connection="online" notices={k.model.notices.value} onOpen={noop} onToggleLang={noop} largeText={false} onToggleText={noop} />,
    );
    expect(html).toContain('data-testid="notice-place-freed"');
    expect(html).toContain('Place freed: 张* — Yoga 18:30');
  });
});

describe('words of booking taps', () => {
  it('has every booking tap outcome and every refusal rule in both languages', () => {
    for (const lang of LANGS) {
      for (const code of PLACE_OUTCOMES) expect(t(lang, `outcome.${code}` as MessageKey), `${lang} ${code}`).not.toMatch(/^outcome\./);
      for (const r of BOOKING_REFUSALS) expect(tMember(lang, `member.booking.refusal.${r}`), `${lang} ${r}`).toBeTruthy();
    }
  });

  it('fills the facility, day and times, or the class and waitlist position, into the outcome', async () => {
    const lookup = createLookup(await kioskSnapshot({ schedule: [yoga] }), 'en');
    const early: PlaceOutcome = { outcome: 'booking_too_early', offline: false, bookingId: id(1), facilityId: 'activity-room', startsAt: Date.parse('2026-05-12T10:00:00Z'), opensAt: Date.parse('2026-05-12T09:45:00Z') };
    expect(outcomeText('en', deriveOutcomeView(early, 1, false), lookup, TZ)).toBe('Activity room 18:00: check-in opens at 17:45');
    const waited: PlaceOutcome = { outcome: 'place_waitlisted', offline: true, entryId: 'yoga-1830', position: 3 };
    const v = deriveOutcomeView(waited, 2, true);
    expect(v).toMatchObject({ code: 'place_waitlisted', tone: 'info', offline: true });
    expect(outcomeText('en', v, lookup, TZ)).toBe('Yoga is full: you are no. 3 on the waitlist');
    const cancelled: PlaceOutcome = { outcome: 'booking_cancelled', offline: false, bookingId: id(1), facilityId: 'activity-room', startsAt: Date.parse('2026-05-13T10:00:00Z') };
    expect(outcomeText('zh-CN', deriveOutcomeView(cancelled, 3, false), createLookup(await kioskSnapshot(), 'zh-CN'), TZ)).not.toContain('{');
  });
});
