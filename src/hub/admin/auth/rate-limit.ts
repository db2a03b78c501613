// Rate limits kept in memory: they reset when the hub restarts and are per hub process, which is enough
// to hold guessing to a person's pace. Every decision is synchronous, so a check and the count it makes
// happen with no await in between: a burst of parallel requests cannot all pass one check together
// (issue 10: 100 parallel logins once got 4–8 password checks and the right password at #60 got in).

/** Attempts per key in a sliding window. */
export class AttemptWindow {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    readonly max: number,
    readonly windowMs: number,
  ) {}

  /** Ms until the key may make another attempt; 0 when it may now. Counts nothing. */
  waitMs(key: string, now: number): number {
    const recent = this.recent(key, now);
    if (recent.length < this.max) return 0;
    return Math.max(1, recent[recent.length - this.max]! + this.windowMs - now);
  }

  /**
   * Counts an attempt now if the key has room, and answers 0; else the ms to wait, counting nothing.
   * Counted first, checked after: the slot is taken before any await.
   */
  take(key: string, now: number): number {
    const wait = this.waitMs(key, now);
    if (wait > 0) return wait;
    this.count(key, now);
    return 0;
  }

  /** Counts an attempt whose outcome was learnt after an await (a failed token); the next check sees it. */
  count(key: string, now: number): void {
    const recent = this.recent(key, now);
    recent.push(now);
    this.attempts.set(key, recent);
    // keep the map from growing without bound under a spray of addresses
    if (this.attempts.size > 10_000) {
      for (const [k, times] of this.attempts) if (times.every((t) => now - t >= this.windowMs)) this.attempts.delete(k);
    }
  }

  /** A success wipes the key's slate. */
  forgive(key: string): void {
    this.attempts.delete(key);
  }

  private recent(key: string, now: number): number[] {
    return (this.attempts.get(key) ?? []).filter((t) => now - t < this.windowMs);
  }
}

/**
 * Failed logins per username, from any address: after `free` failures in the window each further try
 * waits twice as long as the one before, up to `maxDelayMs`. It slows guessing from many addresses to
 * one try per `maxDelayMs` and never locks the real admin out for longer than that.
 */
export class GrowingDelay {
  private readonly failures = new Map<string, { times: number[]; nextAt: number }>();

  constructor(
    readonly free = 10,
    readonly windowMs = 15 * 60_000,
    readonly baseDelayMs = 1_000,
    readonly maxDelayMs = 60_000,
  ) {}

  /** Ms until the name may be tried; when 0, the try is counted now (as a failure until `forgive`). */
  take(name: string, now: number): number {
    const f = this.failures.get(name) ?? { times: [], nextAt: 0 };
    f.times = f.times.filter((t) => now - t < this.windowMs);
    if (f.times.length >= this.free && now < f.nextAt) return f.nextAt - now;
    f.times.push(now);
    const over = f.times.length - this.free;
    f.nextAt = over >= 0 ? now + Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** over) : 0;
    this.failures.set(name, f);
    if (this.failures.size > 10_000) {
      for (const [k, x] of this.failures) if (x.times.every((t) => now - t >= this.windowMs)) this.failures.delete(k);
    }
    return 0;
  }

  forgive(name: string): void {
    this.failures.delete(name);
  }
}

/** The login's two budgets: per address (5 tries in 15 min) and per username (growing delay). */
export class LoginLimiter {
  readonly byAddress: AttemptWindow;
  readonly byName: GrowingDelay;

  constructor(maxPerAddress = 5, windowMs = 15 * 60_000, byName = new GrowingDelay()) {
    this.byAddress = new AttemptWindow(maxPerAddress, windowMs);
    this.byName = byName;
  }

  /** Takes a try for the address and the name before the password is checked: 0, or ms to wait. */
  begin(ip: string, name: string, now: number): number {
    const wait = this.byAddress.take(ip, now);
    if (wait > 0) return wait;
    return this.byName.take(name, now);
  }

  succeed(ip: string, name: string): void {
    this.byAddress.forgive(ip);
    this.byName.forgive(name);
  }
}

/** A wait in whole minutes for the words "try again in {n} minutes", never 0. */
export const minutesOf = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));
