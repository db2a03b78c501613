import QRCode from 'qrcode';

// A badge as a lobby webcam sees it (issue 11), rendered from a model of the scene rather than picked by
// hand: a card (or a phone) held at some distance, rotation and tilt in front of a fixed-focus webcam of
// about 65° field of view, with the defocus such a camera has close up, motion blur, sensor noise, low
// light and glare. Everything is seeded, so a corpus is the same on every run and machine.
//
// The optics, in short. A pinhole camera of focal length f = (W/2)/tan(FOV/2) pixels sees a card of side
// s mm at distance d mm as f·s/d pixels. A fixed-focus lens focused at FOCUS_MM blurs a point at d into
// a disc whose size grows with |1/d − 1/FOCUS_MM| (thin-lens defocus); BLUR_K turns that into a Gaussian
// sigma in pixels at 640 px width, scaled with the sensor's width like every other length in pixels.
// BLUR_K is set so a card at 15 cm is blurred by about 1.8 px at 640×480, as the webcam was.

export interface Rng {
  next(): number; // [0, 1)
  range(a: number, b: number): number;
  normal(): number;
  pick<T>(xs: readonly T[]): T;
}

/** mulberry32: small, fast, and the same everywhere. */
export function rng(seed: number): Rng {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let spare: number | null = null;
  return {
    next,
    range: (a, b) => a + (b - a) * next(),
    normal() {
      if (spare !== null) {
        const x = spare;
        spare = null;
        return x;
      }
      const u = Math.max(next(), 1e-12);
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    pick: (xs) => xs[Math.floor(next() * xs.length)]!,
  };
}

export const FOV_DEGREES = 65;
export const FOCUS_MM = 700;
export const BLUR_K = 0.35;

export interface Sensor {
  readonly width: number;
  readonly height: number;
}
export const VGA: Sensor = { width: 640, height: 480 };
export const HD: Sensor = { width: 1280, height: 720 };

/** Where and how the badge is held, and what the light and the sensor do. Lengths in mm, angles in degrees. */
export interface Scene {
  readonly id: string;
  readonly condition: string;
  /** printed card (the QR's side in mm) or a phone screen showing it */
  readonly medium: { readonly kind: 'card'; readonly qrMm: number } | { readonly kind: 'phone'; readonly qrMm: number; readonly brightness: number };
  readonly distanceMm: number;
  readonly offsetMm: readonly [number, number]; // from the optical axis
  readonly rollDeg: number; // about the optical axis
  readonly pitchDeg: number; // tilted away (top or bottom further)
  readonly yawDeg: number;
  readonly exposure: number; // 1: a well-lit lobby
  readonly noise: number; // sensor noise sigma at exposure 1, grey levels of 255
  readonly motionPx: number; // at 640 px width, per frame
  readonly motionAngleDeg: number;
  readonly glare: { readonly x: number; readonly y: number; readonly radiusMm: number; readonly strength: number } | null; // on the card, mm from its centre
  readonly extraBlurPx: number; // beyond defocus: a smudged lens, a cheap sensor (at 640 px)
  readonly seed: number;
}

/** The defocus of a fixed-focus webcam at distance d, as a Gaussian sigma in pixels of this sensor. */
export function defocusPx(distanceMm: number, sensor: Sensor): number {
  return (BLUR_K * Math.abs(1000 / distanceMm - 1000 / FOCUS_MM) * sensor.width) / 640;
}

/** The QR's modules for a text, as the hub draws badges (error correction M; a mask zxing-js reads). */
export type Modules = { readonly size: number; get(row: number, col: number): boolean | number };
export function modulesOf(text: string, mask?: number): Modules {
  return QRCode.create(text, { errorCorrectionLevel: 'M', ...(mask === undefined ? {} : { maskPattern: mask as 0 }) }).modules;
}

const CARD_MM: readonly [number, number] = [85.6, 54]; // ID-1, landscape
const PHONE_MM: readonly [number, number] = [70, 150];

/**
 * One grey frame (0–255, row-major) of `modules` as the sensor sees the scene at time `frame` (hand
 * shake, motion and noise differ per frame; the rest is the scene). `crop`: only the centre of the
 * sensor at native resolution (a 1280×720 camera read as its centre 640×480).
 */
export function renderFrame(modules: Modules, scene: Scene, sensor: Sensor, frame: number, crop?: Sensor): Uint8ClampedArray {
  const r = rng(scene.seed * 7919 + frame * 104729 + sensor.width);
  const scale = sensor.width / 640;
  const f = sensor.width / 2 / Math.tan(((FOV_DEGREES / 2) * Math.PI) / 180);
  const out = crop ?? sensor;
  const ox = (sensor.width - out.width) / 2;
  const oy = (sensor.height - out.height) / 2;
  const cx = sensor.width / 2;
  const cy = sensor.height / 2;
  // hand shake: a millimetre and a fraction of a degree from frame to frame
  const shake = frame === 0 ? [0, 0, 0] : [r.normal() * 0.8, r.normal() * 0.8, r.normal() * 0.4];
  const rad = Math.PI / 180;
  const [a, b, c] = [(scene.rollDeg + shake[2]!) * rad, scene.pitchDeg * rad, scene.yawDeg * rad];
  // rotation R = Rz(roll)·Rx(pitch)·Ry(yaw): card axes in camera space
  const [ca, sa, cb, sb, cc, sc] = [Math.cos(a), Math.sin(a), Math.cos(b), Math.sin(b), Math.cos(c), Math.sin(c)];
  const ry = [[cc, 0, sc], [0, 1, 0], [-sc, 0, cc]];
  const rx = [[1, 0, 0], [0, cb, -sb], [0, sb, cb]];
  const rz = [[ca, -sa, 0], [sa, ca, 0], [0, 0, 1]];
  const mul = (p: number[][], q: number[][]) => p.map((row) => [0, 1, 2].map((j) => row.reduce((s, v, k) => s + v * q[k]![j]!, 0)));
  const R = mul(rz, mul(rx, ry));
  const T = [scene.offsetMm[0] + shake[0]!, scene.offsetMm[1] + shake[1]!, scene.distanceMm];
  const n = [R[0]![2]!, R[1]![2]!, R[2]![2]!];
  const nT = n[0]! * T[0]! + n[1]! * T[1]! + n[2]! * T[2]!;
  const m = modules.size;
  const qrMm = scene.medium.qrMm;
  const moduleMm = qrMm / m;
  const phone = scene.medium.kind === 'phone' ? scene.medium : null;
  const [halfW, halfH] = phone ? [PHONE_MM[0] / 2, PHONE_MM[1] / 2] : [CARD_MM[0] / 2, CARD_MM[1] / 2];
  const screenHalf = phone ? [halfW - 3, halfH - 8] : [0, 0];
  // reflectances (card) or emitted light (phone), before exposure
  const white = phone ? 0.95 * phone.brightness : 0.88;
  const black = phone ? 0.04 + 0.03 * phone.brightness : 0.07;
  const bezel = 0.03;
  const bgBase = 0.35 + 0.2 * rng(scene.seed).next();
  const lum = new Float32Array(out.width * out.height);
  const [n0, n1, n2, t0, t1, t2] = [n[0]!, n[1]!, n[2]!, T[0]!, T[1]!, T[2]!];
  const [r00, r10, r20, r01, r11, r21] = [R[0]![0]!, R[1]![0]!, R[2]![0]!, R[0]![1]!, R[1]![1]!, R[2]![1]!];
  const dark = new Uint8Array(m * m);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) dark[i * m + j] = modules.get(i, j) ? 1 : 0;
  const [sw, sh] = [screenHalf[0]!, screenHalf[1]!];
  for (let y = 0; y < out.height; y++) {
    const ry0 = (y + oy + 0.5 - cy) / f;
    for (let x = 0; x < out.width; x++) {
      const rx0 = (x + ox + 0.5 - cx) / f;
      const nr = n0 * rx0 + n1 * ry0 + n2;
      let v = bgBase + 0.1 * Math.sin((x + ox) * 0.013 + (y + oy) * 0.007); // a room, not a flat wall
      if (nr > 1e-6) {
        const t = nT / nr;
        const px = t * rx0 - t0;
        const py = t * ry0 - t1;
        const pz = t - t2;
        const u = r00 * px + r10 * py + r20 * pz; // card coordinates, mm
        const w = r01 * px + r11 * py + r21 * pz;
        if (u <= halfW && u >= -halfW && w <= halfH && w >= -halfH) {
          if (phone && (u > sw || u < -sw || w > sh || w < -sh)) v = bezel;
          else {
            v = white;
            const col = Math.floor(u / moduleMm + m / 2);
            const row = Math.floor(w / moduleMm + m / 2);
            if (row >= 0 && col >= 0 && row < m && col < m && dark[row * m + col] === 1) v = black;
            const g = scene.glare;
            if (g) v += g.strength * Math.exp(-((u - g.x) ** 2 + (w - g.y) ** 2) / (2 * g.radiusMm ** 2));
          }
        }
      }
      lum[y * out.width + x] = v;
    }
  }
  const sigma = Math.hypot(defocusPx(scene.distanceMm, sensor), scene.extraBlurPx * scale, 0.45 * scale);
  gaussianBlur(lum, out.width, out.height, sigma);
  const motion = scene.motionPx * scale * (0.6 + 0.8 * r.next());
  if (motion >= 1) motionBlur(lum, out.width, out.height, motion, scene.motionAngleDeg * rad);
  const gain = 1 / Math.max(0.15, scene.exposure); // the camera's auto gain brightens a dark scene, and its noise
  const noise = scene.noise * Math.sqrt(gain);
  const img = new Uint8ClampedArray(out.width * out.height);
  for (let i = 0; i < img.length; i++) img[i] = 255 * Math.min(1, lum[i]! * scene.exposure * gain * 0.92) + noise * r.normal();
  return img;
}

