import { createHash } from 'node:crypto';
import type { Queryable } from '../db/port';
import { isoOrNull } from '../db/port';
import { maskName, normaliseCard } from '../../domain/card';
import { err, ok, type Result } from '../../domain/result';

// Members in the hub. The card number itself is never stored: only its sha256, which is also what the
// kiosk's card map will carry (issue 4), so a leaked snapshot or database gives no card numbers.

export interface Member {
  readonly id: number;
  readonly memberNo: string;
  readonly name: string;
  readonly maskedName: string;
  readonly hasCard: boolean;
  readonly suspendedAt: string | null;
  /** when the short badge (issue 11) was issued; null: the member holds only the old signed kind */
  readonly badgeIssuedAt: string | null;
}

export interface MemberInput {
  readonly memberNo: string;
  readonly name: string;
  /** undefined keeps the stored card; null removes it; a string sets it */
  readonly card?: string | null | undefined;
}

export type SaveError = 'duplicate_member_no' | 'duplicate_card';

/** sha256 (hex) of the card number exactly as the reader typed it, after trimming the Enter and spaces. */
/** sha256 of the card number normalised as the kiosk normalises it (domain normaliseCard), so both derive one key. */
export const cardHash = (card: string) => {
  const n = normaliseCard(card);
  return createHash('sha256').update(n.ok ? n.value : card.trim(), 'utf8').digest('hex');
};

type Row = { id: number; member_no: string; name: string; masked_name: string; card_hash: string | null; suspended_at: unknown; badge_issued_at: unknown };
const COLS = 'id, member_no, name, masked_name, card_hash, suspended_at, badge_issued_at';
const toMember = (r: Row): Member => ({
  id: r.id, memberNo: r.member_no, name: r.name, maskedName: r.masked_name, hasCard: r.card_hash !== null, suspendedAt: isoOrNull(r.suspended_at), badgeIssuedAt: isoOrNull(r.badge_issued_at),
});

/** Members whose number or name contains `search` (case-insensitive), by member number; at most `limit`. */
export async function listMembers(db: Queryable, search: string, limit = 200): Promise<Member[]> {
  const like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await db.query<Row>(
    `SELECT ${COLS} FROM members WHERE $1 = '' OR member_no ILIKE $2 OR name ILIKE $2 ORDER BY member_no LIMIT $3`,
    [search, like, limit],
  );
  return rows.map(toMember);
}

export async function countMembers(db: Queryable): Promise<number> {
  return Number((await db.query<{ n: string | number }>('SELECT count(*) AS n FROM members'))[0]!.n);
}

export async function getMember(db: Queryable, id: number): Promise<Member | null> {
  const rows = await db.query<Row>(`SELECT ${COLS} FROM members WHERE id = $1`, [id]);
  return rows[0] ? toMember(rows[0]) : null;
}

export async function getMemberByNo(db: Queryable, memberNo: string): Promise<Member | null> {
  const rows = await db.query<Row>(`SELECT ${COLS} FROM members WHERE member_no = $1`, [memberNo]);
  return rows[0] ? toMember(rows[0]) : null;
}

export async function getMembersByIds(db: Queryable, ids: readonly number[]): Promise<Member[]> {
  if (ids.length === 0) return [];
  const rows = await db.query<Row>(`SELECT ${COLS} FROM members WHERE id = ANY($1::int[]) ORDER BY member_no`, [ids]);
  return rows.map(toMember);
}

/** Who else holds these? Checked before writing so the answer is a reason, not a constraint error. */
async function clash(db: Queryable, input: MemberInput, selfId: number | null): Promise<SaveError | null> {
  const byNo = await db.query<{ id: number }>('SELECT id FROM members WHERE member_no = $1', [input.memberNo]);
  if (byNo[0] && byNo[0].id !== selfId) return 'duplicate_member_no';
  if (typeof input.card === 'string') {
    const byCard = await db.query<{ id: number }>('SELECT id FROM members WHERE card_hash = $1', [cardHash(input.card)]);
    if (byCard[0] && byCard[0].id !== selfId) return 'duplicate_card';
  }
  return null;
}

export async function insertMember(db: Queryable, input: MemberInput, now: number): Promise<Result<{ id: number }, SaveError>> {
  const problem = await clash(db, input, null);
  if (problem) return err(problem);
  const at = new Date(now).toISOString();
  const rows = await db.query<{ id: number }>(
    `INSERT INTO members (member_no, name, masked_name, card_hash, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5) RETURNING id`,
    [input.memberNo, input.name, maskName(input.name), typeof input.card === 'string' ? cardHash(input.card) : null, at],
  );
  return ok({ id: rows[0]!.id });
}

export async function updateMember(db: Queryable, id: number, input: MemberInput, now: number): Promise<Result<void, SaveError>> {
  const problem = await clash(db, input, id);
  if (problem) return err(problem);
  const keepCard = input.card === undefined;
  await db.query(
    `UPDATE members SET member_no = $2, name = $3, masked_name = $4, card_hash = CASE WHEN $5 THEN card_hash ELSE $6 END, updated_at = $7
      WHERE id = $1`,
    [id, input.memberNo, input.name, maskName(input.name), keepCard, typeof input.card === 'string' ? cardHash(input.card) : null, new Date(now).toISOString()],
  );
  return ok(undefined);
}

