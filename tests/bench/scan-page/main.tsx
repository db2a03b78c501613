import { signal } from '@preact/signals';
import { render } from 'preact';
import { useLayoutEffect } from 'preact/hooks';
import QRCode from 'qrcode';
import { badgeSigningInput, encodeBadgePayload, formatBadge, verifyBadge, type BadgeContext } from '../../../src/domain/badge';
import { verifyEd25519 } from '../../../src/kiosk/platform/ed25519';
import { createScanner, LIBRARY_DEFAULTS, SHIPPED_TUNING, type ScanTuning } from '../../../src/kiosk/platform/scanner';

// Scan-to-result in a real Chromium with the kiosk's own scanner adapter (html5-qrcode), badge
// verification (domain verifyBadge + WebCrypto Ed25519) and a Preact greeting. The camera is a canvas
// stream standing in for getUserMedia, so the bench knows the moment a QR appears (T0, the draw) and
// takes T1 in the first animation frame after the greeting is rendered (the frame that paints it).

const W = 640;
const H = 480;
const MODULE_PX = 4; // a version-7 badge (45 modules) is 180 px: ~a third of the frame, as held up to a kiosk

// ---- the fake camera: 30 frames/s of whatever `shown` is, like a webcam looking at a wall or a badge
const cam = document.createElement('canvas');
cam.width = W;
cam.height = H;
const g = cam.getContext('2d')!;
let shown: HTMLCanvasElement | null = null;
const paint = () => {
  g.fillStyle = '#f4f4f0';
  g.fillRect(0, 0, W, H);
  if (shown) g.drawImage(shown, Math.round((W - shown.width) / 2), Math.round((H - shown.height) / 2));
};
paint();
setInterval(paint, 1000 / 30);
Object.defineProperty(navigator.mediaDevices, 'getUserMedia', { value: async () => cam.captureStream(30), configurable: true });

function qrImage(text: string): HTMLCanvasElement {
  const q = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = q.modules.size;
  const quiet = 4;
  const c = document.createElement('canvas');
  c.width = c.height = (n + 2 * quiet) * MODULE_PX;
  const x = c.getContext('2d')!;
  x.fillStyle = '#fff';
  x.fillRect(0, 0, c.width, c.height);
  x.fillStyle = '#000';
  for (let r = 0; r < n; r++) for (let col = 0; col < n; col++) if (q.modules.data[r * n + col]) x.fillRect((col + quiet) * MODULE_PX, (r + quiet) * MODULE_PX, MODULE_PX, MODULE_PX);
  return c;
}

// ---- badges signed by a key made here, verified against its public key as a kiosk would
async function makeBadges(count: number) {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const pub = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const now = Math.floor(Date.now() / 1000);
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) {
    const payload = encodeBadgePayload({ kid: 1, memberId: String(100_000 + i), name: '张*明', issuedAt: now - 3600, expiresAt: now + 365 * 86400 });
    if (!payload.ok) throw new Error(payload.error);
    const sig = new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, pair.privateKey, new Uint8Array(badgeSigningInput(payload.value))));
    tokens.push(formatBadge(payload.value, sig));
  }
  const ctx: BadgeContext = { keys: new Map([[1, pub]]), revokedMembers: [], revokedBadges: [], suspendedMembers: [], now: Date.now() };
  return { tokens, ctx };
}

// ---- the greeting, rendered by Preact like the member screen
const greeting = signal<{ name: string; memberId: string } | null>(null);
let onPainted: (() => void) | null = null;
function Greeting() {
  const g = greeting.value;
  useLayoutEffect(() => {
    if (g && onPainted) {
      const done = onPainted;
      onPainted = null;
      requestAnimationFrame(() => done());
    }
  }, [g]);
  return g ? <h1 data-testid="greeting" style={{ fontSize: '96px' }}>你好，{g.name} · {g.memberId}</h1> : <p>…</p>;
}
render(<Greeting />, document.getElementById('app')!);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `tweak` is for trying other tunings by hand (see scan.ts); `npm run bench` measures the two as they are. */
async function scanLatency(which: 'shipped' | 'defaults', scans: number, warmup: number, tweak: Partial<ScanTuning> = {}) {
  const tuning: ScanTuning = { ...(which === 'shipped' ? SHIPPED_TUNING : LIBRARY_DEFAULTS), ...tweak };
  const { tokens, ctx } = await makeBadges(scans + warmup);
  const images = tokens.map(qrImage);
  let expect: string | null = null;
  let t1: ((t: number) => void) | null = null;
  const scanner = createScanner({ tuning });
  const started = await scanner.start({ facingMode: 'user' }, (text) => {
    if (text !== expect) return; // the same code arrives every frame it is seen: act once
    expect = null;
    void verifyBadge(text, ctx, verifyEd25519).then((r) => {
      if (!r.ok) throw new Error(r.error);
      const done = t1;
      onPainted = () => done?.(performance.now());
      greeting.value = { name: r.value.name, memberId: r.value.memberId };
    });
  }, () => undefined);
  if (!started.ok) throw new Error(`scanner: ${started.error}`);
  await sleep(1500); // the video plays and the scan loop runs
  const samples: number[] = [];
  const missed: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    shown = null;
    paint();
    greeting.value = null;
    // a random gap puts the QR's arrival at a random point of the scanner's loop, as people arrive
    await sleep(400 + Math.random() * 1000);
    const done = new Promise<number>((resolve) => (t1 = resolve));
    expect = tokens[i]!;
    shown = images[i]!;
    paint();
    const t0 = performance.now();
    const end = await Promise.race([done, sleep(5000).then(() => null)]);
    if (end === null) missed.push(i);
    else if (i >= warmup) samples.push(end - t0);
  }
  await scanner.stop();
  shown = null;
  return { samples, missed, nativeDetector: 'BarcodeDetector' in window, userAgent: navigator.userAgent };
}

/** Badge verifications one after another for `ms` (a kiosk checks one badge at a time). */
async function verifyRate(ms: number) {
  const { tokens, ctx } = await makeBadges(50);
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < ms) {
    const r = await verifyBadge(tokens[n % tokens.length], ctx, verifyEd25519);
    if (!r.ok) throw new Error(r.error);
    n++;
  }
  return n / ((performance.now() - t0) / 1000);
}

(window as unknown as { bench: object }).bench = { scanLatency, verifyRate };
document.body.dataset.ready = 'yes';
