import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { readableMask } from '../../src/hub/badges/qr';
import { createFrameReader, KIOSK_TURNS, type FrameTurn } from '../../src/kiosk/platform/zxing-detector';
import { createFrameHistory } from './frame-average';
import { CONDITIONS, corpus, HD, modulesOf, renderFrame, rng, VGA, type Scene, type Sensor } from '../support/camera-scene';
import { percentile } from './scan';
import { rewriteSection } from './sections';

// Issue 11: badges as a lobby webcam sees them (tests/support/camera-scene.ts), read by each decoder the
// kiosk could ship, for each badge format and capture setting, side by side in one run.
//
// A camera delivers about 15 frames a second and each differs (hand shake, noise, motion), so a scene is
// "read within 1 s" when any of its frames in the first second decodes. The frames looked at are 0, 2 … 14
// (the first second at 7.5 a second) and then one every half second up to 3 s; a read's time is its
// frame's time plus the decode time measured for it. Decoding is in Node: zxing-js is the decoder inside
// html5-qrcode (what Linux and Windows Chromium used before issue 11), zxing-cpp is zxing-wasm with the
// kiosk's options, and '4 turns' (shipped) and 'smoothed every other frame' (before it) are the kiosk's own
// frame reader (zxing-detector.ts), the very code the kiosk runs. The shipped reader also runs in
// html5-qrcode's own decode loop (pacedScenes). Chromium on Linux has no native BarcodeDetector to compare.

const root = join(import.meta.dirname, '../..');
const FRAME_MS = 1000 / 15;
const FRAMES = [0, 2, 4, 6, 8, 10, 12, 14, 22, 30, 37, 44];
// html5-qrcode's default of 2 decodes a second
const DEFAULT_FRAMES = [0, 8, 15, 22, 30, 38, 45];

type Zx = Record<string, new (...a: unknown[]) => { decode?: (b: unknown) => { getText(): string } }>;
const zx = createRequire(import.meta.url)('html5-qrcode/third_party/zxing-js.umd.js') as Zx;
let wasmReady = false;

// 'zxing-cpp + average': zxing-cpp, and on a miss the mean of the last steady frames (frame-average.ts):
// measured, not shipped (it decodes twice on every missed frame, also on an idle attract screen).
// 'zxing-cpp, smoothed every other frame': the kiosk's frame reader before the local-contrast turns.
// 'zxing-cpp, 4 turns': what the kiosk ships (zxing-detector.ts KIOSK_TURNS), one decode a frame.
const SMOOTHED = 'zxing-cpp, smoothed every other frame';
const SHIPPED = 'zxing-cpp, 4 turns';
export type Decoder = 'zxing-js' | 'zxing-cpp' | typeof SMOOTHED | typeof SHIPPED | 'zxing-cpp + average';
export const DECODERS: readonly Decoder[] = ['zxing-js', 'zxing-cpp', SMOOTHED, SHIPPED, 'zxing-cpp + average'];
const TURNS: Partial<Record<Decoder, readonly FrameTurn[]>> = { [SMOOTHED]: ['plain', 'smoothed'], [SHIPPED]: KIOSK_TURNS };

function prepareWasm(): void {
  if (wasmReady) return;
  prepareZXingModule({ overrides: { wasmBinary: readFileSync(join(root, 'node_modules/zxing-wasm/dist/reader/zxing_reader.wasm')).buffer as ArrayBuffer } });
  wasmReady = true;
}

function rgbaOf(gray: Uint8ClampedArray): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(gray.length * 4);
  for (let i = 0; i < gray.length; i++) {
    rgba[i * 4] = rgba[i * 4 + 1] = rgba[i * 4 + 2] = gray[i]!;
    rgba[i * 4 + 3] = 255;
  }
  return rgba;
}

