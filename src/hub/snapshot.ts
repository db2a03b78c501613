import { createHash } from 'node:crypto';
import { addDays, zonedParts, zonedToEpoch, type CardMap, type CenterConfig, type ScheduleEntry, type Snapshot, type Today } from '../domain/index';

type Notice = NonNullable<Snapshot['notices']>[number];

/** The window a snapshot carries: from the start of today to the end of today + 7 days, center time. */
export function snapshotWindow(timeZone: string, now: number): { from: number; to: number } {
  const today = zonedParts(now, timeZone).date;
  return { from: zonedToEpoch(today, '00:00', timeZone), to: zonedToEpoch(addDays(today, 8), '00:00', timeZone) };
}

/**
 * What the kiosk needs to identify people and check them in offline (issue 4): the public keys, the
 * refused members, the card map and what the hub knows of the current day.
 */
export interface SnapshotIdentity {
  readonly badgeKeys: readonly { kid: number; publicKey: string }[];
  readonly revokedMembers: readonly string[];
  readonly cardMap?: CardMap;
  /** card-map keys of replaced short badges (issue 11) */
  readonly revokedBadges?: readonly string[];
  readonly today?: Today;
}

/** Bookings and class places (issue 5): what the hub decided, so every kiosk shows the same verdicts. */
export interface SnapshotBookings {
  readonly bookings: NonNullable<Snapshot['bookings']>;
  readonly bookingSuspensions: NonNullable<Snapshot['bookingSuspensions']>;
  readonly reservations?: NonNullable<Snapshot['reservations']>;
  readonly notices?: readonly Notice[];
  /** issue 16: answers to signed suggestions not yet read */
  readonly replies?: NonNullable<Snapshot['replies']>;
  /** issue 16: "you said, we did" */
  readonly board?: NonNullable<Snapshot['board']>;
  /** issue 16: open polls and published results */
  readonly polls?: NonNullable<Snapshot['polls']>;
}

export type SnapshotResult = { ok: true; snapshot: Snapshot } | { ok: false; error: 'unknown_kiosk' };

/**
 * Assembles what one kiosk needs from the config and the stored schedule. Pure: the clock is `now`.
 * `kioskId` null means the first kiosk file in name order (the config keeps them sorted).
 */
export function buildSnapshot(
  config: CenterConfig, kioskId: string | null, entries: readonly ScheduleEntry[], now: number, identity?: SnapshotIdentity,
  booking?: SnapshotBookings,
): SnapshotResult {
  const kiosk = kioskId === null ? config.kiosks[0] : config.kiosks.find((k) => k.id === kioskId);
  if (!kiosk) return { ok: false, error: 'unknown_kiosk' };
  const { $schema: _ignored, ...device } = kiosk;
  const content = {
    center: config.center,
    kiosk: { ...device, idleSeconds: device.idleSeconds ?? config.rules.idleSeconds },
    rules: config.rules,
    categories: config.categories,
    facilityKinds: config.facilityKinds,
    facilities: config.facilities,
    equipment: config.equipment,
    feedbackTopics: config.feedbackTopics,
    // only the wire fields: stored entries may carry more (template id, cancelledAt)
    schedule: entries.map((e) => ({
      id: e.id, category: e.category, title: e.title, startsAt: e.startsAt, endsAt: e.endsAt, room: e.room,
      instructor: e.instructor, capacity: e.capacity, placesLeft: e.placesLeft, cancelled: e.cancelled,
    })),
    // inside the hashed content: a new key or a suspension must reach kiosks as a new version
    ...(identity ? { badgeKeys: [...identity.badgeKeys], revokedMembers: [...identity.revokedMembers] } : {}),
    // hashed too: a new card, a visit, a check-in or a gym step is a new version kiosks pull
    ...(identity?.cardMap ? { cardMap: { ...identity.cardMap } } : {}),
    ...(identity?.revokedBadges ? { revokedBadges: [...identity.revokedBadges] } : {}),
    ...(identity?.today ? { today: identity.today } : {}),
    // hashed: a booking confirmed, refused or released must reach kiosks as a new version at once
    ...(booking ? { bookings: [...booking.bookings], bookingSuspensions: { ...booking.bookingSuspensions } } : {}),
    ...(booking?.reservations ? { reservations: [...booking.reservations] } : {}),
    ...(booking?.notices ? { notices: [...booking.notices] } : {}),
    ...(booking?.replies ? { replies: [...booking.replies] } : {}),
    ...(booking?.board ? { board: [...booking.board] } : {}),
    ...(booking?.polls ? { polls: [...booking.polls] } : {}),
  };
  // serverTime is left out of the hash, so an unchanged schedule keeps its version between polls
  const version = createHash('sha256').update(JSON.stringify(content)).digest('base64url').slice(0, 22);
  return { ok: true, snapshot: { version, serverTime: new Date(now).toISOString(), ...content } };
}
