import { sameSecret } from '../http/security';
import { Hono } from 'hono';
import type { Db } from '../db/port';
import { makeBackup } from './backup';

// `npm run backup` while the hub runs on the embedded database: only the hub's process may open its data
// folder, so the command asks the hub for the backup. The key is a random secret the hub writes into
// DATA_DIR/ops.json (mode 600) at start: whoever can read the data folder could copy the data anyway.

export function opsRoutes(deps: { readonly db: Db; readonly now: () => number; readonly opsKey: string }): Hono {
  const app = new Hono();
  app.get('/backup', async (c) => {
    if (!sameSecret((c.req.header('authorization') ?? '').replace(/^Bearer /, ''), deps.opsKey)) return c.json({ error: 'unauthorized', message: 'This needs the key in the hub\'s DATA_DIR/ops.json.' }, 401);
    const bytes = await makeBackup(deps.db, deps.now());
    c.header('Cache-Control', 'no-store');
    c.header('Content-Type', 'application/gzip');
    return c.body(new Uint8Array(bytes));
  });
  return app;
}
