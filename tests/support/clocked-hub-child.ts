import { openPglite } from '../../src/hub/db/pglite';
import { createHub, runHousekeeping } from '../../src/hub/hub';
import { listen, type Listening } from '../../src/hub/server';
import { loadConfig } from '../../src/hub/config/load';
import { materialiseWeeks } from '../../src/hub/schedule/materialise';

// The real hub for tests that move time (the soak, e2e sync.spec), in a process of its own built with the
// hub's own tsconfig, its clock injected through createHub's `now` and moved by the test over IPC
// (clocked-hub.ts). The test also takes it off the network (an outage) and back, runs the minute's
// housekeeping, and reads the database.

type Command =
  | { readonly id: number; readonly op: 'clock'; readonly offset: number }
  | { readonly id: number; readonly op: 'up'; readonly up: boolean }
  | { readonly id: number; readonly op: 'housekeeping' }
  | { readonly id: number; readonly op: 'query'; readonly sql: string }
  | { readonly id: number; readonly op: 'stop' };

const [configDir, dataDir, kioskDist, portText, password] = process.argv.slice(2) as [string, string, string, string, string];
const port = Number(portText);
let offset = 0;
const now = () => Date.now() + offset;
const loaded = loadConfig(configDir);
if (!loaded.ok) throw new Error(loaded.error);
const config = { value: loaded.value };
const db = await openPglite(dataDir);
const hub = await createHub({ db, config: config.value, kioskDist, adminPassword: password, now, hourly: false, log: (m) => process.stderr.write(`hub: ${m}\n`) });
let server: Listening | null = null;

async function handle(c: Command): Promise<unknown> {
  switch (c.op) {
    case 'clock':
      offset = c.offset;
      return null;
    case 'up':
      if (c.up && !server) server = await listen(hub.app, { port, host: '127.0.0.1' });
      if (!c.up && server) {
        await server.close();
        server = null;
      }
      return null;
    case 'housekeeping':
      await materialiseWeeks(db, config.value, now());
      await runHousekeeping(db, config.value, now(), (m) => process.stderr.write(`hub: ${m}\n`));
      return null;
    case 'query':
      return db.query(c.sql);
    case 'stop':
      await server?.close();
      hub.stop();
      await db.close();
      setImmediate(() => process.exit(0));
      return null;
  }
}

process.on('message', (c: Command) => {
  handle(c).then(
    (value) => process.send!({ id: c.id, ok: true, value }),
    (e: unknown) => process.send!({ id: c.id, ok: false, error: e instanceof Error ? e.message : String(e) }),
  );
});
process.send!({ ready: true });
