import type { CenterConfig, EventResult, KioskEvent, PayloadOf } from '../../domain/index';
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

export async function applyEvent(db: Db, kioskId: string, e: KioskEvent, now: number, config?: CenterConfig): Promise<EventResult> {
  if (e.kioskId !== kioskId) return { id: e.id, status: 'rejected', reason: 'kiosk_mismatch' };
  const hash = contentHash(e);
  return db.transaction(async (tx) => {
    const prepared = await prepareIfCheckin(tx, e, config);
    const inserted = prepared?.ok === false ? [] : await tx.query(
      `INSERT INTO events (id, kiosk_id, seq, at, received_at, kind, payload, content_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [e.id, e.kioskId, e.seq, e.at, new Date(now), e.kind, JSON.stringify(e.payload), hash],
    );
    if (inserted.length === 1) {
      await project(tx, e);
      if (prepared?.ok && config) await projectCheckins(tx, config, [prepared.value]);
      return { id: e.id, status: 'applied' } as const;
    }
    const [existing] = await tx.query<{ content_hash: string }>('SELECT content_hash FROM events WHERE id = $1', [e.id]);
    // an event stored before is answered as such even if it would be refused now (a group since removed)
    if (!existing && prepared?.ok === false) return { id: e.id, status: 'rejected', reason: prepared.reason } as const;
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
