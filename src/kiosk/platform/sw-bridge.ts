import { nightlyReloadDue } from '../../domain/kiosk-clock';
import type { Clock } from './clock';

// Registers the service worker and applies updates without ever asking anyone: a new version waits
// until the app reports that nobody is using it (idle attract screen), then the page reloads once.
// The bridge knows nothing of the UI; it takes callbacks and is told when the kiosk is idle.

export interface UpdatePolicy {
  readonly updateCheckMinutes: number;
  readonly nightlyReloadAt: string; // 'HH:MM' in the center's time zone
  readonly timeZone: string;
}

export type UpdateState = 'none' | 'waiting' | 'applying';

export interface ServiceWorkerBridge {
  /** The app says whether it is on the attract screen with nobody using it. */
  reportIdle(idle: boolean): void;
  setPolicy(policy: UpdatePolicy): void;
}

export type UpdateDecision = 'apply-update' | 'nightly-reload' | 'wait';

/** What to do now, given whether an update waits, the kiosk is idle, and the nightly reload is due. */
export function decideUpdate(s: { updateWaiting: boolean; idle: boolean; busy: boolean; nightlyDue: boolean }): UpdateDecision {
  if (!s.idle || s.busy) return 'wait';
  if (s.updateWaiting) return 'apply-update';
  return s.nightlyDue ? 'nightly-reload' : 'wait';
}

export interface BridgeOptions {
  readonly clock: Clock;
  readonly reload: () => void;
  /** whether a reload now brings the kiosk back (pageComesBack), asked before the nightly reload */
  readonly comesBack: () => Promise<boolean>;
  readonly onState?: (state: UpdateState) => void;
  readonly register: boolean; // false in dev or where service workers are missing
  readonly scriptUrl?: string;
  /** workbox-window's Workbox class; by default its chunk, loaded after the first paint */
  readonly loadWorkbox?: () => Promise<WorkboxLike>;
}

/** What the bridge uses of workbox-window's Workbox (a port, so the bridge is tested without a worker). */
export interface WorkboxLike {
  addEventListener(type: 'waiting' | 'controlling', listener: () => void): void;
  /** the registration (workbox-window resolves it); its `waiting` worker is live, null once it took over */
  register(): Promise<{ readonly waiting: unknown } | undefined>;
  update(): Promise<unknown>;
  messageSkipWaiting(): void;
}

/**
 * Whether a reload now would bring the kiosk back rather than the browser's "no internet" page: a page a
 * service worker controls loads from its precache; one it does not (its install failed, or was cut off
 * by the network going away minutes after a first start) loads only if the hub answers for it now.
 */
export async function pageComesBack(): Promise<boolean> {
  if (navigator.serviceWorker?.controller) return true;
  try {
    return (await fetch(location.href, { method: 'HEAD', cache: 'no-store', signal: AbortSignal.timeout(5_000) })).ok;
  } catch {
    return false;
  }
}

/** Asks to the new worker, 15 s apart, before the page gives the update up until its next load. */
const TAKEOVER_TRIES = 4;

const DEFAULT_POLICY: UpdatePolicy = { updateCheckMinutes: 30, nightlyReloadAt: '03:00', timeZone: 'Asia/Shanghai' };

