import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';

// A screen in a chunk of its own (precached by the service worker like every asset, so it opens
// offline), so the attract screen the kiosk starts on does not load every screen's code and words at
// start. `preload` is asked for as soon as the screen can be needed, so a tap or a scan does not wait;
// until the chunk is there, `placeholder` stands in for a frame.

type Render<P> = (p: P) => JSX.Element | null;

export interface LazyScreen<P> {
  readonly Screen: (p: P) => JSX.Element | null;
  preload(): Promise<Render<P>>;
}

export function lazyScreen<P extends object>(load: () => Promise<Render<P>>, placeholder: (p: P) => JSX.Element | null): LazyScreen<P> {
  let loaded: Render<P> | null = null;
  let loading: Promise<Render<P>> | null = null;
  const preload = () => {
    loading ??= load().then(
      (render) => (loaded = render),
      (e: unknown) => {
        loading = null; // a failed fetch (an update replaced the chunk, say) is tried again at the next open
        throw e;
      },
    );
    return loading;
  };
  function Screen(p: P) {
    const [screen, setScreen] = useState<{ readonly render: Render<P> } | null>(loaded && { render: loaded });
    useEffect(() => {
      if (screen) return;
      let current = true;
      preload().then((render) => current && setScreen({ render }), () => {});
      return () => {
        current = false;
      };
    }, [screen]);
    if (!screen) return placeholder(p);
    const Render = screen.render;
    return <Render {...p} />;
  }
  return { Screen, preload };
}
