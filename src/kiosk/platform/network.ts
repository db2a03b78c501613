import { signal, type ReadonlySignal } from '@preact/signals';

/** The browser's idea of connectivity: the initial value, then every online/offline event. */
export function watchNetwork(): { readonly online: ReadonlySignal<boolean>; stop(): void } {
  const online = signal(navigator.onLine);
  const up = () => (online.value = true);
  const down = () => (online.value = false);
  window.addEventListener('online', up);
  window.addEventListener('offline', down);
  return {
    online,
    stop() {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    },
  };
}