export interface ImportRow {
  readonly line: number;
  readonly input: MemberInput;
}

export interface ImportResult {
  readonly created: number;
  readonly updated: number;
  /** rows refused: a card another member holds, or one an earlier row of the file claimed */
  readonly refused: readonly { readonly line: number; readonly error: SaveError }[];
}

/** Rows per statement: one JSON parameter each, so 50,000 members are ten statements, not 150,000. */
const IMPORT_CHUNK = 5_000;

/**
 * Adds or updates members by member number (CSV import, issue 14), set-based: the cards' holders are
 * read in one query per chunk, then each chunk is one INSERT … ON CONFLICT. Run it in a transaction: the
 * file goes in whole or not at all. Member numbers are unique in `rows` (the parser refuses repeats).
 */
export async function importMembers(tx: Queryable, rows: readonly ImportRow[], now: number, progress: (handled: number) => void = () => {}): Promise<ImportResult> {
  const refused: { line: number; error: SaveError }[] = [];
  const prepared = rows.map((r) => ({ line: r.line, no: r.input.memberNo, name: r.input.name, masked: maskName(r.input.name), card: r.input.card, hash: typeof r.input.card === 'string' ? cardHash(r.input.card) : null }));
  // a card goes to the first row claiming it, unless a member not this row's already holds it
  const holders = new Map<string, string>();
  const hashes = [...new Set(prepared.flatMap((r) => (r.hash ? [r.hash] : [])))];
  for (let i = 0; i < hashes.length; i += IMPORT_CHUNK) {
    const held = await tx.query<{ card_hash: string; member_no: string }>('SELECT card_hash, member_no FROM members WHERE card_hash = ANY($1::text[])', [hashes.slice(i, i + IMPORT_CHUNK)]);
    for (const h of held) holders.set(h.card_hash, h.member_no);
  }
  const claimed = new Map<string, string>();
  const accepted = prepared.filter((r) => {
    if (r.hash === null) return true;
    const holder = claimed.get(r.hash) ?? holders.get(r.hash);
    if (holder !== undefined && holder !== r.no) {
      refused.push({ line: r.line, error: 'duplicate_card' });
      return false;
    }
    claimed.set(r.hash, r.no);
    return true;
  });
  // a member whose card moves to another row of this file gives it up first: refused above, so no
  // statement below can meet the card_hash constraint
  const at = new Date(now).toISOString();
  let created = 0;
  let updated = 0;
  const upsert = async (chunk: typeof accepted, setCard: boolean) => {
    if (chunk.length === 0) return;
    const result = await tx.query<{ created: boolean }>(
      `INSERT INTO members (member_no, name, masked_name, card_hash, created_at, updated_at)
       SELECT r.no, r.name, r.masked, r.hash, $2, $2 FROM json_to_recordset($1::json) AS r(no text, name text, masked text, hash text)
       ON CONFLICT (member_no) DO UPDATE SET name = EXCLUDED.name, masked_name = EXCLUDED.masked_name,
         ${setCard ? 'card_hash = EXCLUDED.card_hash,' : ''} updated_at = EXCLUDED.updated_at
       RETURNING (xmax = 0) AS created`,
      [JSON.stringify(chunk.map((r) => ({ no: r.no, name: r.name, masked: r.masked, hash: r.hash }))), at],
    );
    for (const r of result) r.created ? created++ : updated++;
  };
  for (let i = 0; i < accepted.length; i += IMPORT_CHUNK) {
    const chunk = accepted.slice(i, i + IMPORT_CHUNK);
    // an empty card cell keeps the card a member has (undefined); a card or an explicit removal sets it
    await upsert(chunk.filter((r) => r.card === undefined), false);
    await upsert(chunk.filter((r) => r.card !== undefined), true);
    progress(refused.length + i + chunk.length); // of rows.length
  }
  return { created, updated, refused };
}

export async function setSuspended(db: Queryable, id: number, suspended: boolean, now: number): Promise<void> {
  const at = new Date(now).toISOString();
  await db.query(
    // suspending twice keeps the first date
    'UPDATE members SET suspended_at = CASE WHEN $2 THEN COALESCE(suspended_at, $3) ELSE NULL END, updated_at = $3 WHERE id = $1',
    [id, suspended, at],
  );
}

/** For the snapshot: ids of suspended members, as the strings badges carry. */
export async function suspendedMemberIds(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ id: number }>('SELECT id FROM members WHERE suspended_at IS NOT NULL ORDER BY id');
  return rows.map((r) => String(r.id));
}

/** Active members who hold only the old signed badge: the batch to reprint (at most `limit`). */
export async function membersWithOldBadges(db: Queryable, limit: number): Promise<Member[]> {
  const rows = await db.query<Row>(`SELECT ${COLS} FROM members WHERE badge_code IS NULL AND suspended_at IS NULL ORDER BY member_no LIMIT $1`, [limit]);
  return rows.map(toMember);
}

export async function countOldBadges(db: Queryable): Promise<number> {
  return Number((await db.query<{ n: string | number }>('SELECT count(*) AS n FROM members WHERE badge_code IS NULL AND suspended_at IS NULL'))[0]!.n);
}
