import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { badgeQrPng } from './qr';
import { migrate } from '../db/migrate';
import { openDb } from '../db/open';
import type { Db } from '../db/port';
import { getMemberByNo } from '../members/repo';
import { issueBadge } from './issue';
import { ensureSigningKey } from './keys';

// `npm run badge -- <member number>`: prints a member's badge token and writes badge-<member no>.png.
// The logic lives here, apart from src/hub/cli/badge.ts, so tests run it without a child process.

export interface BadgeCliOptions {
  readonly memberNo: string | undefined;
  readonly databaseUrl?: string | undefined;
  readonly dataDir: string;
  /** where the PNG goes */
  readonly outDir: string;
  readonly now: number;
}

export interface BadgeCliResult {
  readonly code: 0 | 1 | 2;
  readonly out: string[];
  readonly err: string[];
  readonly pngPath?: string;
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));
// a member number is also a file name here: nothing that could leave the output folder
const MEMBER_NO_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;

export async function badgeCommand(opts: BadgeCliOptions): Promise<BadgeCliResult> {
  const err: string[] = [];
  const fail = (code: 1 | 2, message: string): BadgeCliResult => ({ code, out: [], err: [...err, message] });
  if (!opts.memberNo || !MEMBER_NO_RE.test(opts.memberNo)) return fail(2, 'Usage: npm run badge -- <member number>');
  const dataDir = resolve(opts.dataDir);
  if (!opts.databaseUrl) {
    // PGlite is a single-process database: a hub running on the same folder must be stopped first
    err.push(`Using the embedded database in ${dataDir}; the hub must be stopped while this runs.`);
    if (!existsSync(join(dataDir, 'PG_VERSION'))) return fail(1, `There is no database in ${dataDir}. Start the hub once, or set DATA_DIR or DATABASE_URL.`);
    if (existsSync(join(dataDir, 'postmaster.pid'))) {
      return fail(1, `The database in ${dataDir} is in use (postmaster.pid exists): stop the hub and try again. If the hub is not running, it did not stop cleanly: start and stop it once.`);
    }
  }
  let db: Db;
  try {
    db = await openDb({ databaseUrl: opts.databaseUrl, dataDir });
  } catch (e) {
    return fail(1, `Cannot open the database${opts.databaseUrl ? ' at DATABASE_URL' : ` in ${dataDir}`}: ${messageOf(e)}`);
  }
  try {
    // the same steps as the hub's start, so a fresh database works too; both are idempotent
    await migrate(db);
    await ensureSigningKey(db, opts.now);
    const member = await getMemberByNo(db, opts.memberNo);
    if (!member) return fail(1, `There is no member with the number ${opts.memberNo}.`);
    if (member.suspendedAt) err.push(`Note: member ${opts.memberNo} is suspended; kiosks refuse this badge until the suspension is lifted.`);
    const token = await issueBadge(db, member, opts.now);
    if (!token.ok) return fail(1, `Could not issue a badge: ${token.error}.`);
    const pngPath = resolve(opts.outDir, `badge-${opts.memberNo}.png`);
    await badgeQrPng(token.value, pngPath);
    return { code: 0, out: [token.value, `QR code written to ${pngPath} (${member.maskedName}, ${member.memberNo}).`], err, pngPath };
  } catch (e) {
    return fail(1, `The badge could not be made: ${messageOf(e)}`);
  } finally {
    await db.close().catch(() => undefined);
  }
}