function gaussianBlur(img: Float32Array, w: number, h: number, sigma: number): void {
  if (sigma < 0.3) return;
  const radius = Math.ceil(sigma * 3);
  const kernel = new Float32Array(2 * radius + 1);
  let sum = 0;
  for (let i = 0; i <= 2 * radius; i++) sum += kernel[i] = Math.exp(-((i - radius) ** 2) / (2 * sigma * sigma));
  for (let i = 0; i <= 2 * radius; i++) kernel[i]! /= sum;
  const pass = (src: Float32Array, dst: Float32Array, len: number, lines: number, step: number, lineStep: number) => {
    for (let l = 0; l < lines; l++) {
      const base = l * lineStep;
      for (let x = 0; x < len; x++) {
        let acc = 0;
        if (x >= radius && x < len - radius) {
          let at = base + (x - radius) * step;
          for (let i = 0; i <= 2 * radius; i++, at += step) acc += kernel[i]! * src[at]!;
        } else {
          for (let i = -radius; i <= radius; i++) acc += kernel[i + radius]! * src[base + Math.min(len - 1, Math.max(0, x + i)) * step]!;
        }
        dst[base + x * step] = acc;
      }
    }
  };
  const tmp = new Float32Array(img.length);
  pass(img, tmp, w, h, 1, w); // rows
  pass(tmp, img, h, w, w, 1); // columns
}

