import { pick, type Lang } from '../../../domain/text';
import { addDays, zonedParts } from '../../../domain/time';
import type { BookingRow, MemberBookingsView, PlaceRow, ReserveOffer } from '../../state/book/member-bookings';
import { dateShort, dayName, timeOf } from '../format';
import type { Lookup } from '../lookup';
import '../member-bookings.css';
import { tMember } from '../../i18n/member-t';

// The member's facility bookings, class places and the classes they can still reserve (issue 5), on
// the member screen. Plain props; the buttons call back with the booking id or the class entry id.

export interface BookingTaps {
  checkInBooking(bookingId: string): void;
  cancelBooking(bookingId: string): void;
  reserve(entryId: string): void;
  cancelPlace(entryId: string): void;
}

export interface MyBookingsProps {
  readonly lang: Lang;
  readonly now: number;
  readonly timeZone: string;
  readonly lookup: Lookup;
  readonly view: MemberBookingsView;
  /** a decision is being written, or nobody wired the taps: the buttons wait */
  readonly busy: boolean;
  readonly taps: BookingTaps | undefined;
}

/** "Today", "Tomorrow", else the date. */
export function dayLabel(lang: Lang, at: number, now: number, timeZone: string): string {
  const date = zonedParts(at, timeZone).date;
  const today = zonedParts(now, timeZone).date;
  if (date === today) return dayName(lang, date, 0);
  return date === addDays(today, 1) ? dayName(lang, date, 1) : dateShort(lang, date);
}

/** "Today 18:00–19:00" */
export function whenText(lang: Lang, startsAt: number, endsAt: number, now: number, timeZone: string): string {
  return tMember(lang, 'member.booking.when', { day: dayLabel(lang, startsAt, now, timeZone), from: timeOf(startsAt, timeZone), to: timeOf(endsAt, timeZone) });
}

function bookingState(lang: Lang, b: BookingRow, now: number, timeZone: string): string {
  if (b.status === 'refused') return tMember(lang, 'member.booking.status.refused', { rule: tMember(lang, `member.booking.refusal.${b.refusal ?? 'slot_taken'}`) });
  if (b.status === 'no_show') return tMember(lang, 'member.booking.status.no_show', { time: timeOf(b.releasedAt, timeZone) });
  if (b.status === 'cancelled') return b.staffReason ? tMember(lang, 'member.booking.status.cancelled', { reason: b.staffReason }) : tMember(lang, 'member.booking.staffNoReason');
  // when check-in opens, for a booking later today (another day's line already names its day)
  const today = zonedParts(b.checkInOpensAt, timeZone).date === zonedParts(now, timeZone).date;
  if ((b.status === 'confirmed' || b.status === 'pending') && !b.canCheckIn && b.canCancel && today) {
    const status = tMember(lang, `member.booking.status.${b.status}`);
    return `${status} · ${tMember(lang, 'member.booking.checkInFrom', { time: timeOf(b.checkInOpensAt, timeZone) })}`;
  }
  return tMember(lang, `member.booking.status.${b.status}`);
}

function placeState(lang: Lang, r: PlaceRow): string {
  if (r.status === 'refused') return tMember(lang, `member.place.refused.${r.refusal ?? 'unknown'}`);
  if (r.status === 'pending') return r.held === 'waitlisted' ? tMember(lang, 'member.place.pendingWaitlisted', { position: r.position ?? '' }) : tMember(lang, 'member.place.pendingReserved');
  if (r.status === 'waitlisted') return tMember(lang, 'member.place.waitlisted', { position: r.position ?? '' });
  return r.promoted ? tMember(lang, 'member.place.promoted') : tMember(lang, 'member.place.reserved');
}

function BookingItem({ p, b }: { p: MyBookingsProps; b: BookingRow }) {
  const { lang } = p;
  const off = p.busy || !p.taps;
  return (
    <li class={`my-booking my-booking-${b.status}`} data-testid={`my-booking-${b.code}`} data-status={b.status}>
      <div class="my-booking-text">
        <span class="option-title">{p.lookup.room(b.facilityId)}</span>
        <span class="option-meta">{whenText(lang, b.startsAt, b.endsAt, p.now, p.timeZone)} · {tMember(lang, 'member.booking.code', { code: b.code })}</span>
        <span class="my-booking-state">{bookingState(lang, b, p.now, p.timeZone)}</span>
      </div>
      {(b.canCheckIn || b.canCancel) && (
        <div class="my-booking-buttons">
          {b.canCheckIn && (
            <button type="button" class="my-booking-checkin" data-testid={`booking-checkin-${b.code}`} disabled={off} onClick={() => p.taps?.checkInBooking(b.id)}>
              {tMember(lang, 'member.booking.checkIn')}
            </button>
          )}
          {b.canCancel && (
            <button type="button" class="my-booking-cancel" data-testid={`booking-cancel-${b.code}`} disabled={off} onClick={() => p.taps?.cancelBooking(b.id)}>
              {tMember(lang, 'member.booking.cancel')}
            </button>
          )}
        </div>
      )}
    </li>
  );
}

