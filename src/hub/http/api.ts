import { Hono } from 'hono';
import * as v from 'valibot';
import type { HubDeps } from '../deps';
import { listEntries } from '../schedule/repo';
import { buildSnapshot, snapshotWindow } from '../snapshot';

const SnapshotQuery = v.object({
  kiosk: v.optional(v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'kiosk must be a kiosk id such as "lobby-1"'))),
});

/** The kiosks' API under /api/v1. Every error is JSON {error, message}. */
export function apiRoutes(deps: HubDeps): Hono {
  const api = new Hono();

  api.get('/snapshot', async (c) => {
    const q = v.safeParse(SnapshotQuery, c.req.query());
    if (!q.success) return c.json({ error: 'bad_request', message: q.issues[0]!.message }, 400);
    const now = deps.now();
    const { from, to } = snapshotWindow(deps.config.center.timeZone, now);
    const entries = await listEntries(deps.db, from, to);
    const result = buildSnapshot(deps.config, q.output.kiosk ?? null, entries, now);
    if (!result.ok) {
      return c.json({ error: 'unknown_kiosk', message: `There is no kiosk "${q.output.kiosk}" in kiosk-config/kiosks.` }, 404);
    }
    return c.json(result.snapshot);
  });

  return api;
}
