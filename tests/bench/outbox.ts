import { chromium } from '@playwright/test';
import { build } from 'vite';
import { join } from 'node:path';
import { chromiumArgs, ensureChromium } from '../support/chromium.mjs';
import { AdminClient } from '../support/admin-client';
import { startHub } from '../support/hub-process';

// Browser outbox figures: strict-durability enqueue rate, and the time to drain 1,000 queued events
// to a real hub (PGlite) through the kiosk's sync model.

const root = join(import.meta.dirname, '../..');

export async function outboxFigures(): Promise<{ enqueuePerSecond: number; drainMs: number }> {
  const outDir = join(root, '.tmp/bench-outbox');
  await build({
    root: join(root, 'tests/bench/outbox-page'),
    logLevel: 'warn',
    configFile: false,
    define: { __APP_VERSION__: JSON.stringify('bench') },
    build: { outDir, emptyOutDir: true },
  });
  const hub = await startHub({ env: { KIOSK_DIST: outDir } });
  const browser = await chromium.launch({ executablePath: ensureChromium(), args: chromiumArgs() });
  try {
    const token = await (await new AdminClient(hub.url).login()).deviceToken('lobby-1');
    const page = await browser.newPage();
    await page.goto(`${hub.url}/`);
    await page.waitForSelector('body[data-ready="yes"]', { state: 'attached' });
    type Bench = { enqueue(k: string, n: number): Promise<number>; drain(k: string, t: string): Promise<number> };
    const enqueueMs = await page.evaluate(() => (window as unknown as { bench: Bench }).bench.enqueue('lobby-1', 1000));
    const drainMs = await page.evaluate((t) => (window as unknown as { bench: Bench }).bench.drain('lobby-1', t), token);
    return { enqueuePerSecond: 1000 / (enqueueMs / 1000), drainMs };
  } finally {
    await browser.close();
    await hub.stop();
    hub.cleanup();
  }
}
