import { isoOf, isoOrNull, type Queryable } from '../../db/port';
import type { SuggestionStatus } from '../../feedback/store';

// The suggestion inbox: kiosk and phone suggestions in one table, answered by staff.

export { SUGGESTION_STATUSES as STATUSES, type SuggestionStatus } from '../../feedback/store';
export const REPLY_MAX = 1000;
/** The inbox page shows this many; the CSV export has all. */
export const INBOX_LIMIT = 500;

export interface StoredSuggestion {
  readonly id: string;
  readonly kioskId: string | null;
  readonly source: 'kiosk' | 'phone';
  readonly at: string;
  readonly topic: string | null;
  readonly text: string;
  readonly contact: string | null;
  readonly status: SuggestionStatus;
  readonly reply: string | null;
  readonly repliedAt: string | null;
}

type Row = {
  id: string; kiosk_id: string | null; source: 'kiosk' | 'phone'; at: unknown; topic: string | null; text: string;
  contact: string | null; status: SuggestionStatus; reply: string | null; replied_at: unknown;
};
const COLUMNS = 'id, kiosk_id, source, at, topic, text, contact, status, reply, replied_at';
const fromRow = (r: Row): StoredSuggestion => ({
  id: String(r.id), kioskId: r.kiosk_id, source: r.source, at: isoOf(r.at), topic: r.topic, text: r.text, contact: r.contact,
  status: r.status, reply: r.reply, repliedAt: isoOrNull(r.replied_at),
});

/** Newest first; `status` null for all. */
export async function listSuggestions(db: Queryable, status: SuggestionStatus | null, limit: number | null = INBOX_LIMIT): Promise<StoredSuggestion[]> {
  const rows = await db.query<Row>(
    `SELECT ${COLUMNS} FROM suggestions WHERE ($1::text IS NULL OR status = $1) ORDER BY at DESC, id DESC LIMIT $2`,
    [status, limit ?? 1_000_000_000],
  );
  return rows.map(fromRow);
}

export async function getSuggestion(db: Queryable, id: string): Promise<StoredSuggestion | null> {
  const [row] = await db.query<Row>(`SELECT ${COLUMNS} FROM suggestions WHERE id = $1`, [id]);
  return row ? fromRow(row) : null;
}