async function decode(decoder: 'zxing-js' | 'zxing-cpp', gray: Uint8ClampedArray, w: number, h: number): Promise<string | null> {
  if (decoder === 'zxing-js') {
    try {
      const bitmap = new zx.BinaryBitmap!(new zx.HybridBinarizer!(new zx.RGBLuminanceSource!(gray, w, h)));
      return new zx.QRCodeReader!().decode!(bitmap).getText();
    } catch {
      return null;
    }
  }
  prepareWasm();
  const rgba = rgbaOf(gray);
  const found = await readBarcodes({ data: rgba, width: w, height: h, colorSpace: 'srgb' } as unknown as ImageData, { formats: ['QRCode'] });
  return found.find((r) => r.isValid)?.text ?? null;
}

/** The two badge formats: today's signed token (QR version 7) and a short random secret (version 1). */
export const FORMATS = {
  'signed token (v7)': (seed: number) => {
    const r = rng(seed);
    const b64 = (n: number) => Array.from({ length: n }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[Math.floor(r.next() * 64)]).join('');
    return `WSC1.${b64(30)}.${b64(86)}`;
  },
  'short secret (v1)': (seed: number) => {
    const r = rng(seed);
    return `W2.${Array.from({ length: 16 }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[Math.floor(r.next() * 32)]).join('')}`;
  },
} as const;
export type Format = keyof typeof FORMATS;

// What the scanner decodes: the centre square html5-qrcode's qrbox (0.8 of the shorter side) cuts from
// the video at the camera's own pixels (platform/scanner.ts lays the box out at the delivered width).
// The first row is html5-qrcode as it comes: the whole 640×480 frame, 2 decodes a second, zxing-js.
export const CAPTURES = {
  '640×480, whole frame, 2 a second (html5-qrcode defaults)': { sensor: VGA, crop: undefined, frames: DEFAULT_FRAMES, decoders: ['zxing-js'] },
  '640×480 (centre 384 px)': { sensor: VGA, crop: { width: 384, height: 384 }, frames: FRAMES, decoders: DECODERS },
  '1280×720 (centre 576 px)': { sensor: HD, crop: { width: 576, height: 576 }, frames: FRAMES, decoders: DECODERS },
} as const satisfies Record<string, { sensor: Sensor; crop: Sensor | undefined; frames: readonly number[]; decoders: readonly Decoder[] }>;
export type Capture = keyof typeof CAPTURES;

export interface Outcome {
  readonly scene: Scene;
  readonly timeMs: number | null; // to the first read, or null: nothing within 3 s
  readonly falseRead: boolean;
}

/** Every scene of the corpus for one format and capture, through every decoder (frames rendered once). */
async function runScenes(scenes: readonly Scene[], format: Format, capture: Capture, decoders: readonly Decoder[] = CAPTURES[capture].decoders): Promise<Map<Decoder, Outcome[]>> {
  const { sensor, crop, frames } = CAPTURES[capture];
  prepareWasm();
  const out = new Map<Decoder, Outcome[]>(decoders.map((d) => [d, []]));
  for (const scene of scenes) {
    const text = FORMATS[format](scene.seed);
    const modules = modulesOf(text, readableMask(text));
    const w = (crop ?? sensor).width;
    const h = (crop ?? sensor).height;
    const open = new Set<Decoder>(decoders);
    const falseRead = new Set<Decoder>();
    const history = createFrameHistory();
    const readers = new Map(decoders.flatMap((d) => (TURNS[d] ? [[d, createFrameReader(readBarcodes, TURNS[d])] as const] : [])));
    for (const frame of frames) {
      if (open.size === 0) break;
      const gray = renderFrame(modules, scene, sensor, frame, crop);
      const average = history.push(gray, w);
      for (const d of [...open]) {
        const t0 = performance.now();
        const read = d === 'zxing-cpp + average'
          ? ((await decode('zxing-cpp', gray, w, h)) ?? (average ? await decode('zxing-cpp', average, w, h) : null))
          : readers.has(d)
            ? await readers.get(d)!.read({ data: rgbaOf(gray), width: w, height: h }).then((r) => (r.kind === 'read' ? r.text : null))
            : await decode(d as 'zxing-js' | 'zxing-cpp', gray, w, h);
        const ms = performance.now() - t0;
        if (read === null) continue;
        if (read !== text) falseRead.add(d);
        else {
          out.get(d)!.push({ scene, timeMs: frame * FRAME_MS + ms, falseRead: falseRead.has(d) });
          open.delete(d);
        }
      }
    }
    for (const d of open) out.get(d)!.push({ scene, timeMs: null, falseRead: falseRead.has(d) });
  }
  return out;
}

