import { daysToFirstReply, zonedParts, zonedToEpoch } from '../../../domain/index';
import { isoOf, isoOrNull, type Queryable } from '../../db/port';
import type { MonthCount } from '../feedback/charts';
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
  /** who signed it (issue 16): masked name and member number; null: anonymous */
  readonly signer: { readonly memberNo: string; readonly maskedName: string } | null;
  /** when the member read the answer on a member screen */
  readonly readAt: string | null;
  /** when it was first answered (a later edit of the reply moves repliedAt, not this) */
  readonly firstRepliedAt: string | null;
}

type Row = {
  id: string; kiosk_id: string | null; source: 'kiosk' | 'phone'; at: unknown; topic: string | null; text: string;
  contact: string | null; status: SuggestionStatus; reply: string | null; replied_at: unknown;
  member_no: string | null; masked_name: string | null; read_at: unknown; first_replied_at: unknown;
};
const COLUMNS = `s.id, s.kiosk_id, s.source, s.at, s.topic, s.text, s.contact, s.status, s.reply, s.replied_at, m.member_no, m.masked_name, s.read_at, s.first_replied_at
  FROM suggestions s LEFT JOIN members m ON m.id = s.member_id`;
const fromRow = (r: Row): StoredSuggestion => ({
  id: String(r.id), kioskId: r.kiosk_id, source: r.source, at: isoOf(r.at), topic: r.topic, text: r.text, contact: r.contact,
  status: r.status, reply: r.reply, repliedAt: isoOrNull(r.replied_at),
  signer: r.member_no !== null && r.masked_name !== null ? { memberNo: r.member_no, maskedName: r.masked_name } : null, readAt: isoOrNull(r.read_at),
  firstRepliedAt: isoOrNull(r.first_replied_at),
});

/** Newest first; `status` null for all; `topic` a topic id, 'overall' for the center as a whole, null for all. */
export async function listSuggestions(
  db: Queryable, status: SuggestionStatus | null, limit: number | null = INBOX_LIMIT, topic: string | null = null,
): Promise<StoredSuggestion[]> {
  const rows = await db.query<Row>(
    `SELECT ${COLUMNS} WHERE ($1::text IS NULL OR s.status = $1)
       AND ($3::text IS NULL OR ($3 = 'overall' AND s.topic IS NULL) OR s.topic = $3)
     ORDER BY s.at DESC, s.id DESC LIMIT $2`,
    [status, limit ?? 1_000_000_000, topic],
  );
  return rows.map(fromRow);
}

/** Suggestions with no reply written for longer than `replyDays` (domain isOverdue, counted in SQL). */
export async function countOverdue(db: Queryable, now: number, replyDays: number): Promise<number> {
  const [r] = await db.query<{ n: number | string }>('SELECT count(*) AS n FROM suggestions WHERE reply IS NULL AND at < $1', [new Date(now - replyDays * 86_400_000)]);
  return Number(r?.n ?? 0);
}

export async function getSuggestion(db: Queryable, id: string): Promise<StoredSuggestion | null> {
  const [row] = await db.query<Row>(`SELECT ${COLUMNS} WHERE s.id = $1`, [id]);
  return row ? fromRow(row) : null;
}

/**
 * Suggestions received and first answered in each of the last `months` months (the center's calendar,
 * this month included), oldest first, for the inbox's chart (issue 16).
 */
export async function suggestionsByMonth(db: Queryable, now: number, timeZone: string, months = 12): Promise<MonthCount[]> {
  const here = zonedParts(now, timeZone).date.slice(0, 7);
  const list: string[] = [];
  for (let i = months - 1; i >= 0; i--) {
    const [y, m] = here.split('-').map(Number) as [number, number];
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    list.push(d.toISOString().slice(0, 7));
  }
  const since = zonedToEpoch(`${list[0]}-01`, '00:00', timeZone);
  const count = async (column: 'at' | 'first_replied_at') => new Map(
    (await db.query<{ month: string; n: number | string }>(
      `SELECT to_char(${column} AT TIME ZONE $2, 'YYYY-MM') AS month, count(*) AS n FROM suggestions WHERE ${column} >= $1 GROUP BY 1`,
      [new Date(since), timeZone],
    )).map((r) => [r.month, Number(r.n)]),
  );
  const [received, answered] = [await count('at'), await count('first_replied_at')];
  return list.map((month) => ({ month, received: received.get(month) ?? 0, answered: answered.get(month) ?? 0 }));
}

/** Whole days to a first reply of each suggestion written in [start, end) and answered (domain daysToFirstReply). */
export async function daysToReplyOf(db: Queryable, start: number, end: number): Promise<number[]> {
  const rows = await db.query<{ at: unknown; first_replied_at: unknown }>(
    'SELECT at, first_replied_at FROM suggestions WHERE at >= $1 AND at < $2 AND first_replied_at IS NOT NULL', [new Date(start), new Date(end)]);
  return rows.map((r) => daysToFirstReply(isoOf(r.at), isoOrNull(r.first_replied_at)) ?? 0);
}
