import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { err, ok, type Result } from '../../domain/result';
import type { Db, Queryable } from '../db/port';
import { migrate } from '../db/migrate';
import { MIGRATIONS } from '../db/migrations/index';

// Backups (issue 13): one format for the embedded database and PostgreSQL, read and written by the hub
// itself, so a backup made of either restores into either. The file is gzipped JSON lines: a header
// (format, the migrations the data has, when), per table a line naming its columns followed by one line
// per row (the server's own row_to_json, so timestamps, ranges, arrays and bytes round-trip through
// json_populate_recordset), and an end line with the row count and the sha256 of every line before it.
// All rows are read in one REPEATABLE READ transaction: a backup taken while kiosks post events holds
// each batch whole or not at all. A file that does not end with a matching end line is refused.

export const BACKUP_FORMAT = 'wsc-backup';
const VERSION = 1;
const PAGE = 2_000;

interface Header { readonly format: string; readonly version: number; readonly migrations: readonly string[]; readonly createdAt: string }
interface End { readonly end: true; readonly rows: number; readonly sha256: string }

export type BackupProblem =
  | { readonly code: 'damaged'; readonly detail: string }
  | { readonly code: 'not_a_backup' }
  | { readonly code: 'newer_than_hub'; readonly migration: string }
  | { readonly code: 'not_empty'; readonly tables: readonly string[] };

/** A plain sentence for the person at the console. */
export function problemText(p: BackupProblem, file: string): string {
  switch (p.code) {
    case 'damaged': return `The backup ${file} is damaged or incomplete (${p.detail}); nothing was restored.`;
    case 'not_a_backup': return `${file} is not a backup made by this hub; nothing was restored.`;
    case 'newer_than_hub': return `The backup ${file} was made by a newer hub (it has migration ${p.migration}, this hub does not): update the hub first; nothing was restored.`;
    case 'not_empty': return `The database is not empty (${p.tables.join(', ')} have rows): restore into an empty data folder or database, or add --force to replace what is there; nothing was restored.`;
  }
}

/** Tables in an order where every table comes after those it refers to (restore inserts in this order). */
async function tablesInOrder(q: Queryable): Promise<string[]> {
  const rows = await q.query<{ t: string; deps: string[] | null }>(
    // ::text: node-postgres parses text[] but leaves name[] a string
    `SELECT c.relname::text AS t, array_agg(DISTINCT r.relname::text) FILTER (WHERE r.relname IS NOT NULL AND r.relname <> c.relname) AS deps
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
       LEFT JOIN pg_constraint k ON k.conrelid = c.oid AND k.contype = 'f'
       LEFT JOIN pg_class r ON r.oid = k.confrelid
      WHERE c.relkind = 'r' AND c.relname <> 'schema_migrations'
      GROUP BY c.relname ORDER BY c.relname`,
  );
  const deps = new Map(rows.map((r) => [r.t, r.deps ?? []]));
  const out: string[] = [];
  const visit = (t: string, path: Set<string>) => {
    if (out.includes(t) || path.has(t)) return;
    path.add(t);
    for (const d of deps.get(t) ?? []) visit(d, path);
    out.push(t);
  };
  for (const t of deps.keys()) visit(t, new Set());
  return out;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
/**
 * Derived tables (migration 009: the sync epoch and the identity change log) are not backed up: a restored
 * database gets a new epoch at its next start, and kiosks pull their identity part in full once.
 */
const derived = (table: string) => table.startsWith('sync_');

/** The whole database as a backup file's bytes, from one consistent snapshot. */
export async function makeBackup(db: Db, now: number): Promise<Buffer> {
  const lines: string[] = [];
  let rows = 0;
  await db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const migrations = (await tx.query<{ id: string }>('SELECT id FROM schema_migrations ORDER BY id')).map((r) => r.id);
    const header: Header = { format: BACKUP_FORMAT, version: VERSION, migrations, createdAt: new Date(now).toISOString() };
    lines.push(JSON.stringify(header));
    for (const table of (await tablesInOrder(tx)).filter((t) => !derived(t))) {
      lines.push(JSON.stringify({ table }));
      for (let offset = 0; ; offset += PAGE) {
        // ctid: the rows' physical order, stable within this snapshot, so paging skips and repeats nothing
        const page = await tx.query<{ r: string }>(`SELECT row_to_json(t)::text AS r FROM ${quote(table)} t ORDER BY ctid LIMIT ${PAGE} OFFSET ${offset}`);
        for (const p of page) lines.push(p.r);
        rows += page.length;
        if (page.length < PAGE) break;
      }
    }
  });
  const sha256 = createHash('sha256').update(lines.join('\n')).digest('hex');
  const end: End = { end: true, rows, sha256 };
  return gzipSync(`${lines.join('\n')}\n${JSON.stringify(end)}\n`);
}

