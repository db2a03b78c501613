/** The browser's idea of connectivity: the initial value, then every online/offline event. */
export function watchNetwork(onChange: (online: boolean) => void): { readonly online: boolean; stop(): void } {
  const up = () => onChange(true);
  const down = () => onChange(false);
  window.addEventListener('online', up);
  window.addEventListener('offline', down);
  return {
    online: navigator.onLine,
    stop() {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    },
  };
}