/**
 * The shipped reader in html5-qrcode's own loop instead of the sampled frames above: decode the newest frame,
 * wait 1000/fps ms, decode the newest again, up to 3 s. The frames it reads (and so the turns each gets)
 * follow from the decode times measured here, as they would on the kiosk.
 */
async function pacedScenes(scenes: readonly Scene[]): Promise<Outcome[]> {
  const { sensor, crop } = CAPTURES[SHIPPED_CAPTURE];
  const { width, height } = crop ?? sensor;
  prepareWasm();
  const out: Outcome[] = [];
  for (const scene of scenes) {
    const text = FORMATS[SHIPPED_FORMAT](scene.seed);
    const modules = modulesOf(text, readableMask(text));
    const reader = createFrameReader(readBarcodes, KIOSK_TURNS);
    let t = 0;
    let timeMs: number | null = null;
    let falseRead = false;
    while (timeMs === null && t <= 3000) {
      const gray = renderFrame(modules, scene, sensor, Math.floor(t / FRAME_MS), crop);
      const t0 = performance.now();
      const read = await reader.read({ data: rgbaOf(gray), width, height });
      const ms = performance.now() - t0;
      if (read.kind === 'read' && read.text !== text) falseRead = true;
      else if (read.kind === 'read') timeMs = t + ms;
      t += ms + FRAME_MS;
    }
    out.push({ scene, timeMs, falseRead });
  }
  return out;
}

export interface Figures {
  readonly scenes: number;
  readonly results: { format: Format; capture: Capture; decoder: Decoder; outcomes: Outcome[] }[];
  /** the shipped badge and capture on scenes the turns were not chosen on (corpus sets 3 and 4) */
  readonly heldOut: { scenes: number; results: { decoder: Decoder; outcomes: Outcome[] }[] } | null;
  /** the shipped reader at html5-qrcode's own pace, on the corpus and on sets 3 and 4 */
  readonly paced: { corpus: Outcome[]; heldOut: Outcome[] } | null;
}

const SHIPPED_FORMAT: Format = 'short secret (v1)';
const SHIPPED_CAPTURE: Capture = '1280×720 (centre 576 px)';

export async function cameraCorpusFigures(perCondition = Number(process.env.CORPUS_PER_CONDITION ?? 18)): Promise<Figures> {
  const scenes = corpus(perCondition);
  const results: Figures['results'] = [];
  // CORPUS_FORMATS=short: only the short badge (a quick look while tuning the decoder)
  const only = process.env.CORPUS_FORMATS;
  for (const format of (Object.keys(FORMATS) as Format[]).filter((f) => !only || f.startsWith(only))) {
    for (const capture of Object.keys(CAPTURES) as Capture[]) {
      const t0 = performance.now();
      const byDecoder = await runScenes(scenes, format, capture);
      console.log(`camera corpus: ${format}, ${capture}: ${Math.round((performance.now() - t0) / 1000)} s`);
      for (const [decoder, outcomes] of byDecoder) results.push({ format, capture, decoder, outcomes });
    }
  }
  let heldOut: Figures['heldOut'] = null;
  let paced: Figures['paced'] = null;
  if (!only || SHIPPED_FORMAT.startsWith(only)) {
    const fresh = [...corpus(perCondition, 3), ...corpus(perCondition, 4)];
    const t0 = performance.now();
    const byDecoder = await runScenes(fresh, SHIPPED_FORMAT, SHIPPED_CAPTURE, ['zxing-cpp', SMOOTHED, SHIPPED]);
    console.log(`camera corpus: held-out scenes: ${Math.round((performance.now() - t0) / 1000)} s`);
    heldOut = { scenes: fresh.length, results: [...byDecoder].map(([decoder, outcomes]) => ({ decoder, outcomes })) };
    const t1 = performance.now();
    paced = { corpus: await pacedScenes(scenes), heldOut: await pacedScenes(fresh) };
    console.log(`camera corpus: at html5-qrcode's pace: ${Math.round((performance.now() - t1) / 1000)} s`);
  }
  return { scenes: scenes.length, results, heldOut, paced };
}

