import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openPglite } from '../../../src/hub/db/pglite';
import { ROOT } from './harness';

// A transaction the hub has committed (and so answered for) is on disk: a process killed right after it,
// before any other query, loses nothing. Written while looking into a CI run where a hub killed mid-sync
// seemed to lose 120 acknowledged events (issue 13's note); PGlite skips its file sync inside a
// transaction, so this pins down that a COMMIT still reaches the data folder.
it('keeps a committed transaction when the process is killed right after the commit', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wsc-durable-'));
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/fixtures/hub/commit-then-wait.ts'), join(dir, 'data')], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => {
        if (d.toString().includes('committed')) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.once('exit', (code) => (code !== null ? reject(new Error(`exited with ${code} before committing`)) : undefined));
    });
    await new Promise((r) => child.once('exit', r));
    const db = await openPglite(join(dir, 'data'));
    try {
      expect(await db.query('SELECT n FROM t')).toEqual([{ n: 1 }]);
    } finally {
      await db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
