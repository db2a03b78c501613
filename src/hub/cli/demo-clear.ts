import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { openDb } from '../db/open';
import { migrate } from '../db/migrate';
import { clearDemo } from '../demo/seed';

// `npm run demo:clear`: removes the demo's members and sample history before a real center goes live
// (hub/demo/seed.ts says what counts). Run it with the hub stopped: the embedded database is one process's.
const env = process.env;
const where = env.DATABASE_URL ? 'the database at DATABASE_URL' : `the database in ${env.DATA_DIR || './data'}`;
if (!env.DATABASE_URL && !existsSync(resolve(env.DATA_DIR || './data'))) {
  // opening it would make a new, empty one: say what is wrong instead
  process.stderr.write(`There is no database in ${env.DATA_DIR || './data'} (set DATA_DIR or DATABASE_URL as for the hub).\n`);
  process.exit(1);
}
try {
  const db = await openDb({ databaseUrl: env.DATABASE_URL, dataDir: resolve(env.DATA_DIR || './data') });
  await migrate(db);
  const removed = await clearDemo(db);
  await db.close();
  process.stdout.write(
    removed.members + removed.events === 0
      ? `No demo data in ${where}: nothing removed.\n`
      : `Removed the demo from ${where}: ${removed.members} members and ${removed.events} events, with what they made.\n`,
  );
} catch (e) {
  process.stderr.write(`Could not remove the demo from ${where}: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}