/** A straight smear of `length` px at `angle`: the card moved while the shutter was open. */
function motionBlur(img: Float32Array, w: number, h: number, length: number, angle: number): void {
  const steps = Math.ceil(length);
  const [dx, dy] = [Math.cos(angle), Math.sin(angle)];
  const src = img.slice();
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let s = 0;
      for (let i = 0; i < steps; i++) {
        const t = (i / Math.max(1, steps - 1) - 0.5) * length;
        const sx = Math.min(w - 1, Math.max(0, Math.round(x + dx * t)));
        const sy = Math.min(h - 1, Math.max(0, Math.round(y + dy * t)));
        s += src[sy * w + sx]!;
      }
      img[y * w + x] = s / steps;
    }
  }
}

/** The condition classes of the corpus and how each draws its scenes. */
export const CONDITIONS = [
  'clean', 'small and far', 'close (defocus)', 'rotated', 'tilted', 'sensor noise', 'low light', 'glare', 'motion', 'everyday mix', 'phone, full brightness', 'phone, low brightness',
] as const;
export type Condition = (typeof CONDITIONS)[number];

/** One scene of a condition class, drawn from the seeded model. */
export function sceneOf(condition: Condition, seed: number): Scene {
  const r = rng(seed);
  const card = { kind: 'card' as const, qrMm: r.range(25, 30) };
  const base: Scene = {
    id: `${condition}#${seed}`, condition, medium: card, distanceMm: r.range(160, 280), offsetMm: [r.range(-25, 25), r.range(-20, 20)],
    rollDeg: r.range(-8, 8), pitchDeg: r.range(-5, 5), yawDeg: r.range(-5, 5), exposure: r.range(0.85, 1.1), noise: r.range(2, 4),
    motionPx: 0, motionAngleDeg: 0, glare: null, extraBlurPx: r.range(0, 0.3), seed,
  };
  switch (condition) {
    case 'clean': return base;
    case 'small and far': return { ...base, distanceMm: r.range(330, 500) };
    case 'close (defocus)': return { ...base, distanceMm: r.range(120, 160) };
    case 'rotated': return { ...base, rollDeg: r.range(-180, 180) };
    case 'tilted': return { ...base, pitchDeg: r.pick([-1, 1]) * r.range(20, 45), yawDeg: r.range(-25, 25) };
    case 'sensor noise': return { ...base, noise: r.range(12, 25) };
    case 'low light': return { ...base, exposure: r.range(0.25, 0.45), noise: r.range(3, 6) };
    case 'glare': return { ...base, glare: { x: r.range(-15, 15), y: r.range(-12, 12), radiusMm: r.range(4, 10), strength: r.range(0.4, 0.9) } };
    case 'motion': return { ...base, motionPx: r.range(2, 7), motionAngleDeg: r.range(0, 180) };
    case 'everyday mix': return {
      ...base, distanceMm: r.range(150, 350), rollDeg: r.range(-20, 20), pitchDeg: r.range(-20, 20), noise: r.range(6, 12),
      exposure: r.range(0.55, 0.9), motionPx: r.range(0, 3), motionAngleDeg: r.range(0, 180), extraBlurPx: r.range(0.2, 0.8),
    };
    case 'phone, full brightness': return { ...base, medium: { kind: 'phone', qrMm: r.range(35, 45), brightness: 1 }, distanceMm: r.range(180, 350) };
    case 'phone, low brightness': return { ...base, medium: { kind: 'phone', qrMm: r.range(35, 45), brightness: r.range(0.25, 0.4) }, distanceMm: r.range(180, 350), noise: r.range(3, 6) };
  }
}

/**
 * The corpus: `perCondition` (≤ 100) scenes of every class, seeds fixed by position. `set` 1, 2 … draws
 * other scenes of the same model (seeds 100, 200 … on): a corpus a decoder was not tuned on.
 */
export function corpus(perCondition: number, set = 0): Scene[] {
  if (perCondition > 100) throw new RangeError(`corpus: ${perCondition} scenes a class overlap the next set`);
  return CONDITIONS.flatMap((c, ci) => Array.from({ length: perCondition }, (_, i) => sceneOf(c, 1000 * (ci + 1) + 100 * set + i)));
}
