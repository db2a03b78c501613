// Where the system Chromium is, and how to get it: Playwright cannot download its own browser here.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

export const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function findChromium() {
  return CANDIDATES.find((p) => p && existsSync(p)) ?? null;
}

/** Finds Chromium; as root on Debian installs Debian's package; otherwise says how to get it. */
export function ensureChromium() {
  const found = findChromium();
  if (found) return found;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log("Chromium not found: installing Debian's chromium package (apt-get install chromium)…");
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    const installed = findChromium();
    if (installed) return installed;
  }
  throw new Error(
    'No Chromium found for the browser tests. Install it (Debian: sudo apt-get install chromium) ' +
      'or set CHROMIUM_PATH to a Chromium or Chrome binary.',
  );
}

/** Flags every test browser gets: this machine has no outside network, and runs as root. */
export function chromiumArgs() {
  const args = [
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-gpu',
    '--disable-quic',
  ];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  return args;
}
