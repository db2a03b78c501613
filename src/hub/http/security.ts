import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';

// What the kiosk needs and nothing more: its own scripts, inline styles (Preact style props), camera
// streams (mediastream:), blob/data images (QR rendering), its service worker and manifest.
export const CSP = [
  "default-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  "style-src 'self' 'unsafe-inline'",
  // 'wasm-unsafe-eval': the QR decoder is WebAssembly (zxing-cpp); it allows compiling wasm, not eval
  "script-src 'self' 'wasm-unsafe-eval'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

/** One year: browsers ask for at least 180 days before they keep a site HTTPS-only. */
export const HSTS = 'max-age=31536000';

/** The headers on every answer; HSTS only when the hub itself serves HTTPS (over plain HTTP browsers ignore it). */
export const securityHeaders = (tls: boolean): MiddlewareHandler => async (c, next) => {
  await next();
  const h = c.res.headers;
  if (tls) h.set('Strict-Transport-Security', HSTS);
  h.set('X-Content-Type-Options', 'nosniff');
  // same-origin, not no-referrer: under no-referrer Chromium sends `Origin: null` on form posts, and the
  // admin's Origin check would refuse every form. Nothing leaks to other sites either way.
  h.set('Referrer-Policy', 'same-origin');
  h.set('X-Frame-Options', 'DENY');
  h.set('Content-Security-Policy', CSP);
  h.set('Permissions-Policy', 'camera=(self), microphone=(), geolocation=()');
  h.set('Cross-Origin-Opener-Policy', 'same-origin');
};

/**
 * The client's address as the socket saw it. X-Forwarded-For is not trusted: the hub is meant to be
 * reached directly on the LAN, and trusting it would let anyone dodge the login rate limit.
 */
export function clientIp(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

/** A browser's Origin header, when present, must be this hub's own origin (a second line after CSRF tokens). */
export function foreignOrigin(c: Context): boolean {
  const origin = c.req.header('Origin');
  if (origin === undefined) return false;
  const url = new URL(c.req.url);
  const host = c.req.header('Host') ?? url.host;
  return origin !== `${url.protocol}//${host}`;
}

/** A secret the client sent equals ours, compared in constant time (CSRF tokens, the ops key, METRICS_TOKEN). */
export function sameSecret(given: unknown, ours: string | undefined): boolean {
  if (typeof given !== 'string' || !ours) return false;
  const x = Buffer.from(given);
  const y = Buffer.from(ours);
  return x.length === y.length && timingSafeEqual(x, y);
}