function PlaceItem({ p, r }: { p: MyBookingsProps; r: PlaceRow }) {
  const { lang } = p;
  return (
    <li class={`my-booking my-place-${r.status}${r.promoted ? ' my-place-promoted' : ''}`} data-testid={`class-place-${r.entryId}`}
      data-status={r.status} data-position={r.position ?? ''} data-promoted={String(r.promoted)}>
      <div class="my-booking-text">
        <span class="option-title">{pick(r.title, lang)}</span>
        <span class="option-meta">{timeOf(Date.parse(r.startsAt), p.timeZone)} · {p.lookup.room(r.room)}</span>
        <span class="my-booking-state">{placeState(lang, r)}</span>
      </div>
      {r.canCancel && (
        <div class="my-booking-buttons">
          <button type="button" class="my-booking-cancel" data-testid={`place-cancel-${r.entryId}`} disabled={p.busy || !p.taps} onClick={() => p.taps?.cancelPlace(r.entryId)}>
            {tMember(lang, 'member.place.cancel')}
          </button>
        </div>
      )}
    </li>
  );
}

function OfferItem({ p, o }: { p: MyBookingsProps; o: ReserveOffer }) {
  const { lang } = p;
  const starts = Date.parse(o.startsAt);
  return (
    <li>
      <button type="button" class={`member-option reserve-option reserve-${o.offer}`} data-testid={`class-reserve-${o.entryId}`} data-offer={o.offer}
        data-position={o.position ?? ''} disabled={p.busy || !p.taps} onClick={() => p.taps?.reserve(o.entryId)}>
        <span class="option-time">{timeOf(starts, p.timeZone)}</span>
        <span class="option-title">{pick(o.title, lang)}</span>
        <span class="option-meta">
          {dayLabel(lang, starts, p.now, p.timeZone)} · {p.lookup.room(o.room)}
          {o.offer === 'reserve' && ` · ${o.placesLeft === 1 ? tMember(lang, 'member.reserve.onePlace') : tMember(lang, 'member.reserve.places', { count: o.placesLeft })}`}
        </span>
        <span class="option-state">{o.offer === 'reserve' ? tMember(lang, 'member.reserve.reserve') : tMember(lang, 'member.reserve.waitlist', { position: o.position ?? '' })}</span>
      </button>
    </li>
  );
}

/** Sections for the member screen's grid; each appears only when it has something to show. */
export function MyBookings(p: MyBookingsProps) {
  const { lang, view } = p;
  const suspended = view.suspendedUntil;
  return (
    <>
      {(view.bookings.length > 0 || suspended !== null) && (
        <section class="member-section" aria-labelledby="member-bookings">
          <h2 id="member-bookings">{tMember(lang, 'member.bookings')}</h2>
          {suspended !== null && (
            <p class="member-note my-suspended" data-testid="booking-suspended">
              {tMember(lang, 'member.suspended', { date: dateShort(lang, zonedParts(suspended, p.timeZone).date), time: timeOf(suspended, p.timeZone) })}
            </p>
          )}
          <ul class="my-bookings">{view.bookings.map((b) => <BookingItem key={b.id} p={p} b={b} />)}</ul>
        </section>
      )}
      {view.places.length > 0 && (
        <section class="member-section" aria-labelledby="member-places">
          <h2 id="member-places">{tMember(lang, 'member.places')}</h2>
          <ul class="my-bookings">{view.places.map((r) => <PlaceItem key={r.entryId} p={p} r={r} />)}</ul>
        </section>
      )}
      {view.offers.length > 0 && (
        <section class="member-section" aria-labelledby="member-reserve">
          <h2 id="member-reserve">{tMember(lang, 'member.reserve')}</h2>
          <ul class="member-options">{view.offers.map((o) => <OfferItem key={o.entryId} p={p} o={o} />)}</ul>
        </section>
      )}
    </>
  );
}
