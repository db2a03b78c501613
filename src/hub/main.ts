import { randomBytes } from 'node:crypto';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BACKUP_KEEP_DEFAULT } from './backup/files';
import { createLog, LOG_FORMATS, type LogFormat } from './ops/log';
import { loadConfig } from './config/load';
import { openDb } from './db/open';
import type { Db } from './db/port';
import { demoEnrollmentCode } from './demo/first-run';
import { DEMO_MEMBERS, seedDemo } from './demo/seed';
import { createHub } from './hub';
import { kioskBuilt, NOT_BUILT } from './http/static';
import { listen } from './server';

// The hub's entry point: settings from the environment, then config → database → server. Every
// failure at start is one plain sentence on stderr and an exit code, never a stack trace.

const env = process.env;
const fail = (message: string, code: number): never => {
  process.stderr.write(`${message}\n`);
  process.exit(code);
};

async function main(): Promise<void> {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`PORT must be a port number (0–65535), not "${env.PORT}".`, 2);
  const host = env.HOST || '0.0.0.0';
  const configDir = resolve(env.KIOSK_CONFIG_DIR || './kiosk-config');
  const kioskDist = resolve(env.KIOSK_DIST || './dist');
  const tlsFiles = env.TLS_CERT || env.TLS_KEY ? { cert: env.TLS_CERT ?? '', key: env.TLS_KEY ?? '' } : undefined;
  if (tlsFiles && !(tlsFiles.cert && tlsFiles.key)) fail('Set both TLS_CERT and TLS_KEY (paths to the PEM certificate and key), or neither.', 2);
  if (tlsFiles) for (const f of [tlsFiles.cert, tlsFiles.key]) if (!existsSync(f)) fail(`The TLS file ${f} does not exist.`, 2);

  const format = (env.LOG_FORMAT || 'text') as LogFormat;
  if (!LOG_FORMATS.includes(format)) fail(`LOG_FORMAT must be ${LOG_FORMATS.join(' or ')}, not "${env.LOG_FORMAT}".`, 2);
  const log = createLog(format);
  const keep = Number(env.BACKUP_KEEP ?? BACKUP_KEEP_DEFAULT);
  if (!Number.isInteger(keep) || keep < 1) fail(`BACKUP_KEEP must be a whole number of daily backups to keep (1 or more), not "${env.BACKUP_KEEP}".`, 2);
  const config = loadConfig(configDir);
  if (!config.ok) return fail(config.error, 2);

  let db: Db;
  try {
    db = await openDb({ databaseUrl: env.DATABASE_URL, dataDir: resolve(env.DATA_DIR || './data'), log: (m) => log(m, 'error') });
  } catch (e) {
    return fail(`Cannot open the database${env.DATABASE_URL ? ' at DATABASE_URL' : ` in ${env.DATA_DIR || './data'}`}: ${messageOf(e)}`, 1);
  }
  // the embedded database is this process's alone: it makes its own daily backups, and `npm run backup`
  // asks it for one with the key in DATA_DIR/ops.json (PostgreSQL is backed up by the command directly)
  const dataDir = resolve(env.DATA_DIR || './data');
  const embedded = !env.DATABASE_URL;
  const opsKey = embedded ? randomBytes(32).toString('base64url') : undefined;
  const hub = await createHub({
    db, config: config.value, kioskDist, tls: tlsFiles !== undefined, adminPassword: env.ADMIN_PASSWORD || undefined,
    ...(embedded ? { backups: { dir: join(dataDir, 'backups'), keep }, opsKey } : {}),
    ...(env.METRICS_TOKEN ? { metricsToken: env.METRICS_TOKEN } : {}), log,
  });
  // `npm start` (DEMO_DATA=1): a new database from the demo configuration gets the demo's members and weeks
  const demo = env.DEMO_DATA === '1' ? await seedDemo(db, config.value, Date.now()) : null;
  const demoCode = await demoEnrollmentCode(db, config.value, Date.now());
  // through the log like every line of the hub's, so LOG_FORMAT=json stays one JSON object per line
  if (!kioskBuilt(kioskDist)) log(`${NOT_BUILT} (no index.html in ${kioskDist}).`, 'warn');

  const listening = await listen(hub.app, { port, host, tls: tlsFiles }).catch(async (e: unknown) => {
    await db.close().catch(() => undefined);
    return fail(messageOf(e), 1);
  });
  const actualPort = (listening.server.address() as { port: number }).port;
  const base = `${tlsFiles ? 'https' : 'http'}://localhost:${actualPort}`;
  const opsFile = join(dataDir, 'ops.json');
  if (opsKey) writeFileSync(opsFile, JSON.stringify({ url: `${tlsFiles ? 'https' : 'http'}://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${actualPort}`, key: opsKey }), { mode: 0o600 });
  const lines = [`Kiosk: ${base}/`, `Admin: ${base}/admin`];
  if (hub.admin.kind === 'generated') lines.push('Admin login: user "admin"', `Admin password (shown once): ${hub.admin.password}`);
  else if (hub.admin.kind === 'from_env') {
    lines.push(`Admin login: user "admin", password from ADMIN_PASSWORD${hub.admin.changed ? ' (new: every earlier admin session was ended)' : ''}`);
  }
  else lines.push('Admin login: user "admin", with the password printed at the first start (set ADMIN_PASSWORD to reset it)');
  if (demo?.seeded) lines.push(`Demo data: ${demo.members} members and ${demo.events} events of the last three weeks (npm run demo:clear removes them, with the hub stopped).`);
  if (demoCode !== null) {
    // printed here only: whoever reads the hub's console already runs the hub
    lines.push(
      `Try the kiosk: open ${base}/?enroll=${demoCode}`,
      `  This browser becomes the demo's lobby kiosk (the link works once, for 24 hours). To check in, press`,
      `  "No badge?" and type ${DEMO_MEMBERS[0]!.memberNo}, or show a member's badge: Admin → Members → a member → Badge.`,
    );
  }
  lines.push(`Enroll a kiosk: log in, open ${base}/admin/kiosks and press "Enroll this device" (or "Enroll" for a link and QR to open on the kiosk).`);
  process.stdout.write(`${lines.join('\n')}\n`);
  log(`Hub started on ${base} (${embedded ? `embedded database in ${dataDir}` : 'PostgreSQL'}, ${config.value.kiosks.length} kiosks configured).`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`Hub stopping (${signal}).`);
    hub.stop();
    if (opsKey) rmSync(opsFile, { force: true });
    await listening.close();
    await db.close();
    log('Hub stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

main().catch((e: unknown) => fail(`The hub could not start: ${messageOf(e)}`, 1));