export function startServiceWorkerBridge(opts: BridgeOptions): ServiceWorkerBridge {
  const { clock } = opts;
  const loadedAt = clock.now();
  let policy = DEFAULT_POLICY;
  let idle = false;
  let waiting = false;
  let busy = false; // an update or reload is under way: do it once
  let reloaded = false;
  let asking = false; // whether the page would come back after the nightly reload
  let asked = false; // this page asked a new worker to take over (even if it gave the update up since)
  // the new version has taken over (or was asked to): the page reloads at the first idle moment, never
  // under a worker who started using the kiosk while the new worker was activating (the soak caught it)
  let reloadWhenIdle = false;
  let stopUpdateChecks = () => {};
  // workbox-window loads as a chunk of its own after the first paint (2 KiB less JavaScript at start,
  // issue 11's budget); the service worker it registers precaches that chunk like every other
  let wb: WorkboxLike | null = null;
  let registration: { readonly waiting: unknown } | undefined;

  const setState = (s: UpdateState) => opts.onState?.(s);
  const reloadOnce = () => {
    if (reloaded) return;
    reloaded = true;
    busy = true;
    opts.reload();
  };
  // A page nobody's worker controls, reloaded while the network is away, stays on the browser's error
  // page until it returns: days, for a kiosk meant to work offline for days (the sync e2e caught one at
  // its nightly reload). Such a page keeps running instead and asks again at the next step; a takeover
  // above needs no asking, the new worker controls the page.
  const nightlyReload = () => {
    if (asking || reloaded) return;
    asking = true;
    void opts.comesBack().then(
      (yes) => {
        asking = false;
        if (yes && idle && !busy) reloadOnce(); // not under a worker who came meanwhile
      },
      () => void (asking = false),
    );
  };
  const reloadAtIdle = () => {
    reloadWhenIdle = true;
    if (idle) reloadOnce();
  };

  const step = () => {
    const decision = decideUpdate({
      updateWaiting: waiting,
      idle,
      busy,
      nightlyDue: nightlyReloadDue(loadedAt, clock.now(), policy.nightlyReloadAt, policy.timeZone),
    });
    if (decision === 'nightly-reload') nightlyReload();
    if (decision === 'apply-update' && wb) {
      busy = true;
      asked = true;
      setState('applying');
      wb.messageSkipWaiting(); // the worker calls skipWaiting; 'controlling' then reloads the page
      takeoverFallback(wb);
    }
  };

  /**
   * Should 'controlling' never come: reload once the new worker has taken over. While it still waits, a
   * reload would only load the old version again under the old worker while the new one activates
   * beneath the page (the soak caught such a load hanging), and would not make the new worker take
   * over either (the page stays its client): ask it again instead. After TAKEOVER_TRIES the page gives
   * the update up for its life, so the nightly reload still comes, and the next page tries again (the
   * 30-day soak saw a new worker that never took over, and a kiosk that then never reloaded at all).
   */
  const takeoverFallback = (w: WorkboxLike, tries = 1) =>
    clock.after(15_000, () => {
      if (reloaded) return;
      if (!registration?.waiting) return reloadAtIdle();
      if (tries < TAKEOVER_TRIES) {
        w.messageSkipWaiting();
        takeoverFallback(w, tries + 1);
        return;
      }
      busy = false;
      waiting = false;
      setState('none');
    });

  const scheduleUpdateChecks = () => {
    stopUpdateChecks();
    const w = wb;
    if (!w) return;
    const ms = Math.max(1, policy.updateCheckMinutes) * 60_000;
    stopUpdateChecks = clock.every(ms, () => void w.update().catch(() => undefined));
  };

  const load = opts.loadWorkbox ?? (() => import('workbox-window').then(({ Workbox }): WorkboxLike => new Workbox(opts.scriptUrl ?? '/sw.js')));
  if (opts.register) {
    void load().then((w) => {
      wb = w;
      w.addEventListener('waiting', () => {
        waiting = true;
        setState('waiting');
        step();
      });
      w.addEventListener('controlling', () => {
        // only a takeover this page asked for, also one that came after it gave the update up (the browser
        // lets a new worker take over within minutes of being asked); the very first install just claims
        if (asked) reloadAtIdle();
      });
      w.register().then((r) => (registration = r), () => undefined);
      scheduleUpdateChecks();
    }, () => undefined); // no bridge without the chunk: the kiosk runs, updates wait for a reload
  }
  clock.every(60_000, step); // the nightly reload comes due while idle

  return {
    reportIdle(value) {
      idle = value;
      if (idle && reloadWhenIdle) reloadOnce();
      step();
    },
    setPolicy(next) {
      const changed = next.updateCheckMinutes !== policy.updateCheckMinutes;
      policy = next;
      if (changed) scheduleUpdateChecks();
    },
  };
}
