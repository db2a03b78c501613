import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { adminRoutes } from './admin/routes';
import type { HubDeps } from './deps';
import { apiRoutes } from './http/api';
import { sameSecret, securityHeaders } from './http/security';
import { phoneRoutes } from './phone/routes';
import { phoneBadgeRoutes } from './phone/badge-routes';
import { serveKiosk } from './http/static';
import { opsRoutes } from './backup/routes';
import { randomBytes } from 'node:crypto';
import { renderMetrics } from './ops/metrics';
import { createSyncState } from './sync/pull';

const API_BODY_LIMIT = 1024 * 1024;

/** The whole HTTP surface of the hub: kiosk API, admin pages, the built kiosk. */
export function createApp(deps: HubDeps): Hono {
  const app = new Hono();
  app.use('*', securityHeaders(deps.tls));

  app.use('/api/*', async (c, next) => {
    await next();
    // snapshots and every later API answer are live data: never from a cache
    c.header('Cache-Control', 'no-store');
  });
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: API_BODY_LIMIT,
      onError: (c) => c.json({ error: 'payload_too_large', message: 'The request body is larger than 1 MiB.' }, 413),
    }),
  );
  // what kiosks pull is read once per write (sync/pull.ts): every request that may write ends those reads
  // once it is done; heartbeats and GETs change nothing kiosks pull
  const sync = createSyncState();
  app.use('*', async (c, next) => {
    await next();
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && c.req.path !== '/api/v1/heartbeat') sync.writes++;
  });
  app.route('/api/v1', apiRoutes(deps, sync));
  app.all('/api/*', (c) => c.json({ error: 'not_found', message: `There is no API at ${c.req.method} ${c.req.path}.` }, 404));

  if (deps.opsKey) app.route('/ops', opsRoutes({ db: deps.db, now: deps.now, opsKey: deps.opsKey }));

  // up means able to answer: the database is asked, within a few seconds
  app.get('/healthz', async (c) => {
    c.header('Cache-Control', 'no-store');
    const db = await Promise.race([
      deps.db.query('SELECT 1').then(() => true, () => false),
      new Promise<false>((r) => setTimeout(() => r(false), 5_000).unref()),
    ]);
    return db ? c.json({ ok: true }) : c.json({ ok: false, database: 'unreachable', message: 'The hub runs but its database does not answer.' }, 503);
  });

  app.get('/metrics', async (c) => {
    c.header('Cache-Control', 'no-store');
    if (deps.metricsToken) {
      if (!sameSecret((c.req.header('authorization') ?? '').replace(/^Bearer /, ''), deps.metricsToken)) return c.text('This needs METRICS_TOKEN as a bearer token.\n', 401);
    }
    c.header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8');
    return c.body(await renderMetrics(deps.db, deps.config, deps.counters, deps.now()));
  });

  app.route('/admin', adminRoutes(deps));
  app.get('/admin/', (c) => c.redirect('/admin', 301));
  // unknown admin paths are not the kiosk's: no SPA fallback for them
  app.all('/admin/*', (c) => c.text('Not found', 404));

  // the suggestion form a worker opens on their phone from the kiosk's QR code (no login)
  app.route('/suggest', phoneRoutes(deps));
  // a member's badge on their phone, from the personal link staff send (issue 11)
  app.route('/b', phoneBadgeRoutes(deps));

  app.get('*', (c) => serveKiosk(c, deps.kioskDist));

  app.notFound((c) => c.text('Not found', 404));
  app.onError((e, c) => {
    // log the detail for the IT person under an id the client is shown; the client gets plain words, never a stack trace
    const id = randomBytes(4).toString('hex');
    deps.counters.requestErrors++;
    deps.log(`Error ${id} on ${c.req.method} ${c.req.path}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`, 'error');
    const message = `The hub failed to answer; the error was logged as ${id}.`;
    if (c.req.path.startsWith('/api/')) return c.json({ error: 'internal', message, errorId: id }, 500);
    return c.text(message, 500);
  });
  return app;
}
