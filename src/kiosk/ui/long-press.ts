import { useEffect, useRef } from 'preact/hooks';

/** Pointer handlers that call fn once a press has been held for ms without being let go. */
export function useLongPress(ms: number, fn: () => void) {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const cancel = () => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
  };
  useEffect(() => cancel, []);
  return {
    onPointerDown: () => {
      cancel();
      timer.current = setTimeout(() => {
        timer.current = null;
        fn();
      }, ms);
    },
    onPointerUp: cancel,
    onPointerLeave: cancel,
    onPointerCancel: cancel,
  };
}
