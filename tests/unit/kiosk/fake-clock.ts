import type { Clock } from '../../../src/kiosk/platform/clock';

/** A clock driven by the test: timers fire on advance(), then pending promises get a chance to run. */
export function fakeClock(start = Date.UTC(2025, 10, 23, 6, 0, 0)) {
  let t = start;
  const timers: { at: number; fn: () => void; every?: number }[] = [];
  const add = (ms: number, fn: () => void, every?: number) => {
    const timer = { at: t + ms, fn, ...(every !== undefined && { every }) };
    timers.push(timer);
    return () => {
      const i = timers.indexOf(timer);
      if (i >= 0) timers.splice(i, 1);
    };
  };
  const clock: Clock = { now: () => t, after: (ms, fn) => add(ms, fn), every: (ms, fn) => add(ms, fn, ms) };
  const settle = async () => {
    for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
  };
  const advance = async (ms: number) => {
    const end = t + ms;
    for (;;) {
      const due = timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      t = due.at;
      if (due.every) due.at += due.every;
      else timers.splice(timers.indexOf(due), 1);
      due.fn();
      await settle();
    }
    t = end;
    await settle();
  };
  return { clock, advance, settle, timers: () => timers.filter((x) => !x.every).map((x) => x.at - t), pending: () => timers.length };
}
