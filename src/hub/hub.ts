import type { Hono } from 'hono';
import type { CenterConfig } from '../domain/index';
import { LoginLimiter } from './admin/rate-limit';
import { ensureAdmin, type AdminBootstrap } from './admin/users';
import { createApp } from './app';
import { ensureSigningKey } from './badges/keys';
import { migrate } from './db/migrate';
import type { Db } from './db/port';
import { materialiseWeeks } from './schedule/materialise';

export interface Hub {
  readonly app: Hono;
  readonly admin: AdminBootstrap;
  /** Stops the hourly timer; the caller closes the server and then the database. */
  stop(): void;
}

export interface HubSetup {
  readonly db: Db;
  readonly config: CenterConfig;
  readonly kioskDist: string;
  readonly tls?: boolean;
  readonly adminPassword?: string | undefined;
  readonly now?: () => number;
  readonly log?: (message: string) => void;
  /** false in tests that drive materialisation themselves */
  readonly hourly?: boolean;
}

/** Migrates, makes sure the admin user and a badge signing key exist, fills the schedule, and builds the app. */
export async function createHub(setup: HubSetup): Promise<Hub> {
  const now = setup.now ?? Date.now;
  const log = setup.log ?? ((m: string) => console.error(m));
  await migrate(setup.db);
  const admin = await ensureAdmin(setup.db, setup.adminPassword);
  // the first start makes the badge signing key; later starts keep the keys they find
  const newKid = await ensureSigningKey(setup.db, now());
  if (newKid !== null) log(`Created badge signing key ${newKid}.`);
  await materialiseWeeks(setup.db, setup.config, now());
  // hourly, so the next week appears as the week turns, even if the hub runs for months
  const timer =
    setup.hourly === false
      ? undefined
      : setInterval(() => {
          materialiseWeeks(setup.db, setup.config, now()).catch((e: unknown) =>
            log(`Could not fill the schedule from the weekly timetable: ${e instanceof Error ? e.message : String(e)}`),
          );
        }, 3_600_000);
  timer?.unref();
  const app = createApp({
    db: setup.db, config: setup.config, kioskDist: setup.kioskDist, tls: setup.tls ?? false,
    now, limiter: new LoginLimiter(), log,
  });
  return { app, admin, stop: () => clearInterval(timer) };
}
