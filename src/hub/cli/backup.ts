import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readBackup } from '../backup/backup';
import { writeBackupFile } from '../backup/files';
import { openDb } from '../db/open';
import { databaseTarget } from './database';

// `npm run backup -- <file>`: a consistent backup while the hub runs (backup/backup.ts has the format).
// PostgreSQL (DATABASE_URL): read directly, in one snapshot. The embedded database: asked of the running
// hub (DATA_DIR/ops.json), or opened directly when no hub is running on it.
const file = process.argv[2];
const fail = (message: string): never => {
  process.stderr.write(`${message}\n`);
  process.exit(1);
};
if (!file) fail('Say where to write the backup: npm run backup -- <file>');
const target = resolve(file!);
const { databaseUrl, dataDir, where, missing, runningHub } = databaseTarget();

async function fromRunningHub(): Promise<Buffer | null> {
  if (!runningHub) return null;
  const { url, key } = JSON.parse(readFileSync(runningHub, 'utf8')) as { url: string; key: string };
  const res = await fetch(`${url}/ops/backup`, { headers: { authorization: `Bearer ${key}` } }).catch(() => null);
  if (res === null) return null; // a hub that stopped without tidying up: nobody holds the folder
  if (!res.ok) fail(`The running hub refused the backup (HTTP ${res.status}): ${await res.text()}`);
  return Buffer.from(await res.arrayBuffer());
}

try {
  if (missing) fail(missing);
  const fromHub = await fromRunningHub();
  if (fromHub) {
    const check = readBackup(fromHub);
    if (!check.ok) fail(`The hub's answer was not a whole backup (${check.error.code}); nothing was written.`);
    writeFileSync(`${target}.partial`, fromHub, { mode: 0o600 });
    renameSync(`${target}.partial`, target);
    process.stdout.write(`Backup of ${where} (from the running hub) written to ${target}: ${(fromHub.length / 1024).toFixed(0)} KiB.\n`);
  } else {
    const db = await openDb({ databaseUrl, dataDir });
    const size = await writeBackupFile(db, target, Date.now());
    await db.close();
    process.stdout.write(`Backup of ${where} written to ${target}: ${(size / 1024).toFixed(0)} KiB.\n`);
  }
} catch (e) {
  rmSync(`${target}.partial`, { force: true });
  fail(`Could not back up ${where}: ${e instanceof Error ? e.message : String(e)}`);
}
