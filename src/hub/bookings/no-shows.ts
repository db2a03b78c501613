import { dueNoShows, suspensionAfter, type CenterConfig } from '../../domain/index';
import type { Db } from '../db/port';
import { rulesOfFacilityKind } from './apply';
import { lockBookingMember } from '../db/locks';

// Releasing no-shows (DESIGN §4.4): a confirmed booking nobody checked in to by noShowReleaseMinutesAfter
// its start frees its slot, is counted against its member, and the count may suspend them. It runs on
// the hub's timer and may run in two hub processes at once: the UPDATE … WHERE status = 'confirmed'
// lets exactly one of them release a booking, and the suspension is keyed by the no-show that caused
// it, so it is never made twice.

export interface Released {
  readonly bookingId: string;
  readonly memberId: number;
  /** until when the member is now suspended, when this no-show suspended them */
  readonly suspendedUntil: number | null;
}

/** Releases every due no-show at `now`, each in a transaction of its own; answers what this call did. */
export async function releaseNoShows(db: Db, config: CenterConfig, now: number): Promise<Released[]> {
  // started already: the per-kind rules say which of these are due
  const started = await db.query<{ id: string; member_id: number; facility_id: string; facility_kind: string; starts_at: Date; ends_at: Date }>(
    `SELECT id::text AS id, member_id, facility_id, facility_kind, lower(during) AS starts_at, upper(during) AS ends_at
     FROM bookings WHERE status = 'confirmed' AND lower(during) <= $1 ORDER BY lower(during), id`,
    [new Date(now)],
  );
  const due = started.filter((b) => dueNoShows([{
    id: b.id, facilityId: b.facility_id, kind: b.facility_kind, status: 'confirmed',
    startsAt: new Date(b.starts_at).getTime(), endsAt: new Date(b.ends_at).getTime(),
  }], now, rulesOfFacilityKind(config, b.facility_kind)).length === 1);
  const released: Released[] = [];
  for (const b of due) {
    const one = await db.transaction(async (tx) => {
      // the member's lock first, as applying their events takes it (the same order: no deadlock), so
      // their quotas and suspension are judged on settled facts
      await lockBookingMember(tx, b.member_id);
      const [row] = await tx.query<{ member_id: number }>(
        `UPDATE bookings SET status = 'no_show' WHERE id = $1 AND status = 'confirmed' RETURNING member_id`, [b.id],
      );
      if (!row) return null; // checked in, cancelled or released by the other process meanwhile
      await tx.query('INSERT INTO booking_no_shows (booking_id, member_id, at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [b.id, row.member_id, new Date(now)]);
      const noShows = await tx.query<{ at: Date }>('SELECT at FROM booking_no_shows WHERE member_id = $1', [row.member_id]);
      const until = suspensionAfter(noShows.map((n) => new Date(n.at).getTime()), now, rulesOfFacilityKind(config, b.facility_kind));
      if (until !== null) {
        await tx.query(
          `INSERT INTO booking_suspensions (member_id, starts_at, until_at, cause_booking_id) VALUES ($1, $2, $3, $4)
           ON CONFLICT (cause_booking_id) DO NOTHING`,
          [row.member_id, new Date(now), new Date(until), b.id],
        );
      }
      return { bookingId: b.id, memberId: row.member_id, suspendedUntil: until };
    });
    if (one) released.push(one);
  }
  return released;
}
