import { chromium, type Browser } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs, findChromium } from '../support/chromium.mjs';
import { startHub } from '../support/hub-process';
import { storedRows } from '../support/stored-rows';
import { expect, test } from './fixtures';
import { expectPending, openEnrolledKiosk, rate, suggest, waitForServiceWorker } from './kiosk';

/** A Chromium we start ourselves, so we can kill its process outright as a power cut would. */
async function launchOwnChromium(profile: string): Promise<{ proc: ChildProcess; browser: Browser }> {
  const proc = spawn(findChromium()!, [...chromiumArgs(), '--headless', `--user-data-dir=${profile}`, '--remote-debugging-port=0', '--window-size=1920,1080', 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const ws = await new Promise<string>((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not start:\n${err}`)), 30_000);
    proc.stderr!.on('data', (d) => {
      err += d;
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
  });
  return { proc, browser: await chromium.connectOverCDP(ws) };
}

test('events accepted before the browser process is killed are synced by the next browser on the same profile', async ({ hub }) => {
  test.setTimeout(120_000);
  const profile = mkdtempSync(join(tmpdir(), 'wsc-profile-'));
  try {
    const first = await launchOwnChromium(profile);
    const page = await first.browser.contexts()[0]!.newPage();
    await openEnrolledKiosk(page, hub);
    await waitForServiceWorker(page);
    await hub.stop(); // nothing can flush: every accepted event waits in the outbox
    for (let i = 0; i < 8; i++) await rate(page, 3);
    await suggest(page, '断电前的建议');
    await expectPending(page, 9);
    first.proc.kill('SIGKILL');
    await new Promise((r) => first.proc.once('exit', r));

    const again = await startHub({ port: hub.port, dataDir: hub.dataDir, configDir: hub.configDir });
    const second = await launchOwnChromium(profile);
    const page2 = await second.browser.contexts()[0]!.newPage();
    await page2.goto(`${hub.url}/?lang=en`);
    await expectPending(page2, 0, 60_000);
    await second.browser.close().catch(() => {});
    second.proc.kill('SIGKILL');
    await again.stop();
    const [n] = await storedRows<{ n: number; ids: number }>(hub.dataDir, 'select count(*)::int as n, count(distinct id)::int as ids from events');
    expect(n).toEqual({ n: 9, ids: 9 });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});
