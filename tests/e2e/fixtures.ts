import { test as base, expect, type Page } from '@playwright/test';
import { join } from 'node:path';
import { copyConfig, editJson, startHub, type Hub } from '../support/hub-process';

/** The demo config with a quick snapshot poll, so a change at the hub reaches the kiosk in seconds. */
export function e2eConfig(edit?: (dir: string) => void): string {
  return copyConfig((dir) => {
    editJson(join(dir, 'rules.json'), (r) => {
      r.snapshotPollSeconds = 2;
    });
    edit?.(dir);
  });
}

export const test = base.extend<{ hub: Hub }>({
  hub: async ({}, use) => {
    const hub = await startHub({ configDir: e2eConfig() });
    await use(hub);
    await hub.stop();
    hub.cleanup();
  },
});

export { expect };

/** Waits until the service worker controls the page, so a later reload can be served offline. */
export async function waitForServiceWorker(page: Page) {
  await page.waitForFunction(async () => {
    await navigator.serviceWorker.ready;
    return navigator.serviceWorker.controller !== null;
  }, undefined, { timeout: 30_000 });
}
