import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Context } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm', // the QR decoder (zxing-cpp): compiled while it streams in
};

export const NOT_BUILT = 'The kiosk is not built yet: run npm run build';

/**
 * How long a browser may keep a file. The service worker and the page must always be revalidated, or
 * a kiosk could be stuck on an old version; hashed assets never change under their name.
 */
export function cacheControlFor(path: string): string {
  if (path === '/index.html' || path === '/sw.js' || path.endsWith('.webmanifest') || path.endsWith('.html')) return 'no-cache';
  if (path.startsWith('/assets/')) return 'public, max-age=31536000, immutable';
  return 'public, max-age=3600';
}

export function kioskBuilt(dist: string): boolean {
  return existsSync(join(dist, 'index.html'));
}

/** Serves a file of the built kiosk, or index.html for any other path (the kiosk routes itself). */
export async function serveKiosk(c: Context, dist: string): Promise<Response> {
  let path: string;
  try {
    path = decodeURIComponent(new URL(c.req.url).pathname);
  } catch {
    return c.text('Bad path', 400);
  }
  if (path.endsWith('/')) path += 'index.html';
  // normalize + prefix check: "..", encoded or not, can never leave the dist folder
  const file = normalize(join(dist, path));
  if (!file.startsWith(normalize(dist) + sep) || path.includes('\0')) return c.text('Not found', 404);
  const found = await stat(file).then((s) => s.isFile(), () => false);
  if (found) return send(c, file, path);
  // a missing hashed asset is a real 404: answering index.html would poison caches with HTML as JS
  if (path.startsWith('/assets/')) return c.text('Not found', 404);
  if (!kioskBuilt(dist)) return c.text(NOT_BUILT, 503);
  return send(c, join(dist, 'index.html'), '/index.html');
}

async function send(c: Context, file: string, path: string): Promise<Response> {
  const body = await readFile(file);
  return c.body(body, 200, {
    'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Cache-Control': cacheControlFor(path),
  });
}
