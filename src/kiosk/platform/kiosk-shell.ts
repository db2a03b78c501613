// The browser as a kiosk: fullscreen on the first touch, the screen kept awake, no context menu,
// no pinch or ctrl-wheel zoom, and every touch or key reported as activity.

export function enterFullscreenOnFirstTouch(doc: Document = document): void {
  const go = () => {
    if (!doc.fullscreenElement && doc.fullscreenEnabled) {
      doc.documentElement.requestFullscreen({ navigationUI: 'hide' }).catch(() => undefined);
    }
  };
  doc.addEventListener('pointerdown', go, { once: true, capture: true });
}

/** Holds a screen wake lock; the browser drops it when the page is hidden, so it is re-requested. */
export function keepScreenAwake(doc: Document = document, nav: Navigator = navigator): void {
  if (!('wakeLock' in nav)) return;
  let held = false;
  const request = () => {
    if (held || doc.visibilityState !== 'visible') return;
    nav.wakeLock
      .request('screen')
      .then((lock) => {
        held = true;
        lock.addEventListener('release', () => (held = false));
      })
      .catch(() => undefined); // refused (no user activation yet, battery saver): try again later
  };
  request();
  doc.addEventListener('visibilitychange', request);
  doc.addEventListener('pointerdown', request, { capture: true });
}

export function blockBrowserGestures(doc: Document = document): void {
  doc.addEventListener('contextmenu', (e) => e.preventDefault());
  doc.addEventListener('selectstart', (e) => e.preventDefault());
  doc.addEventListener('dragstart', (e) => e.preventDefault());
  // Safari's pinch events and ctrl+wheel zoom: the viewport meta covers the rest
  doc.addEventListener('gesturestart', (e) => e.preventDefault());
  doc.addEventListener('wheel', (e) => e.ctrlKey && e.preventDefault(), { passive: false });
  doc.addEventListener('touchmove', (e) => e.touches.length > 1 && e.preventDefault(), { passive: false });
}

export function onUserActivity(fn: () => void, doc: Document = document): void {
  for (const type of ['pointerdown', 'keydown', 'wheel'] as const) {
    doc.addEventListener(type, fn, { capture: true, passive: true });
  }
}
