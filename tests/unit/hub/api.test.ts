import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SnapshotSchema } from '../../../src/domain/index';
import { DB_KINDS, startTestHub, type TestHub } from './harness';
import { bearer, enrollKiosk } from './kiosk-auth';

describe.each(DB_KINDS)('hub API on %s', (kind) => {
  let hub: TestHub;
  let token: string;
  beforeAll(async () => {
    hub = await startTestHub(kind);
    token = await enrollKiosk(hub, 'lobby-1');
  });
  afterAll(() => hub.cleanup());

  it('answers a snapshot of the token\'s kiosk that validates, with the week of the demo schedule and no caching', async () => {
    const res = await hub.request('/api/v1/snapshot', { headers: bearer(token) });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await res.json();
    expect(v.safeParse(SnapshotSchema, body).issues).toBeUndefined();
    expect(body.kiosk.id).toBe('lobby-1');
    // Wednesday: today..+7 days covers Wed–Sun of this week and Mon–Wed of the next
    expect(body.schedule.length).toBeGreaterThanOrEqual(20);
    expect(body.schedule[0].startsAt >= '2026-03-03T16:00:00.000Z').toBe(true);
  });

  it('ignores a ?kiosk= that names another kiosk: the token decides', async () => {
    const body = await (await hub.request('/api/v1/snapshot?kiosk=gym-1', { headers: bearer(token) })).json();
    expect(body.kiosk.id).toBe('lobby-1');
  });

  it('answers 401 with plain words without a token or with a wrong one', async () => {
    for (const headers of [{}, bearer('x'.repeat(43)), { authorization: 'Basic abc' }]) {
      const res = await hub.request('/api/v1/snapshot', { headers });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: 'unauthorized', message: expect.stringContaining('Enroll it again') });
    }
  });

  it('answers JSON 404 for an unknown API path', async () => {
    const res = await hub.request('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'not_found' });
  });

  it('refuses an API body over 1 MiB with 413 JSON', async () => {
    const res = await hub.request('/api/v1/events', {
      method: 'POST', headers: bearer(token, { 'content-type': 'application/json' }), body: JSON.stringify({ x: 'a'.repeat(1_100_000) }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: 'payload_too_large' });
  });

  it('answers /healthz', async () => {
    const res = await hub.request('/healthz');
    expect(await res.json()).toEqual({ ok: true });
  });

  it('sends the security headers on every response', async () => {
    for (const path of ['/healthz', '/api/v1/snapshot', '/admin/login', '/']) {
      const h = (await hub.request(path)).headers;
      expect(h.get('x-content-type-options')).toBe('nosniff');
      expect(h.get('referrer-policy')).toBe('same-origin');
      expect(h.get('x-frame-options')).toBe('DENY');
      expect(h.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(h.get('content-security-policy')).toContain('media-src \'self\' blob: mediastream:');
      expect(h.get('permissions-policy')).toContain('camera=(self)');
    }
  });

  it('says the kiosk is not built yet when there is no index.html', async () => {
    const res = await hub.request('/');
    expect(await res.text()).toBe('The kiosk is not built yet: run npm run build');
  });

  it('serves the built kiosk with the right caching and falls back to index.html', async () => {
    mkdirSync(join(hub.kioskDist, 'assets'), { recursive: true });
    writeFileSync(join(hub.kioskDist, 'index.html'), '<!doctype html><title>kiosk</title>');
    writeFileSync(join(hub.kioskDist, 'sw.js'), 'self.x=1');
    writeFileSync(join(hub.kioskDist, 'manifest.webmanifest'), '{}');
    writeFileSync(join(hub.kioskDist, 'assets', 'main-abc123.js'), 'console.log(1)');
    writeFileSync(join(hub.kioskDist, 'icon-192.png'), 'png');
    const cache = async (path: string) => (await hub.request(path)).headers.get('cache-control');
    expect(await cache('/')).toBe('no-cache');
    expect(await cache('/sw.js')).toBe('no-cache');
    expect(await cache('/manifest.webmanifest')).toBe('no-cache');
    expect(await cache('/assets/main-abc123.js')).toBe('public, max-age=31536000, immutable');
    expect(await cache('/icon-192.png')).toBe('public, max-age=3600');
    const spa = await hub.request('/schedule/today');
    expect(spa.status).toBe(200);
    expect(await spa.text()).toContain('<title>kiosk</title>');
    expect((await hub.request('/assets/missing.js')).status).toBe(404);
    expect((await hub.request('/admin/nothing')).status).toBe(404);
    // a path climbing out of dist never reaches the repository's files
    expect(await (await hub.request('/%2e%2e/package.json')).text()).not.toContain('"dependencies"');
    expect(await (await hub.request('/assets/..%2f..%2fpackage.json')).text()).not.toContain('"dependencies"');
  });
});
