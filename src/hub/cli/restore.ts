import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { problemText, restoreBackup } from '../backup/backup';
import { openDb } from '../db/open';
import { databaseTarget } from './database';

// `npm run restore -- <file> [--force]`: a backup into an empty data folder or database, with the hub
// stopped. A database with data is refused unless --force (which replaces it); a damaged file is refused
// before anything is written.
const args = process.argv.slice(2);
const force = args.includes('--force');
const file = args.find((a) => a !== '--force');
const fail = (message: string): never => {
  process.stderr.write(`${message}\n`);
  process.exit(1);
};
if (!file) fail('Say which backup to restore: npm run restore -- <file> [--force]');
const source = resolve(file!);
if (!existsSync(source)) fail(`There is no file ${source}.`);
const { databaseUrl, dataDir, where, runningHub } = databaseTarget();
if (runningHub) fail(`A hub seems to be running on ${where} (its ops.json is there): stop it first.`);
try {
  const db = await openDb({ databaseUrl, dataDir });
  const r = await restoreBackup(db, readFileSync(source), { force });
  await db.close();
  if (!r.ok) fail(problemText(r.error, source));
  else process.stdout.write(`Restored ${source} into ${where}: ${r.value.rows} rows. Start the hub as usual.\n`);
} catch (e) {
  fail(`Could not restore into ${where}: ${e instanceof Error ? e.message : String(e)}`);
}
