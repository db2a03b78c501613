import { openDb } from '../db/open';
import { migrate } from '../db/migrate';
import { clearDemo } from '../demo/seed';
import { databaseTarget } from './database';

// `npm run demo:clear`: removes the demo's members and sample history before a real center goes live
// (hub/demo/seed.ts says what counts). Run it with the hub stopped: the embedded database is one process's.
const { databaseUrl, dataDir, where, missing } = databaseTarget();
if (missing) {
  process.stderr.write(`${missing}\n`);
  process.exit(1);
}
try {
  const db = await openDb({ databaseUrl, dataDir });
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
