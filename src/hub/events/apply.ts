import type { CenterConfig, EventResult, KioskEvent, PayloadOf, RejectReason } from '../../domain/index';
import { applyBookingEvent, isBookingEvent, prepareBookingEvent } from '../bookings/apply';
import { applyReservationEvent, isReservationEvent, prepareReservationEvent } from '../reservations/apply';
import { isCheckinEvent, prepareCheckin, type Preparation } from '../checkin/prepare';
import { projectCheckins } from '../checkin/project';
import type { Db, Queryable } from '../db/port';
import { sha256 } from '../kiosks/tokens';

// Applying a kiosk's events: each in its own transaction, so a batch is never half an event, and each
// stored at most once, guaranteed by the events primary key (not by a check before the insert).

/** Stable JSON (sorted keys) so the same event always hashes the same, whatever the key order sent. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export const contentHash = (e: KioskEvent) => sha256(canonical(e));

async function project(tx: Queryable, e: KioskEvent): Promise<void> {
  switch (e.kind) {
    case 'rating': {
      const p: PayloadOf<'rating'> = e.payload;
      await tx.query('INSERT INTO ratings (event_id, kiosk_id, at, topic, score) VALUES ($1, $2, $3, $4, $5)', [e.id, e.kioskId, e.at, p.topic, p.score]);
      return;
    }
    case 'rating_reason':
      // a row of its own, not an UPDATE of the rating: it counts even if the rating is applied later.
      // The kiosk sends reasons once per rating; should a second set come, the later one is what staff
      // see. Keyed with the kiosk too, so another kiosk's event can neither claim nor overwrite them.
      await tx.query(
        `INSERT INTO rating_reasons (rating_id, kiosk_id, event_id, reasons) VALUES ($1, $2, $3, $4)
         ON CONFLICT (rating_id, kiosk_id) DO UPDATE SET event_id = EXCLUDED.event_id, reasons = EXCLUDED.reasons`,
        [e.payload.ratingId, e.kioskId, e.id, e.payload.reasons],
      );
      return;
    case 'suggestion':
      await tx.query(
        `INSERT INTO suggestions (id, kiosk_id, source, at, topic, text, contact, updated_at)
         VALUES ($1, $2, 'kiosk', $3, $4, $5, $6, $3)`,
        [e.id, e.kioskId, e.at, e.payload.topic, e.payload.text, e.payload.contact],
      );
      return;
  }
}

/**
 * A check-in event is judged before it is stored (a member, class or group that does not exist is
 * rejected); without the center's config it cannot be judged, so a caller without one gets `invalid`.
 */
export async function prepareIfCheckin(tx: Queryable, e: KioskEvent, config: CenterConfig | undefined): Promise<Preparation | null> {
  if (!isCheckinEvent(e)) return null;
  return config ? prepareCheckin(tx, config, e) : { ok: false, reason: 'invalid' };
}

/** A booking or class-place event judged before it is stored: why it never can be, or how to apply it. */
export type PlaceJudgement = { ok: false; reason: RejectReason } | { ok: true; apply(tx: Queryable): Promise<void> };

/** Booking and class-place events go one by one in the kiosk's order: each is judged on what the ones before it did. */
export const isPlaceEvent = (e: KioskEvent) => isBookingEvent(e) || isReservationEvent(e);

/**
 * A booking or class-place event is judged before it is stored too (a member, facility, class or
 * booking nobody has, someone else's booking); the rules themselves are applied after it is stored, in
 * the same transaction (bookings/apply.ts, reservations/apply.ts), where a refusal is kept, not rejected.
 */
export async function prepareIfPlace(tx: Queryable, e: KioskEvent, now: number, config: CenterConfig | undefined): Promise<PlaceJudgement | null> {
  if (!isPlaceEvent(e)) return null;
  if (!config) return { ok: false, reason: 'invalid' };
  if (isBookingEvent(e)) {
    const p = await prepareBookingEvent(tx, config, e);
    return p.ok ? { ok: true, apply: (t) => applyBookingEvent(t, config, p.value, now) } : p;
  }
  if (!isReservationEvent(e)) return null;
  const refused = await prepareReservationEvent(tx, config, e);
  return refused ?? { ok: true, apply: async (t) => { await applyReservationEvent(t, config, e, now); } };
}

/** Stores an event once: the primary key, not a look before, decides; true when this call stored it. */
export async function insertEvent(tx: Queryable, e: KioskEvent, hash: string, now: number): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO events (id, kiosk_id, seq, at, received_at, kind, payload, content_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING RETURNING id`,
    [e.id, e.kioskId, e.seq, e.at, new Date(now), e.kind, JSON.stringify(e.payload), hash],
  );
  return rows.length === 1;
}

export async function applyEvent(db: Db, kioskId: string, e: KioskEvent, now: number, config?: CenterConfig): Promise<EventResult> {
  if (e.kioskId !== kioskId) return { id: e.id, status: 'rejected', reason: 'kiosk_mismatch' };
  const hash = contentHash(e);
  return db.transaction(async (tx) => {
    const prepared = await prepareIfCheckin(tx, e, config);
    const place = await prepareIfPlace(tx, e, now, config);
    const refusal = prepared?.ok === false ? prepared.reason : place?.ok === false ? place.reason : null;
    if (refusal === null && (await insertEvent(tx, e, hash, now))) {
      await project(tx, e);
      if (prepared?.ok && config) await projectCheckins(tx, config, [prepared.value]);
      if (place?.ok) await place.apply(tx);
      return { id: e.id, status: 'applied' } as const;
    }
    const [existing] = await tx.query<{ content_hash: string }>('SELECT content_hash FROM events WHERE id = $1', [e.id]);
    // an event stored before is answered as such even if it would be refused now (a group since removed)
    if (!existing && refusal !== null) return { id: e.id, status: 'rejected', reason: refusal } as const;
    return existing?.content_hash === hash
      ? ({ id: e.id, status: 'duplicate' } as const)
      : ({ id: e.id, status: 'rejected', reason: 'id_conflict' } as const);
  });
}

/** A suggestion from the phone form: no kiosk outbox behind it, so the hub makes its id. */
export async function recordPhoneSuggestion(
  db: Queryable,
  s: { id: string; kioskId: string | null; topic: string | null; text: string; contact: string | null },
  now: number,
): Promise<void> {
  await db.query(
    `INSERT INTO suggestions (id, kiosk_id, source, at, topic, text, contact, updated_at)
     VALUES ($1, $2, 'phone', $3, $4, $5, $6, $3)`,
    [s.id, s.kioskId, new Date(now), s.topic, s.text, s.contact],
  );
}
