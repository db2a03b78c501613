/**
 * Failed logins per client address in a sliding window. Kept in memory: it resets when the hub
 * restarts and is per hub process, which is enough to stop password guessing at the console's pace.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures = 5,
    private readonly windowMs = 15 * 60_000,
  ) {}

  /** Minutes until the address may try again, or 0 when it may try now. */
  blockedMinutes(ip: string, now: number): number {
    const recent = this.recent(ip, now);
    if (recent.length < this.maxFailures) return 0;
    const freeAt = recent[recent.length - this.maxFailures]! + this.windowMs;
    return Math.max(1, Math.ceil((freeAt - now) / 60_000));
  }

  fail(ip: string, now: number): void {
    const recent = this.recent(ip, now);
    recent.push(now);
    this.failures.set(ip, recent);
    // keep the map from growing without bound under a spray of addresses
    if (this.failures.size > 10_000) {
      for (const [key, times] of this.failures) if (times.every((t) => now - t >= this.windowMs)) this.failures.delete(key);
    }
  }

  succeed(ip: string): void {
    this.failures.delete(ip);
  }

  private recent(ip: string, now: number): number[] {
    return (this.failures.get(ip) ?? []).filter((t) => now - t < this.windowMs);
  }
}