const pct = (n: number, of: number) => `${of === 0 ? 0 : Math.round((1000 * n) / of) / 10} %`;

function summary(outcomes: readonly Outcome[]) {
  const times = outcomes.flatMap((o) => (o.timeMs === null ? [] : [o.timeMs])).sort((a, b) => a - b);
  return {
    in1: outcomes.filter((o) => o.timeMs !== null && o.timeMs <= 1000).length,
    in3: times.length,
    median: times.length ? Math.round(percentile(times, 50)) : NaN,
    p95: times.length ? Math.round(percentile(times, 95)) : NaN,
    falseReads: outcomes.filter((o) => o.falseRead).length,
    n: outcomes.length,
  };
}

export function cameraCorpusSection(f: Figures): string {
  const rows = f.results.map((r) => {
    const s = summary(r.outcomes);
    const ms = (x: number) => (Number.isNaN(x) ? '—' : `${x} ms`);
    return `| ${r.format} | ${r.capture} | ${r.decoder} | ${pct(s.in1, s.n)} | ${pct(s.in3, s.n)} | ${ms(s.median)} | ${ms(s.p95)} | ${s.falseReads} |`;
  });
  const perCondition = CONDITIONS.map((c) => {
    const cells = f.results.map((r) => {
      const s = summary(r.outcomes.filter((o) => o.scene.condition === c));
      return `${pct(s.in1, s.n).replace(' %', '')} / ${pct(s.in3, s.n).replace(' %', '')}`;
    });
    return `| ${c} | ${cells.join(' | ')} |`;
  });
  const shipped = f.results.find((r) => r.format === SHIPPED_FORMAT && r.capture === SHIPPED_CAPTURE && r.decoder === SHIPPED);
  const t = shipped && summary(shipped.outcomes);
  const clean = shipped && summary(shipped.outcomes.filter((o) => o.scene.condition === 'clean'));
  const targets = t && clean
    ? `Against the targets (issue 11), the shipped setup reads ${pct(t.in1, t.n)} within 1 s (target ≥ 95 %), ${pct(t.in3, t.n)} within 3 s
(≥ 99 %), clean scenes ${pct(clean.in1, clean.n)} within 1 s (100 %); median ${t.median} ms (≤ 300), p95 ${t.p95} ms (≤ 800); false reads ${t.falseReads} (0).
`
    : '';
  return `## Camera corpus (issue 11)

${f.scenes} scenes from a model of the lobby (\`tests/support/camera-scene.ts\`, seeded): a 25–30 mm QR on a card or a
35–45 mm QR on a phone screen, held 12–50 cm from a fixed-focus webcam of 65° field of view (focused at 70 cm, so
a card held close is out of focus), with rotation, tilt, sensor noise, low light (auto gain), glare, motion blur,
and phone screens at full and low brightness — 12 condition classes, ${f.scenes / CONDITIONS.length} scenes each. Each scene is a
sequence of frames (hand shake, fresh noise); read within 1 s / 3 s means a frame in that time decoded, and the
time is the frame's time plus the measured decode. What is decoded is what the kiosk's scanner decodes: the
centre square (0.8 of the shorter side) at the camera's own pixels; the first row of each badge is html5-qrcode
as it comes (the whole 640×480 frame, 2 decodes a second). Decoded in Node: zxing-js as html5-qrcode ships it,
zxing-cpp (zxing-wasm) with the kiosk's reader options, and the kiosk's own frame reader
(src/kiosk/platform/zxing-detector.ts, one decode a frame) in two versions: "smoothed every other frame" (every
second frame smoothed by a 3×3 binomial first; shipped until December 2026) and "4 turns", what it ships now:
frames plain, at local contrast of radius 4 px, smoothed, at local contrast of radius 3 px, in turn
(frame-filter.ts; the time includes the filter). A false read is a decode to any other text. Shipped: the short
badge, 1280×720, the 4-turn reader where the browser has no native detector; the frame average is measured, not
shipped (it decodes twice on every missed frame, also on an idle attract screen).

| badge | capture | decoder | read ≤ 1 s | read ≤ 3 s | median | p95 | false reads |
| --- | --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

Per condition, read ≤ 1 s / ≤ 3 s in %, in the order of the rows above:

| condition | ${f.results.map((r) => `${r.format.replace(/ \(.*/, '')}, ${r.capture.replace(/ \(.*/, '')}, ${r.decoder}`).join(' | ')} |
| --- | ${f.results.map(() => '---').join(' | ')} |
${perCondition.join('\n')}

${targets}${heldOutSection(f)}${pacedSection(f)}`;
}

/** The turns and their radii were chosen on the corpus above; the same model's other scenes say whether that holds. */
function heldOutSection(f: Figures): string {
  if (!f.heldOut) return '';
  const rows = f.heldOut.results.map((r) => {
    const s = summary(r.outcomes);
    return `| ${r.decoder} | ${pct(s.in1, s.n)} | ${pct(s.in3, s.n)} | ${Number.isNaN(s.median) ? '—' : `${s.median} ms`} | ${Number.isNaN(s.p95) ? '—' : `${s.p95} ms`} | ${s.falseReads} |`;
  });
  const shipped = f.heldOut.results.find((r) => r.decoder === SHIPPED);
  const missed = shipped ? shipped.outcomes.filter((o) => o.timeMs === null).map((o) => o.scene.id) : [];
  return `
The local-contrast turns and their radii were chosen among a few candidates on the scenes above and on corpus sets
1 and 2 (the same model's next 432 scenes), so ${f.heldOut.scenes} more scenes the choice never saw check it: corpus sets 3 and 4
(seeds 300–317 and 400–417 of each class), short badge, 1280×720:

| decoder | read ≤ 1 s | read ≤ 3 s | median | p95 | false reads |
| --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

Not read within 3 s by the shipped reader: ${missed.length ? missed.join(', ') : 'none'}.
`;
}

/** The tables above sample 12 frames in 3 s; the kiosk decodes as often as html5-qrcode's loop lets it. */
function pacedSection(f: Figures): string {
  if (!f.paced) return '';
  const row = (name: string, outcomes: readonly Outcome[]) => {
    const s = summary(outcomes);
    const missed = outcomes.filter((o) => o.timeMs === null).map((o) => o.scene.id);
    return `| ${name} | ${pct(s.in1, s.n)} | ${pct(s.in3, s.n)} | ${Number.isNaN(s.median) ? '—' : `${s.median} ms`} | ${Number.isNaN(s.p95) ? '—' : `${s.p95} ms`} | ${s.falseReads} | ${missed.length ? missed.join(', ') : 'none'} |`;
  };
  return `
The tables above look at 12 frames of each scene's 3 s, the same frames for every decoder. The kiosk looks at more:
html5-qrcode decodes the newest frame, waits 1000/15 ms, and decodes the newest again. The shipped reader (short
badge, 1280×720, 4 turns) in that loop, with the decode times measured here deciding which frames it sees (so
these figures move by a scene or two from one run to the next):

| scenes | read ≤ 1 s | read ≤ 3 s | median | p95 | false reads | not read within 3 s |
| --- | --- | --- | --- | --- | --- | --- |
${row(`corpus (${f.paced.corpus.length})`, f.paced.corpus)}
${row(`sets 3 and 4 (${f.paced.heldOut.length})`, f.paced.heldOut)}
`;
}

// `npx tsx tests/bench/camera-corpus.ts`: this benchmark alone, its section rewritten in BENCHMARKS.md
if (process.argv[1]?.endsWith('tests/bench/camera-corpus.ts')) {
  const figures = await cameraCorpusFigures();
  const section = cameraCorpusSection(figures);
  console.log(section);
  rewriteSection(join(root, 'BENCHMARKS.md'), section);
}
