import { addDays, zonedParts, zonedToEpoch, type CenterConfig, type SnapshotBooking } from '../../domain/index';
import type { Queryable } from '../db/port';
import { rulesOfFacilityKind } from './apply';
import { SELECT_BOOKINGS, toBookingRow } from './repo';

// What kiosks learn about bookings: every booking whose slot ends after the start of today, up to the
// farthest day any facility kind can be booked, in every status (the kiosk tells a member "refused" or
// "cancelled by staff" from it). Member ids only, never names.

/** The time span the snapshot's bookings cover at `now`: start of today to the end of the longest horizon. */
export function bookingWindow(config: CenterConfig, now: number): { from: number; to: number } {
  const tz = config.center.timeZone;
  const today = zonedParts(now, tz).date;
  const horizon = Math.max(1, ...config.facilityKinds.map((k) => rulesOfFacilityKind(config, k.id).horizonDays));
  // one more day: a hall open past midnight files its late slots under the day before
  return { from: zonedToEpoch(today, '00:00', tz), to: zonedToEpoch(addDays(today, horizon + 1), '00:00', tz) };
}

export async function bookingsForSnapshot(q: Queryable, config: CenterConfig, now: number): Promise<SnapshotBooking[]> {
  const { from, to } = bookingWindow(config, now);
  const rows = await q.query<Parameters<typeof toBookingRow>[0]>(
    `${SELECT_BOOKINGS} WHERE upper(b.during) > $1 AND lower(b.during) < $2 AND b.status <> 'block_lifted'
     ORDER BY lower(b.during), b.facility_id, b.id`,
    [new Date(from), new Date(to)],
  );
  return rows.map(toBookingRow).map((b) => ({
    id: b.id, facilityId: b.facilityId, startsAt: new Date(b.startsAt).toISOString(), endsAt: new Date(b.endsAt).toISOString(),
    memberId: b.memberId === null ? null : String(b.memberId),
    status: b.status === 'block_lifted' ? 'cancelled' : b.status,
    code: b.code, refusal: b.refusal, cancelledBy: b.cancelledBy, reason: b.reason,
  }));
}

/** Member id → until when, for booking suspensions in force at `now` (the latest one if several). */
export async function suspensionsForSnapshot(q: Queryable, now: number): Promise<Record<string, string>> {
  const rows = await q.query<{ member_id: number; until_at: Date }>(
    `SELECT member_id, max(until_at) AS until_at FROM booking_suspensions
     WHERE lifted_at IS NULL AND starts_at <= $1 AND until_at > $1 GROUP BY member_id ORDER BY member_id`,
    [new Date(now)],
  );
  return Object.fromEntries(rows.map((r) => [String(r.member_id), new Date(r.until_at).toISOString()]));
}
