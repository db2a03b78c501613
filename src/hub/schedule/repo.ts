import type { ScheduleEntry } from '../../domain/index';
import { isoOf, isoOrNull, type Queryable } from '../db/port';

/** A schedule entry as stored: the wire shape plus what staff see. */
export interface StoredEntry extends ScheduleEntry {
  readonly templateId: string | null;
  readonly cancelledAt: string | null;
}

export interface EntryInput {
  readonly category: string;
  readonly titleZh: string;
  readonly titleEn: string;
  readonly startsAt: number; // epoch ms
  readonly endsAt: number;
  readonly room: string;
  readonly instructor: string;
  readonly capacity: number | null;
}

interface Row {
  id: string;
  template_id: string | null;
  category: string;
  title_zh: string;
  title_en: string;
  starts_at: unknown;
  ends_at: unknown;
  room: string;
  instructor: string;
  capacity: number | null;
  cancelled_at: unknown;
  places_used: number;
}

// Places in use (domain placesUsed): reserved places and counted check-ins, each member once. A
// member who reserved and then checked in holds one place, not two.
const PLACES_USED = `(SELECT count(*) FROM (
    SELECT r.member_id::text AS who FROM class_reservations r WHERE r.entry_id = schedule_entries.id AND r.status = 'reserved'
    UNION SELECT a.subject FROM class_attendance a WHERE a.entry_id = schedule_entries.id AND a.counted) used)::int AS places_used`;
const COLUMNS = `id, template_id, category, title_zh, title_en, starts_at, ends_at, room, instructor, capacity, cancelled_at, ${PLACES_USED}`;

function fromRow(r: Row): StoredEntry {
  return {
    id: r.id,
    templateId: r.template_id,
    category: r.category,
    title: { 'zh-CN': r.title_zh, en: r.title_en },
    startsAt: isoOf(r.starts_at),
    endsAt: isoOf(r.ends_at),
    room: r.room,
    instructor: r.instructor,
    capacity: r.capacity,
    // never below zero: a reserved member is let in even when walk-ins filled the class
    placesLeft: r.capacity === null ? null : Math.max(0, r.capacity - Number(r.places_used)),
    cancelled: r.cancelled_at !== null,
    cancelledAt: isoOrNull(r.cancelled_at),
  };
}

/** Entries starting in [from, to), cancelled ones included, by start time. */
export async function listEntries(db: Queryable, from: number, to: number): Promise<StoredEntry[]> {
  const rows = await db.query<Row>(
    `SELECT ${COLUMNS} FROM schedule_entries WHERE starts_at >= $1 AND starts_at < $2 ORDER BY starts_at, id`,
    [new Date(from).toISOString(), new Date(to).toISOString()],
  );
  return rows.map(fromRow);
}

export async function getEntry(db: Queryable, id: string): Promise<StoredEntry | null> {
  const rows = await db.query<Row>(`SELECT ${COLUMNS} FROM schedule_entries WHERE id = $1`, [id]);
  return rows[0] ? fromRow(rows[0]) : null;
}

/** The first non-cancelled entry in `room` that shares any minute with [startsAt, endsAt), except `exceptId`. */
export async function findOverlap(
  db: Queryable, room: string, startsAt: number, endsAt: number, exceptId: string | null,
): Promise<StoredEntry | null> {
  const rows = await db.query<Row>(
    `SELECT ${COLUMNS} FROM schedule_entries
      WHERE room = $1 AND cancelled_at IS NULL AND starts_at < $3 AND ends_at > $2 AND ($4::text IS NULL OR id <> $4)
      ORDER BY starts_at LIMIT 1`,
    [room, new Date(startsAt).toISOString(), new Date(endsAt).toISOString(), exceptId],
  );
  return rows[0] ? fromRow(rows[0]) : null;
}

export async function insertEntry(db: Queryable, id: string, e: EntryInput): Promise<void> {
  await db.query(
    `INSERT INTO schedule_entries (id, category, title_zh, title_en, starts_at, ends_at, room, instructor, capacity)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [id, e.category, e.titleZh, e.titleEn, new Date(e.startsAt).toISOString(), new Date(e.endsAt).toISOString(), e.room, e.instructor, e.capacity],
  );
}

export async function updateEntry(db: Queryable, id: string, e: EntryInput): Promise<boolean> {
  const rows = await db.query(
    `UPDATE schedule_entries SET category = $2, title_zh = $3, title_en = $4, starts_at = $5, ends_at = $6,
            room = $7, instructor = $8, capacity = $9, updated_at = now()
      WHERE id = $1 RETURNING id`,
    [id, e.category, e.titleZh, e.titleEn, new Date(e.startsAt).toISOString(), new Date(e.endsAt).toISOString(), e.room, e.instructor, e.capacity],
  );
  return rows.length > 0;
}

/** Marks an entry cancelled (kept, so kiosks can show it struck through). Idempotent. */
export async function cancelEntry(db: Queryable, id: string, at: number): Promise<boolean> {
  const rows = await db.query(
    `UPDATE schedule_entries SET cancelled_at = COALESCE(cancelled_at, $2), updated_at = now() WHERE id = $1 RETURNING id`,
    [id, new Date(at).toISOString()],
  );
  return rows.length > 0;
}
