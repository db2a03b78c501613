import type { Queryable } from '../db/port';
import { insertRows } from '../db/rows';

// The one writer of the feedback tables: ratings, their reasons and suggestions, whether they came from
// a kiosk's events (events/kinds.ts) or the phone form, and the staff's replies.

export type RatingRow = { readonly eventId: string; readonly kioskId: string; readonly at: string; readonly topic: string | null; readonly score: number };
export type ReasonsRow = { readonly ratingId: string; readonly kioskId: string; readonly eventId: string; readonly reasons: readonly string[] };
export type SuggestionRow = {
  readonly id: string; readonly kioskId: string | null; readonly source: 'kiosk' | 'phone'; readonly at: string;
  readonly topic: string | null; readonly text: string; readonly contact: string | null;
  /** the member who signed it (issue 16); absent or null: anonymous */
  readonly memberId?: number | null;
  /** sha256 of the phone form's receipt code (issue 16) */
  readonly receiptHash?: string | null;
};

export async function insertRatings(tx: Queryable, rows: readonly RatingRow[]): Promise<void> {
  await insertRows(tx, 'INSERT INTO ratings (event_id, kiosk_id, at, topic, score)', rows.map((r) => [r.eventId, r.kioskId, r.at, r.topic, r.score]));
}

/**
 * A row of its own, not an UPDATE of the rating: it counts even if the rating is applied later. The
 * kiosk sends reasons once per rating; should a second set come, the later one is what staff see.
 * Keyed with the kiosk too, so another kiosk's event can neither claim nor overwrite them.
 */
export async function upsertRatingReasons(tx: Queryable, rows: readonly ReasonsRow[]): Promise<void> {
  // one row per (rating, kiosk) in a statement: the later reasons win, as they would one after the other
  const last = new Map(rows.map((r) => [`${r.ratingId} ${r.kioskId}`, r]));
  await insertRows(
    tx, 'INSERT INTO rating_reasons (rating_id, kiosk_id, event_id, reasons)', [...last.values()].map((r) => [r.ratingId, r.kioskId, r.eventId, r.reasons]),
    'ON CONFLICT (rating_id, kiosk_id) DO UPDATE SET event_id = EXCLUDED.event_id, reasons = EXCLUDED.reasons',
  );
}

export async function insertSuggestions(tx: Queryable, rows: readonly SuggestionRow[]): Promise<void> {
  await insertRows(
    tx, 'INSERT INTO suggestions (id, kiosk_id, source, at, topic, text, contact, updated_at, member_id, receipt_hash)',
    rows.map((s) => [s.id, s.kioskId, s.source, s.at, s.topic, s.text, s.contact, s.at, s.memberId ?? null, s.receiptHash ?? null]),
  );
}

/** Whose suggestion it is (null: anonymous), or undefined when there is no such suggestion. */
export async function suggestionOwner(q: Queryable, id: string): Promise<number | null | undefined> {
  const [row] = await q.query<{ member_id: number | null }>('SELECT member_id FROM suggestions WHERE id = $1', [id]);
  return row ? row.member_id : undefined;
}

/** The member read the answer (issue 16): the first read counts; no kiosk shows it again. */
export async function markRepliesRead(tx: Queryable, reads: readonly { readonly suggestionId: string; readonly at: string }[]): Promise<void> {
  for (const r of reads) await tx.query('UPDATE suggestions SET read_at = $2 WHERE id = $1 AND read_at IS NULL', [r.suggestionId, r.at]);
}

export const SUGGESTION_STATUSES = ['new', 'in_progress', 'answered'] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];

/**
 * Sets status and reply. replied_at is the time the reply text last changed: kept when the same reply
 * is saved again (say with a new status), cleared when the reply is removed; first_replied_at is the
 * first reply's time and stays.
 */
export async function updateSuggestion(db: Queryable, id: string, status: SuggestionStatus, reply: string | null, now: number): Promise<boolean> {
  const rows = await db.query(
    `UPDATE suggestions SET status = $2, reply = $3, updated_at = $4,
       replied_at = CASE WHEN $3::text IS NULL THEN NULL WHEN reply IS DISTINCT FROM $3::text OR replied_at IS NULL THEN $4 ELSE replied_at END,
       first_replied_at = CASE WHEN $3::text IS NULL THEN first_replied_at ELSE COALESCE(first_replied_at, $4) END
     WHERE id = $1 RETURNING id`,
    [id, status, reply, new Date(now)],
  );
  return rows.length === 1;
}
