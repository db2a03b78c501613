// Where the system Chromium is, and how to get it: Playwright cannot download its own browser here.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

export const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function findChromium() {
  return CANDIDATES.find((p) => p && existsSync(p)) ?? null;
}

// The kiosk speaks zh-CN first and its CSS asks for Noto Sans CJK SC: without a CJK font Chromium draws
// boxes, and the layout checker (issue 12) would measure boxes instead of the words a lobby screen shows.
export const CJK_FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

function aptInstall(packages) {
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', ...packages], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

/**
 * Finds Chromium (and the CJK font the kiosk's pages are laid out in); as root on Debian installs
 * Debian's packages for what is missing; otherwise says how to get them.
 */
export function ensureChromium() {
  const isRoot = process.getuid?.() === 0;
  const canInstall = isRoot && existsSync('/usr/bin/apt-get');
  const missing = [...(findChromium() ? [] : ['chromium']), ...(existsSync(CJK_FONT) ? [] : ['fonts-noto-cjk'])];
  if (missing.length > 0 && canInstall) {
    console.log(`installing Debian's ${missing.join(' and ')} for the browser tests (apt-get install ${missing.join(' ')})…`);
    aptInstall(missing);
  } else if (missing.includes('fonts-noto-cjk')) {
    console.warn('No CJK font: Chinese screens will draw boxes (Debian: sudo apt-get install fonts-noto-cjk).');
  }
  const found = findChromium();
  if (found) return found;
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
