/// <reference lib="webworker" />
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

// The kiosk's offline shell. Listeners only: every file of the build is precached (no lazy chunk is
// left out: the manifest globs the whole dist), navigations are answered with index.html, and the API
// is never cached here — the page keeps its own last good snapshot in IndexedDB.
declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | PrecacheEntry)[] };

/**
 * The static routing API (Chromium 123+): what a rule matches goes straight to the network, without a
 * fetch event, so the API's polls, events and heartbeats never wake this worker. An idle kiosk then
 * leaves the worker idle, which is when a new version may take over (a worker kept busy by requests
 * delays the takeover by minutes: issue 13's soak). Where the API is missing, the fetch event below
 * lets those requests through untouched, as before.
 */
interface RouterInstallEvent extends ExtendableEvent {
  addRoutes?(rules: readonly { condition: { urlPattern: unknown }; source: 'network' }[]): Promise<void>;
}
declare const URLPattern: (new (init: { pathname: string }) => unknown) | undefined;
self.addEventListener('install', (event) => {
  const routed = event as RouterInstallEvent;
  if (typeof routed.addRoutes !== 'function' || typeof URLPattern !== 'function') return;
  // by path alone, with any query string (a pattern written as text would want none)
  const rules = ['/api/*', '/admin', '/admin/*', '/healthz'].map((pathname) => ({ condition: { urlPattern: new URLPattern({ pathname }) }, source: 'network' as const }));
  event.waitUntil(routed.addRoutes(rules).catch(() => undefined));
});

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

registerRoute(
  new NavigationRoute(createHandlerBoundToURL('/index.html'), {
    denylist: [/^\/api(\/|$)/, /^\/admin(\/|$)/],
  }),
);

// A new version waits until the page, on its idle attract screen, says it may take over.
self.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});
