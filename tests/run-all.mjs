// `npm test`: typecheck, the shape checks (no import cycle in src/, no logic written twice: jscpd with
// the "jscpd" key of package.json), unit tests (hub on PGlite and PostgreSQL), end-to-end tests in Chromium, then the 5-day
// soak (tests/soak/soak.spec.ts, alone on the machine: it compresses days into seconds).
// Every stage runs even when an earlier one fails, and the last line sums up all of them.
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { ensureChromium } from './support/chromium.mjs';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);
mkdirSync('.tmp', { recursive: true });

function findInitdb() {
  const dirs = (process.env.PATH ?? '').split(':');
  if (existsSync('/usr/lib/postgresql')) {
    for (const v of readdirSync('/usr/lib/postgresql')) dirs.push(`/usr/lib/postgresql/${v}/bin`);
  }
  return dirs.some((d) => existsSync(`${d}/initdb`));
}

function ensurePostgres() {
  if (findInitdb()) return;
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    console.log("PostgreSQL not found: installing Debian's postgresql package…");
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'postgresql'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (findInitdb()) return;
  }
  throw new Error('The hub tests need PostgreSQL 15 (initdb, pg_ctl). Install it: sudo apt-get install postgresql');
}

const bin = (name) => `node_modules/.bin/${name}`;
const results = [];
function stage(name, cmd, args) {
  console.log(`\n=== ${name}: ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  results.push({ name, ok: r.status === 0 });
  return r.status === 0;
}

ensureChromium();
ensurePostgres();

stage('typecheck', bin('tsc'), ['-b']);
stage('cycles', process.execPath, ['tests/checks/import-cycles.mjs', 'src']);
stage('copies', bin('jscpd'), []); // settings: the "jscpd" key of package.json
rmSync('.tmp/vitest.json', { force: true });
stage('unit', bin('vitest'), ['run', '--reporter=default', '--reporter=json', '--outputFile.json=.tmp/vitest.json']);
rmSync('.tmp/playwright.json', { force: true });
stage('e2e', bin('playwright'), ['test', '-c', 'tests/e2e/playwright.config.ts']);
rmSync('.tmp/playwright-soak.json', { force: true });
stage('soak', bin('playwright'), ['test', '-c', 'tests/soak/playwright.config.ts']);

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}
let passed = 0;
let failed = 0;
const v = readJson('.tmp/vitest.json');
if (v) {
  passed += v.numPassedTests;
  failed += v.numFailedTests;
}
const browser = { e2e: readJson('.tmp/playwright.json'), soak: readJson('.tmp/playwright-soak.json') };
for (const p of Object.values(browser)) {
  if (!p) continue;
  passed += p.stats.expected + p.stats.flaky;
  failed += p.stats.unexpected;
}
// A stage that failed without counting tests (typecheck, a crash) still counts as a failure.
for (const r of results) if (!r.ok && !(r.name === 'unit' && v?.numFailedTests) && !(browser[r.name]?.stats.unexpected)) failed += 1;

console.log('\n' + results.map((r) => `${r.name}: ${r.ok ? 'ok' : 'FAILED'}`).join(', '));
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
