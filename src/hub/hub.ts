import type { Hono } from 'hono';
import type { CenterConfig } from '../domain/index';
import { LoginLimiter } from './admin/auth/rate-limit';
import { ensureAdmin, type AdminBootstrap } from './admin/auth/users';
import { createApp } from './app';
import { ensureSigningKey } from './badges/keys';
import { releaseNoShows } from './bookings/no-shows';
import { promoteWaitlists } from './reservations/apply';
import { migrate } from './db/migrate';
import type { Db } from './db/port';
import { materialiseWeeks } from './schedule/materialise';
import { nightlyBackup } from './backup/files';
import type { Log } from './ops/log';
import { createCounters, kioskStates, type Counters, type KioskState } from './ops/metrics';
import { listKioskHealth } from './kiosks/health';
import { ensureSyncEpoch, pruneIdentityLog } from './sync/identity';

export interface Hub {
  readonly app: Hono;
  readonly admin: AdminBootstrap;
  /** what /metrics counts */
  readonly counters: Counters;
  /** Stops the timers; the caller closes the server and then the database. */
  stop(): void;
}

export interface HubSetup {
  readonly db: Db;
  readonly config: CenterConfig;
  readonly kioskDist: string;
  readonly tls?: boolean;
  readonly adminPassword?: string | undefined;
  readonly now?: () => number;
  readonly log?: Log;
  /** false in tests that drive materialisation and housekeeping themselves: no timers at all */
  readonly hourly?: boolean;
  /** the embedded database's daily backup: where, and how many to keep */
  readonly backups?: { readonly dir: string; readonly keep: number };
  /** see HubDeps.opsKey */
  readonly opsKey?: string;
  /** see HubDeps.metricsToken */
  readonly metricsToken?: string;
}

/**
 * Every minute: no-shows released, freed class places given to the first waiting. Both are safe to run
 * in two hub processes at once (no-shows.ts, reservations/apply.ts); one failing does not stop the other.
 */
export async function runHousekeeping(db: Db, config: CenterConfig, now: number, log: Log): Promise<void> {
  const problem = (what: string) => (e: unknown) => log(`${what}: ${e instanceof Error ? e.message : String(e)}`);
  await releaseNoShows(db, config, now).catch(problem('Could not release no-show bookings'));
  await promoteWaitlists(db, config, now).catch(problem('Could not give freed class places to the waitlist'));
}

/** Migrates, makes sure the admin user and a badge signing key exist, fills the schedule, and builds the app. */
export async function createHub(setup: HubSetup): Promise<Hub> {
  const now = setup.now ?? Date.now;
  const log: Log = setup.log ?? ((m: string) => console.error(m));
  for (const id of await migrate(setup.db)) log(`Applied database migration ${id}.`);
  const admin = await ensureAdmin(setup.db, setup.adminPassword);
  // the first start makes the badge signing key; later starts keep the keys they find
  const newKid = await ensureSigningKey(setup.db, now());
  if (newKid !== null) log(`Created badge signing key ${newKid}.`);
  await materialiseWeeks(setup.db, setup.config, now());
  await ensureSyncEpoch(setup.db);
  // hourly, so the next week appears as the week turns, even if the hub runs for months
  // and the day's backup, made in the first hour of the center's day (or at start, if there is none yet)
  const backup = async () => {
    if (!setup.backups) return;
    const { dir, keep } = setup.backups;
    try {
      const file = await nightlyBackup(setup.db, dir, keep, setup.config.center.timeZone, now());
      if (file) log(`Backup written: ${file}`);
    } catch (e) {
      log(`Could not write the daily backup into ${dir}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const timer =
    setup.hourly === false
      ? undefined
      : setInterval(() => {
          materialiseWeeks(setup.db, setup.config, now()).catch((e: unknown) =>
            log(`Could not fill the schedule from the weekly timetable: ${e instanceof Error ? e.message : String(e)}`),
          );
          void backup();
          pruneIdentityLog(setup.db).catch((e: unknown) => log(`Could not prune the kiosks' identity change log: ${e instanceof Error ? e.message : String(e)}`));
        }, 3_600_000);
  timer?.unref();
  // a booking released late is a slot nobody can take, so this runs every minute, and once at start
  // a kiosk going silent (or coming back) is a line in the log the moment the minute's check sees it
  let states: Map<string, KioskState> | null = null;
  const watchKiosks = async () => {
    const next = kioskStates(setup.config, await listKioskHealth(setup.db), now());
    for (const [id, s] of next) {
      const was = states?.get(id);
      if (was === undefined || was === s) continue;
      if (s === 'silent') log(`Kiosk ${id} has gone silent: no call for more than ${setup.config.rules.kioskSilentMinutes} minutes.`, 'warn');
      else if (was === 'silent' && s === 'online') log(`Kiosk ${id} is back.`);
    }
    states = next;
  };
  const minutely = setup.hourly === false ? undefined : setInterval(() => {
    void runHousekeeping(setup.db, setup.config, now(), log);
    watchKiosks().catch((e: unknown) => log(`Could not check the kiosks' health: ${e instanceof Error ? e.message : String(e)}`, 'error'));
  }, 60_000);
  minutely?.unref();
  if (minutely) await runHousekeeping(setup.db, setup.config, now(), log);
  if (setup.hourly !== false) await backup();
  const counters = createCounters();
  if (minutely) await watchKiosks().catch(() => undefined);
  const app = createApp({
    db: setup.db, config: setup.config, kioskDist: setup.kioskDist, tls: setup.tls ?? false,
    now, limiter: new LoginLimiter(), log, opsKey: setup.opsKey, counters, metricsToken: setup.metricsToken,
  });
  return { app, admin, counters, stop: () => { clearInterval(timer); clearInterval(minutely); } };
}
