import { execFileSync } from 'node:child_process';
import { ensureChromium } from '../support/chromium.mjs';

// One kiosk build shared by every end-to-end test; `E2E_SKIP_BUILD=1` reuses dist/ as it is.
export default function globalSetup() {
  ensureChromium();
  if (process.env.E2E_SKIP_BUILD) return;
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit', cwd: new URL('../..', import.meta.url).pathname });
}