interface Parsed { readonly header: Header; readonly tables: ReadonlyMap<string, string[]>; readonly rows: number }

/** Reads and checks a backup file completely before anything is written. */
export function readBackup(bytes: Buffer): Result<Parsed, BackupProblem> {
  let text: string;
  try {
    text = gunzipSync(bytes).toString('utf8');
  } catch (e) {
    return bytes.subarray(0, 2).equals(Buffer.from([0x1f, 0x8b]))
      ? err({ code: 'damaged', detail: `the compressed data ends early or is corrupt: ${e instanceof Error ? e.message : String(e)}` })
      : err({ code: 'not_a_backup' });
  }
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  let header: Header;
  try {
    header = JSON.parse(lines[0] ?? '') as Header;
  } catch {
    return err({ code: 'not_a_backup' });
  }
  if (header.format !== BACKUP_FORMAT || header.version !== VERSION || !Array.isArray(header.migrations)) return err({ code: 'not_a_backup' });
  let end: End | null = null;
  try {
    end = JSON.parse(lines.at(-1) ?? '') as End;
  } catch {
    end = null;
  }
  if (end?.end !== true) return err({ code: 'damaged', detail: 'it has no end mark: the file was cut short' });
  const body = lines.slice(0, -1);
  const sha = createHash('sha256').update(body.join('\n')).digest('hex');
  if (sha !== end.sha256) return err({ code: 'damaged', detail: 'its checksum does not match its contents' });
  const tables = new Map<string, string[]>();
  let current: string[] | null = null;
  let rows = 0;
  for (const line of body.slice(1)) {
    if (line.startsWith('{"table":')) {
      const name = (JSON.parse(line) as { table: string }).table;
      current = [];
      tables.set(name, current);
    } else if (current) {
      current.push(line);
      rows++;
    } else return err({ code: 'damaged', detail: 'a row comes before any table' });
  }
  if (rows !== end.rows) return err({ code: 'damaged', detail: `it holds ${rows} rows, its end mark says ${end.rows}` });
  const unknown = header.migrations.find((m) => !MIGRATIONS.some((x) => x.id === m));
  if (unknown) return err({ code: 'newer_than_hub', migration: unknown });
  return ok({ header, tables, rows });
}

/** Tables with rows (schema_migrations aside): what "not empty" means for a restore. */
async function tablesWithRows(q: Queryable): Promise<string[]> {
  const found: string[] = [];
  for (const t of (await tablesInOrder(q)).filter((x) => !derived(x))) if ((await q.query(`SELECT 1 FROM ${quote(t)} LIMIT 1`)).length > 0) found.push(t);
  return found;
}

/**
 * Restores a checked backup into `db`: the schema is brought to the backup's migrations, the rows go in
 * table by table in one transaction, the identity counters follow, then the newer migrations run. A
 * database with data is refused unless `force`, which empties it first (in the same transaction).
 */
export async function restoreBackup(db: Db, bytes: Buffer, opts: { force?: boolean } = {}): Promise<Result<{ rows: number }, BackupProblem>> {
  const read = readBackup(bytes);
  if (!read.ok) return read;
  const { header, tables, rows } = read.value;
  const known = MIGRATIONS.filter((m) => header.migrations.includes(m.id));
  await migrate(db, known);
  const used = await tablesWithRows(db);
  if (used.length > 0 && !opts.force) return err({ code: 'not_empty', tables: used });
  await db.transaction(async (tx) => {
    const order = await tablesInOrder(tx);
    if (used.length > 0) await tx.query(`TRUNCATE ${order.map(quote).join(', ')} RESTART IDENTITY CASCADE`);
    for (const table of order) {
      const lines = tables.get(table) ?? [];
      for (let i = 0; i < lines.length; i += PAGE) {
        const json = `[${lines.slice(i, i + PAGE).join(',')}]`;
        await tx.query(`INSERT INTO ${quote(table)} OVERRIDING SYSTEM VALUE SELECT * FROM json_populate_recordset(NULL::${quote(table)}, $1::json)`, [json]);
      }
      // identity columns count on from the restored rows, so the next member or fact gets a new id
      const identities = await tx.query<{ col: string }>(
        `SELECT attname AS col FROM pg_attribute WHERE attrelid = $1::regclass AND attidentity <> '' AND NOT attisdropped`, [quote(table)],
      );
      for (const { col } of identities) {
        await tx.query(`SELECT setval(pg_get_serial_sequence($1, $2), COALESCE((SELECT max(${quote(col)}) FROM ${quote(table)}), 0) + 1, false)`, [quote(table), col]);
      }
    }
  });
  await migrate(db);
  return ok({ rows });
}
