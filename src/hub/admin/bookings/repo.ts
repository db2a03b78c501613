import { addDays, bookingDayOf, bookingRulesOfKind, holdsPlace, overlaps, slotsOfDay, zonedToEpoch, type BookingRules, type CenterConfig, type Interval } from '../../../domain/index';
import { listBookings, listNoShows, listSuspensions, SELECT_BOOKINGS, toBookingRow, type BookingRow, type NoShowRow, type SuspensionRow } from '../../bookings/repo';
import { isoOf, isoOrNull, type Queryable } from '../../db/port';
import { listEntries, type StoredEntry } from '../../schedule/repo';

// What staff read on the Bookings page and in its CSV: a week of bookings and blocks as grids per
// facility kind, refused offline bookings, no-shows, suspensions and class places. Reads only; the
// writes (staff cancel, blocks, lifting a suspension) are the hub's booking repo's (src/hub/bookings).

const DAY = 86_400_000;
const ms = (v: unknown) => Date.parse(isoOf(v));
const msOrNull = (v: unknown) => { const iso = isoOrNull(v); return iso === null ? null : Date.parse(iso); };

/** Bookings the hub refused at sync (made offline, then the slot was taken or a rule said no), decided since `since`, newest first. */
export async function refusedSince(db: Queryable, since: number): Promise<BookingRow[]> {
  const rows = await db.query<Parameters<typeof toBookingRow>[0]>(
    `${SELECT_BOOKINGS} WHERE b.status = 'refused' AND b.decided_at >= $1 ORDER BY b.decided_at DESC, b.id LIMIT 500`,
    [new Date(since)],
  );
  return rows.map(toBookingRow);
}

/** How staff read a member here: masked name and member number, as on the Today page. */
export interface MemberRef { readonly memberNo: string; readonly maskedName: string }

export interface PlaceView { readonly id: string; readonly member: MemberRef; readonly at: number; readonly promotedAt: number | null }
export interface ClassPlacesView { readonly entry: StoredEntry; readonly reserved: readonly PlaceView[]; readonly waitlist: readonly PlaceView[] }

/** Classes starting in [from, to) that take reservations (a capacity), with who holds a place and who waits, first first. */
export async function classPlaces(db: Queryable, from: number, to: number): Promise<ClassPlacesView[]> {
  const entries = (await listEntries(db, from, to)).filter((e) => e.capacity !== null && !e.cancelled);
  if (entries.length === 0) return [];
  const rows = await db.query<{ id: string; entry_id: string; status: string; member_id: number; member_no: string; masked_name: string; requested_at: unknown; promoted_at: unknown }>(
    `SELECT r.id::text AS id, r.entry_id, r.status, r.member_id, m.member_no, m.masked_name, r.requested_at, r.promoted_at
       FROM class_reservations r JOIN members m ON m.id = r.member_id
      WHERE r.entry_id = ANY($1::text[]) AND r.status IN ('reserved', 'waitlisted') ORDER BY r.requested_at, r.id`,
    [entries.map((e) => e.id)],
  );
  const place = (r: (typeof rows)[number]): PlaceView => ({ id: r.id, member: { memberNo: r.member_no, maskedName: r.masked_name }, at: ms(r.requested_at), promotedAt: msOrNull(r.promoted_at) });
  return entries.map((entry) => ({
    entry,
    reserved: rows.filter((r) => r.entry_id === entry.id && r.status === 'reserved').map(place),
    waitlist: rows.filter((r) => r.entry_id === entry.id && r.status === 'waitlisted').map(place),
  }));
}

export type CellState = 'free' | 'freed' | 'confirmed' | 'checked_in' | 'block';
export interface GridCell extends Interval {
  readonly state: CellState;
  /** the booking or block holding the slot; for 'freed' the last one released (cancelled, no-show) */
  readonly booking: BookingRow | null;
}
export interface KindGrid {
  readonly kind: CenterConfig['facilityKinds'][number];
  readonly rules: BookingRules;
  readonly days: readonly string[];
  readonly slots: readonly Interval[];
  readonly facilities: readonly {
    readonly facility: CenterConfig['facilities'][number];
    /** one cell per slot of the chosen day */
    readonly cells: readonly GridCell[];
    /** per day of the week: what holds the facility that day, by start, and how many of its slots are free */
    readonly week: readonly { readonly day: string; readonly held: readonly BookingRow[]; readonly free: number; readonly slots: number }[];
  }[];
}

