import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { rewriteSection } from './sections';

// The kiosk's bundle, built as `npm start` builds it, by what a kiosk loads when (issue 11's budget for
// the JavaScript at start; the decoders' sizes beside it).

const root = join(import.meta.dirname, '../..');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
}

export function bundleSizes() {
  execFileSync('node_modules/.bin/vite', ['build', '--logLevel', 'warn'], { stdio: 'inherit' });
  const files = walk('dist').filter((f) => /\.(js|css)$/.test(f));
  const sum = (re: RegExp, fn: (b: Buffer) => number) => files.filter((f) => re.test(f)).reduce((s, f) => s + fn(readFileSync(f)), 0);
  const gz = (b: Buffer) => gzipSync(b, { level: 9 }).length;
  // What the page loads at start is what index.html names (its entry script and any modulepreload);
  // the rest are chunks loaded on demand: the camera decoder (html5-qrcode with zxing-js) on the first
  // scanner start, the phone-QR encoder on the suggestion screen. All are precached by the service worker.
  const html = readFileSync('dist/index.html', 'utf8');
  const js = files.filter((f) => /assets\/.*\.js$/.test(f));
  const atStart = js.filter((f) => html.includes(`/assets/${f.split('/').pop()}`));
  const decoder = js.filter((f) => /MultiFormat/.test(readFileSync(f, 'latin1')));
  // zxing-cpp (issue 11): the kiosk's zxing-wasm detector (barcode-polyfill chunk) and its WebAssembly, loaded with the scanner
  const zxingCpp = [...js.filter((f) => /barcode-polyfill/.test(f)), ...walk('dist').filter((f) => f.endsWith('.wasm'))];
  const gzOf = (list: string[]) => list.reduce((s, f) => s + gz(readFileSync(f)), 0);
  const decoderGz = gzOf(decoder);
  return {
    decoderJsGzip: decoderGz,
    appJsGzip: gzOf(atStart),
    lazyJsGzip: gzOf(js.filter((f) => !atStart.includes(f) && !decoder.includes(f) && !zxingCpp.includes(f))),
    zxingCppGzip: gzOf(zxingCpp),
    zxingCppRaw: zxingCpp.reduce((s, f) => s + statSync(f).size, 0),
    cssGzip: sum(/\.css$/, gz),
    swJsGzip: sum(/sw\.js$/, gz),
    appJsRaw: sum(/assets\/.*\.js$/, (b) => b.length),
  };
}

export type BundleSizes = ReturnType<typeof bundleSizes>;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

export function bundleSection(sizes: BundleSizes): string {
  return `## Kiosk bundle (gzip -9)

| what | figure | budget |
| --- | --- | --- |
| app JavaScript loaded at start (the scripts index.html names) | ${kb(sizes.appJsGzip)} (raw, all chunks ${kb(sizes.appJsRaw)}) | ≤ 60 KiB |
| other chunks loaded on demand (the Book, member, Rate, Suggestion and Polls screens with their words, preloaded when the kiosk offers them; staff mode when opened; the phone-QR encoder) | ${kb(sizes.lazyJsGzip)} | — |
| camera QR decoder chunk (html5-qrcode, zxing-js), loaded on the first scanner start, precached | ${kb(sizes.decoderJsGzip)} | ≤ 120 KiB |
| zxing-cpp decoder where the browser has no BarcodeDetector (the kiosk's zxing-wasm detector and frame filters + zxing_reader.wasm), loaded with the scanner, precached | ${kb(sizes.zxingCppGzip)} (raw ${kb(sizes.zxingCppRaw)}) | ≤ 600 KiB |
| CSS | ${kb(sizes.cssGzip)} | ≤ 10 KiB |
| service worker (dist/sw.js) | ${kb(sizes.swJsGzip)} | ≤ 10 KiB |
`;
}

// `npx tsx tests/bench/bundle.ts`: this section alone, rewritten in BENCHMARKS.md
if (process.argv[1]?.endsWith('tests/bench/bundle.ts')) {
  process.chdir(root);
  const section = bundleSection(bundleSizes());
  console.log(section);
  rewriteSection(join(root, 'BENCHMARKS.md'), section);
}
