import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { BookScreenProps } from './BookScreen';

// The Book screen in its own chunk (precached by the service worker like every asset, so it opens
// offline): the attract screen and every check-in scan would otherwise load its grid, result and styles
// at start. App asks for it as soon as the kiosk has the Book feature, so a tap on Book does not wait.

type Screen = (p: BookScreenProps) => JSX.Element;
let loaded: Screen | null = null;
let loading: Promise<Screen> | null = null;

export function preloadBookScreen(): Promise<Screen> {
  loading ??= import('./BookScreen').then(
    (m) => (loaded = m.BookScreen),
    (e: unknown) => {
      loading = null; // a failed fetch (an update replaced the chunk, say) is tried again at the next open
      throw e;
    },
  );
  return loading;
}

export function LazyBookScreen(p: BookScreenProps) {
  const [screen, setScreen] = useState<{ readonly render: Screen } | null>(loaded && { render: loaded });
  useEffect(() => {
    if (screen) return;
    let current = true;
    preloadBookScreen().then((render) => current && setScreen({ render }), () => {});
    return () => {
      current = false;
    };
  }, [screen]);
  if (!screen) return <main class="screen book" data-testid="book-screen" aria-busy="true" />;
  const Render = screen.render;
  return <Render {...p} />;
}