function cellOf(slot: Interval, mine: readonly BookingRow[]): GridCell {
  const holder = mine.find((b) => holdsPlace(b.status) && overlaps(b, slot));
  if (holder) return { ...slot, state: holder.status as CellState, booking: holder };
  const released = mine.filter((b) => (b.status === 'cancelled' || b.status === 'no_show' || b.status === 'block_lifted') && overlaps(b, slot));
  const last = released.sort((a, b) => (b.cancelledAt ?? b.decidedAt) - (a.cancelledAt ?? a.decidedAt))[0];
  return { ...slot, state: last ? 'freed' : 'free', booking: last ?? null };
}

/**
 * One grid per bookable facility kind: the chosen day's slots (facility rows × slot columns) and its
 * week from that day (day columns), from bookings already read for the whole week.
 */
export function kindGrids(config: CenterConfig, day: string, bookings: readonly BookingRow[]): KindGrid[] {
  const tz = config.center.timeZone;
  return config.facilityKinds.filter((k) => k.bookable).map((kind) => {
    const rules = bookingRulesOfKind(config.rules, config.facilityKinds, kind.id);
    const days = Array.from({ length: 7 }, (_, i) => addDays(day, i));
    const slots = slotsOfDay(day, tz, rules);
    return {
      kind, rules, days, slots,
      facilities: config.facilities.filter((f) => f.kind === kind.id).map((facility) => {
        const mine = bookings.filter((b) => b.facilityId === facility.id);
        const held = mine.filter((b) => holdsPlace(b.status));
        return {
          facility,
          cells: slots.map((s) => cellOf(s, mine)),
          week: days.map((d) => {
            const daySlots = slotsOfDay(d, tz, rules);
            return {
              day: d,
              held: held.filter((b) => daySlots.some((s) => overlaps(b, s))),
              free: daySlots.filter((s) => !held.some((b) => overlaps(b, s))).length,
              slots: daySlots.length,
            };
          }),
        };
      }),
    };
  });
}

/**
 * The window the page reads: the seven calendar days from the chosen one, stretched to the last slot of
 * a hall open past midnight; a block outside opening hours still shows in the list staff added it to.
 */
export function weekWindow(config: CenterConfig, day: string): { from: number; to: number } {
  const tz = config.center.timeZone;
  const lastEnds = config.facilityKinds.filter((k) => k.bookable)
    .map((k) => slotsOfDay(addDays(day, 6), tz, bookingRulesOfKind(config.rules, config.facilityKinds, k.id)).at(-1)?.endsAt ?? 0);
  return { from: zonedToEpoch(day, '00:00', tz), to: Math.max(zonedToEpoch(addDays(day, 7), '00:00', tz), ...lastEnds) };
}

export interface BookingsView {
  readonly day: string;
  readonly grids: readonly KindGrid[];
  /** every row of the chosen day (refused ones apart), by start and facility */
  readonly dayBookings: readonly BookingRow[];
  /** blocks that touch the week, lifted ones included */
  readonly blocks: readonly BookingRow[];
  /** the whole week, every status: the CSV */
  readonly week: readonly BookingRow[];
  readonly refused: readonly BookingRow[];
  readonly noShows: readonly NoShowRow[];
  readonly suspensions: readonly SuspensionRow[];
  readonly classes: readonly ClassPlacesView[];
}

export async function loadBookingsView(db: Queryable, config: CenterConfig, day: string, now: number): Promise<BookingsView> {
  const tz = config.center.timeZone;
  const { from, to } = weekWindow(config, day);
  const week = (await listBookings(db, from, to)).sort((a, b) => a.startsAt - b.startsAt || a.facilityId.localeCompare(b.facilityId));
  const dayOf = (b: BookingRow) => bookingDayOf(b.startsAt, tz, bookingRulesOfKind(config.rules, config.facilityKinds, b.facilityKind));
  return {
    day,
    grids: kindGrids(config, day, week),
    dayBookings: week.filter((b) => b.status !== 'refused' && dayOf(b) === day),
    blocks: week.filter((b) => b.memberId === null),
    week,
    refused: await refusedSince(db, now - 7 * DAY),
    noShows: await listNoShows(db, now - 30 * DAY),
    suspensions: await listSuspensions(db, now),
    classes: await classPlaces(db, now, now + 7 * DAY),
  };
}
