import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import type { CenterConfig } from '../../../src/domain/index';
import { loadConfig } from '../../../src/hub/config/load';
import { openPglite } from '../../../src/hub/db/pglite';
import type { Db } from '../../../src/hub/db/port';
import { openPostgres } from '../../../src/hub/db/postgres';
import { createHub, type Hub } from '../../../src/hub/hub';
import { createDatabase } from '../../support/postgres';

// Every hub test that touches a database runs once on PGlite and once on the PostgreSQL server the
// global setup started, each in a database of its own.
export const DB_KINDS = ['pglite', 'postgres'] as const;
export type DbKind = (typeof DB_KINDS)[number];

export const ROOT = join(import.meta.dirname, '../../..');
export const CONFIG_DIR = join(ROOT, 'kiosk-config');
export const ADMIN_PASSWORD = 'correct horse battery staple';
/** Wednesday 2026-03-04 10:00 in Asia/Shanghai: a fixed clock keeps the schedule deterministic. */
export const NOW = Date.parse('2026-03-04T02:00:00Z');

export function demoConfig(): CenterConfig {
  const result = loadConfig(CONFIG_DIR);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

export async function openTestDb(kind: DbKind): Promise<{ db: Db; cleanup(): Promise<void> }> {
  if (kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'wsc-pglite-'));
    const db = await openPglite(dir);
    return { db, cleanup: async () => { await db.close(); rmSync(dir, { recursive: true, force: true }); } };
  }
  const database = await createDatabase(inject('databaseUrl'), 'hub');
  const db = await openPostgres(database.url);
  return { db, cleanup: async () => { await db.close(); await database.drop(); } };
}

export interface TestHub {
  readonly hub: Hub;
  readonly db: Db;
  readonly clock: { now: number };
  readonly kioskDist: string;
  request(path: string, init?: RequestInit, ip?: string): Promise<Response>;
  cleanup(): Promise<void>;
}

export async function startTestHub(kind: DbKind, opts: { kioskDist?: string; config?: CenterConfig } = {}): Promise<TestHub> {
  const { db, cleanup } = await openTestDb(kind);
  const clock = { now: NOW };
  const kioskDist = opts.kioskDist ?? mkdtempSync(join(tmpdir(), 'wsc-dist-'));
  const hub = await createHub({
    db, config: opts.config ?? demoConfig(), kioskDist, adminPassword: ADMIN_PASSWORD, now: () => clock.now, hourly: false, log: () => undefined,
  });
  return {
    hub, db, clock, kioskDist,
    // the env carries the client address the way @hono/node-server does
    request: async (path, init, ip = '192.0.2.10') =>
      hub.app.request(`http://hub.test${path}`, init, { incoming: { socket: { remoteAddress: ip } } }),
    cleanup: async () => {
      hub.stop();
      await cleanup();
      if (!opts.kioskDist) rmSync(kioskDist, { recursive: true, force: true });
    },
  };
}

/** A browser's cookie jar and form posting, enough for the admin pages. */
export class Browser {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly hub: TestHub, readonly ip = '192.0.2.10') {}

  async get(path: string): Promise<{ res: Response; html: string }> {
    const res = await this.hub.request(path, { headers: this.headers() }, this.ip);
    this.keep(res);
    return { res, html: await res.text() };
  }

  async post(path: string, fields: Record<string, string>, extra: Record<string, string> = {}): Promise<{ res: Response; html: string }> {
    const res = await this.hub.request(path, {
      method: 'POST',
      headers: { ...this.headers(), 'content-type': 'application/x-www-form-urlencoded', ...extra },
      body: new URLSearchParams(fields).toString(),
    }, this.ip);
    this.keep(res);
    return { res, html: await res.text() };
  }

  /** Opens the login page and logs in; returns the session's CSRF token from the dashboard. */
  async login(password = ADMIN_PASSWORD): Promise<string> {
    const page = await this.get('/admin/login');
    const { res } = await this.post('/admin/login', { _csrf: csrfOf(page.html), username: 'admin', password });
    if (res.status !== 303) throw new Error(`login answered ${res.status}`);
    return csrfOf((await this.get('/admin')).html);
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  private headers(): Record<string, string> {
    return this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {};
  }

  private keep(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...rest] = pair!.split('=');
      const value = rest.join('=');
      if (/max-age=0/i.test(line) || value === '') this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value);
    }
  }
}

export function csrfOf(html: string): string {
  const m = /name="_csrf" value="([^"]*)"/.exec(html);
  if (!m) throw new Error('no _csrf field on the page');
  return m[1]!;
}
