import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zonedParts } from '../../domain/time';
import type { Db } from '../db/port';
import { makeBackup } from './backup';

// The embedded database's nightly backup (issue 13): DATA_DIR/backups/backup-<date>.wscb, one per day,
// the newest `keep` kept. Written to a temporary name and renamed, so a crash or a full disk mid-write
// never leaves a file that looks like a finished backup.

export const BACKUP_KEEP_DEFAULT = 14;
const NAME = /^backup-(\d{4}-\d{2}-\d{2})\.wscb$/;

/** Writes a backup file atomically; returns its size. */
export async function writeBackupFile(db: Db, file: string, now: number): Promise<number> {
  const bytes = await makeBackup(db, now);
  const tmp = `${file}.partial`;
  try {
    writeFileSync(tmp, bytes, { mode: 0o600 });
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  return bytes.length;
}

/**
 * Today's backup if there is none yet (the center's calendar day), then the oldest beyond `keep` go.
 * Returns the file written, or null when today's exists.
 */
export async function nightlyBackup(db: Db, dir: string, keep: number, timeZone: string, now: number): Promise<string | null> {
  mkdirSync(dir, { recursive: true });
  const today = zonedParts(now, timeZone).date;
  const existing = readdirSync(dir).filter((f) => NAME.test(f)).sort();
  let written: string | null = null;
  if (!existing.includes(`backup-${today}.wscb`)) {
    written = join(dir, `backup-${today}.wscb`);
    await writeBackupFile(db, written, now);
    existing.push(`backup-${today}.wscb`);
    existing.sort();
  }
  for (const old of existing.slice(0, Math.max(0, existing.length - keep))) rmSync(join(dir, old), { force: true });
  return written;
}
