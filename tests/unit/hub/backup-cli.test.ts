import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { AdminClient } from '../../support/admin-client';
import { startHub, type Hub } from '../../support/hub-process';
import { ROOT } from './harness';

// Issue 13: `npm run backup` against a hub running on the embedded database (which only the hub's process
// may open), `npm run restore` into an empty folder and the hub started on it, and the daily backup.

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'wsc-backup-cli-'));
const hubs: Hub[] = [];
afterAll(async () => {
  for (const h of hubs) {
    await h.stop();
    h.cleanup();
  }
  rmSync(dir, { recursive: true, force: true });
});

const cli = async (script: 'backup' | 'restore', args: string[], dataDir: string) => {
  try {
    const r = await run('npm', ['run', '-s', script, '--', ...args], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' } });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout + x.stderr };
  }
};

it('backs up a running hub, restores into an empty folder where a hub starts with the same members, and refuses the rest plainly', async () => {
  const first = await startHub({ env: { DEMO_DATA: '1' } });
  hubs.push(first);
  // the day's backup is written at start
  expect(readdirSync(join(first.dataDir, 'backups'))).toEqual([expect.stringMatching(/^backup-\d{4}-\d{2}-\d{2}\.wscb$/)]);

  const file = join(dir, 'center.wscb');
  const backup = await cli('backup', [file], first.dataDir);
  expect(backup).toMatchObject({ code: 0, out: expect.stringMatching(/from the running hub\) written to .*center\.wscb/) });

  const restored = join(dir, 'restored');
  expect(await cli('restore', [file], restored)).toMatchObject({ code: 0, out: expect.stringMatching(/^Restored .* rows\. Start the hub as usual\./) });
  // a second restore into the same, now full, folder is refused
  expect(await cli('restore', [file], restored)).toMatchObject({ code: 1, out: expect.stringMatching(/The database is not empty .* --force/) });

  const second = await startHub({ dataDir: restored });
  hubs.push(second);
  const admin = await new AdminClient(second.url).login();
  expect((await admin.member('900001')).maskedName).toBe('张*国');

  // a file cut short, and a restore while a hub runs on the folder
  const cut = join(dir, 'cut.wscb');
  const bytes = readFileSync(file);
  writeFileSync(cut, bytes.subarray(0, bytes.length - 100));
  expect(await cli('restore', [cut], join(dir, 'empty'))).toMatchObject({ code: 1, out: expect.stringMatching(/is damaged or incomplete .*nothing was restored/) });
  expect(await cli('restore', [file], second.dataDir)).toMatchObject({ code: 1, out: expect.stringMatching(/A hub seems to be running .* stop it first/) });
  expect(existsSync(join(dir, 'nope.wscb'))).toBe(false);
  expect(await cli('restore', [join(dir, 'nope.wscb')], join(dir, 'empty2'))).toMatchObject({ code: 1, out: expect.stringMatching(/There is no file/) });
}, 180_000);
