import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium } from './chromium.mjs';
import { AdminClient } from './admin-client';
import { launchWithCamera } from './fake-camera';
import { startHub } from './hub-process';

// `npm run screenshots`: the demo kiosk's attract screen as a lobby shows it, in each orientation and
// language (and with large text), written to docs/screenshots for the README (issue 12). Generated, never
// edited by hand: run it again after a change to the attract screen. Needs a build (npm run build).
// `-- <dir>` writes elsewhere (to look at a change without touching the committed pictures); KIOSK=gym-1
// shows another kiosk of the demo center.

const root = join(import.meta.dirname, '../..');
const out = process.argv[2] ?? join(root, 'docs/screenshots');
const kioskId = process.env.KIOSK ?? 'lobby-1';
mkdirSync(out, { recursive: true });
ensureChromium();

const SHOTS = [
  { name: 'attract-landscape-zh', width: 1920, height: 1080, lang: 'zh-CN', large: false },
  { name: 'attract-landscape-en', width: 1920, height: 1080, lang: 'en', large: false },
  { name: 'attract-portrait-zh', width: 1080, height: 1920, lang: 'zh-CN', large: false },
  { name: 'attract-portrait-en', width: 1080, height: 1920, lang: 'en', large: false },
  { name: 'attract-landscape-zh-large', width: 1920, height: 1080, lang: 'zh-CN', large: true },
  { name: 'attract-portrait-zh-large', width: 1080, height: 1920, lang: 'zh-CN', large: true },
] as const;

// KIOSK_DIST: a build other than ./dist (to look at a change while tests use ./dist)
const hub = await startHub(process.env.KIOSK_DIST ? { env: { KIOSK_DIST: process.env.KIOSK_DIST } } : {});
try {
  for (const shot of SHOTS) {
    const kiosk = await launchWithCamera(hub.url, null, { viewport: { width: shot.width, height: shot.height } });
    try {
      const { page } = kiosk;
      const code = await (await new AdminClient(hub.url).login()).enrollmentCode(kioskId);
      await page.goto(`${hub.url}/?${shot.lang === 'en' ? 'lang=en&' : ''}enroll=${code}`);
      await page.getByTestId('snapshot-updated').waitFor();
      await page.locator('#scanner video').waitFor({ state: 'attached', timeout: 20_000 });
      if (shot.large) await page.getByTestId('large-text').first().click();
      await page.waitForTimeout(800); // the camera's first frames and the fonts
      const file = join(out, `${kioskId === 'lobby-1' ? '' : `${kioskId}-`}${shot.name}.png`);
      await page.screenshot({ path: file });
      console.log(`wrote ${file}`);
    } finally {
      await kiosk.close();
    }
  }
} finally {
  await hub.stop();
  hub.cleanup();
}
