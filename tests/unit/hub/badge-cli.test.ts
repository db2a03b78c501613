import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { verifyBadge } from '../../../src/domain/badge';
import { badgeCommand } from '../../../src/hub/badges/badge-cli';
import { verifyEd25519 } from '../../../src/hub/badges/ed25519';
import { activeBadgeKeys } from '../../../src/hub/badges/keys';
import { openDb } from '../../../src/hub/db/open';
import { migrate } from '../../../src/hub/db/migrate';
import { insertMember } from '../../../src/hub/members/repo';
import { createDatabase } from '../../support/postgres';
import { DB_KINDS, NOW } from './harness';

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47];

describe.each(DB_KINDS)('npm run badge on %s', (kind) => {
  let dataDir: string;
  let outDir: string;
  let databaseUrl: string | undefined;
  let drop = async () => undefined as void;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'wsc-cli-data-'));
    outDir = mkdtempSync(join(tmpdir(), 'wsc-cli-out-'));
    if (kind === 'postgres') {
      const database = await createDatabase(inject('databaseUrl'), 'cli');
      databaseUrl = database.url;
      drop = database.drop;
    }
    // the hub's start: schema and one member, then the database is closed as a stopped hub leaves it
    const db = await openDb({ databaseUrl, dataDir });
    await migrate(db);
    await insertMember(db, { memberNo: 'E7001', name: '欧阳小华' }, NOW);
    await db.close();
  });
  afterAll(async () => {
    await drop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
  });
  const run = (memberNo: string | undefined) => badgeCommand({ memberNo, databaseUrl, dataDir, outDir, now: NOW });

  it('prints a token that verifies with the stored key and writes badge-<no>.png', async () => {
    const result = await run('E7001');
    expect(result.code).toBe(0);
    expect(result.out[0]).toMatch(/^WSC1\./);
    expect(result.pngPath).toBe(join(outDir, 'badge-E7001.png'));
    expect([...readFileSync(result.pngPath!).subarray(0, 4)]).toEqual(PNG_MAGIC);
    if (kind === 'pglite') expect(result.err[0]).toContain('the hub must be stopped');
    const db = await openDb({ databaseUrl, dataDir });
    const keys = new Map((await activeBadgeKeys(db)).map((k) => [k.kid, k.publicKeyRaw] as const));
    await db.close();
    expect(await verifyBadge(result.out[0], { keys, now: NOW }, verifyEd25519)).toMatchObject({ ok: true, value: { name: '欧阳*华' } });
  });

  it('says plainly when the member is unknown or the argument is missing or unsafe as a file name', async () => {
    expect(await run('E0000')).toMatchObject({ code: 1, err: expect.arrayContaining(['There is no member with the number E0000.']) });
    expect((await run(undefined)).code).toBe(2);
    expect((await run('../../etc/x')).code).toBe(2);
  });
});

describe('npm run badge on the embedded database', () => {
  it('refuses a folder that holds no database and one the running hub holds', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'wsc-cli-empty-'));
    try {
      const none = await badgeCommand({ memberNo: 'E1', dataDir: empty, outDir: empty, now: NOW });
      expect(none.code).toBe(1);
      expect(none.err.at(-1)).toContain('There is no database in');
      writeFileSync(join(empty, 'PG_VERSION'), '16\n');
      writeFileSync(join(empty, 'postmaster.pid'), '-42\n');
      const locked = await badgeCommand({ memberNo: 'E1', dataDir: empty, outDir: empty, now: NOW });
      expect(locked.code).toBe(1);
      expect(locked.err.at(-1)).toContain('is in use');
      expect(existsSync(join(empty, 'badge-E1.png'))).toBe(false);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
