import type { Queryable } from './port';

// Every advisory lock the hub takes, in one place, so no two features can share a key by accident. Each
// is transaction-scoped (pg_advisory_xact_lock): COMMIT or ROLLBACK releases it, so a crash cannot leave
// one held. Single keys are the 7_241_0xx constants; locks on one of many things (a member, a facility, a
// class) use the two-key form, a namespace and the thing's id or hash. Taken in SQL, not here: 7_241_009,
// by migration 009's sync_log_* triggers (identity changes logged in commit order).

const MIGRATION = 7_241_001;
const SIGNING_KEYS = 7_241_004;
const CHECKIN = 7_241_005;
const CLASS_ENTRY = 7_241_006;
const BOOKING_MEMBER = 0x5b00c;
const BOOKING_FACILITY = 0x5b00f;
const POLL_VOTER = 0x5b0a7;

const one = (tx: Queryable, key: number) => tx.query('SELECT pg_advisory_xact_lock($1)', [key]);

/** Serialises migrations: two hubs starting on one PostgreSQL never apply the same one twice. */
export const lockMigrations = (tx: Queryable) => one(tx, MIGRATION);
/** Serialises making the badge signing key, so two starting hubs do not both make one. */
export const lockSigningKeys = (tx: Queryable) => one(tx, SIGNING_KEYS);
/** Serialises projecting check-ins (visits, class attendance, gym steps) in request order. */
export const lockCheckins = (tx: Queryable) => one(tx, CHECKIN);
/** One class's places: a reservation, a cancellation and the promotion of the waitlist, one at a time. */
export const lockClassEntry = (tx: Queryable, entryId: string) => tx.query('SELECT pg_advisory_xact_lock($1::int, hashtext($2))', [CLASS_ENTRY, entryId]);
/** One member's bookings, so two kiosks cannot both fit under one quota. */
export const lockBookingMember = (tx: Queryable, memberId: number) => tx.query('SELECT pg_advisory_xact_lock($1::int, $2::int)', [BOOKING_MEMBER, memberId]);
/** One facility's slots, taken right before a write that holds one (after the member's lock, always). */
export const lockFacility = (tx: Queryable, facilityId: string) => tx.query('SELECT pg_advisory_xact_lock($1::int, hashtext($2))', [BOOKING_FACILITY, facilityId]);
/** One room's timetable, so checking for an overlap and writing the entry are one step. */
export const lockRoom = (tx: Queryable, room: string) => tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`room:${room}`]);
/** One member's ballots in one poll: which of them counts is decided one ballot at a time (issue 16). */
export const lockPollVoter = (tx: Queryable, pollId: string, memberId: number) =>
  tx.query('SELECT pg_advisory_xact_lock($1::int, hashtext($2))', [POLL_VOTER, `${pollId}:${memberId}`]);
