import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { freePort } from './net';
import { tmpdir, userInfo } from 'node:os';
import { delimiter, join } from 'node:path';
import pg from 'pg';

// A throwaway PostgreSQL server for tests and benchmarks (DESIGN §9): a fresh cluster in a temp
// folder, on a free port, trust auth, listening on 127.0.0.1 only. PostgreSQL refuses to run as
// root, so as root every server command runs as the `postgres` user.

export const INSTALL_HINT =
  'The hub tests need PostgreSQL 15 (initdb and pg_ctl) and none was found on PATH or in /usr/lib/postgresql/*/bin. ' +
  'Install it: sudo apt-get install postgresql';

export interface PostgresServer {
  /** superuser URL of the `postgres` database */
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

export function findPostgresBin(): string | null {
  const dirs = (process.env.PATH ?? '').split(delimiter);
  if (existsSync('/usr/lib/postgresql')) {
    // newest major first
    const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
    for (const v of versions) dirs.push(`/usr/lib/postgresql/${v}/bin`);
  }
  return dirs.find((d) => d && existsSync(join(d, 'initdb')) && existsSync(join(d, 'pg_ctl'))) ?? null;
}

export async function startPostgres(): Promise<PostgresServer> {
  const bin = findPostgresBin();
  if (!bin) throw new Error(INSTALL_HINT);
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'wsc-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  if (asRoot) {
    const { uid, gid } = postgresUser();
    chownSync(dir, uid, gid);
  }
  const run = (cmd: string, args: string[]) => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]] : [join(bin, cmd), args];
    execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir });
  };
  const superuser = asRoot ? 'postgres' : userInfo().username;
  try {
    run('initdb', ['-D', data, '-A', 'trust', '-U', superuser, '-E', 'UTF8', '--no-sync', '--no-instructions']);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${stderrOf(e)}`);
  }
  const port = await freePort();
  // fsync off: a test cluster is thrown away, and it makes the run much faster on slow disks
  const opts = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  try {
    run('pg_ctl', ['-D', data, '-o', opts, '-l', log, '-w', '-t', '60', 'start']);
  } catch (e) {
    const serverLog = existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : '';
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`PostgreSQL did not start: ${stderrOf(e)}\n${serverLog}`);
  }
  let stopped = false;
  return {
    url: `postgres://${superuser}@127.0.0.1:${port}/postgres`,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** A new, empty database on the server, so test files never see each other's rows. */
export async function createDatabase(serverUrl: string, prefix = 'test'): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`); // name is ours: [a-z0-9_] only
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

function postgresUser(): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('Running as root, but there is no `postgres` user to run PostgreSQL as. ' + INSTALL_HINT);
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

function stderrOf(e: unknown): string {
  const err = e as { stderr?: Buffer; message?: string };
  return err.stderr?.toString().trim() || err.message || String(e);
}
