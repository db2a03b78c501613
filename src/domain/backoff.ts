// How the kiosk waits between sync attempts: exponential backoff with full jitter, honouring Retry-After.

export interface BackoffOptions {
  readonly baseMs: number;
  readonly maxMs: number;
}
export const SYNC_BACKOFF: BackoffOptions = { baseMs: 1_000, maxMs: 300_000 };

/** Full jitter: a uniform delay in [0, min(max, base·2^attempt)). `random` is in [0, 1). */
export function backoffDelay(attempt: number, random: number, o: BackoffOptions = SYNC_BACKOFF): number {
  const cap = Math.min(o.maxMs, o.baseMs * 2 ** Math.max(0, attempt));
  return Math.max(o.baseMs, Math.floor(random * cap));
}

/** Retry-After as seconds or an HTTP date, in ms from `now`; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export type ResponseClass = 'ok' | 'retry' | 'auth' | 'refused';

/** What an answer to a sync request means for the outbox. */
export function classifyStatus(status: number): ResponseClass {
  if (status >= 200 && status < 300) return 'ok';
  if (status === 401 || status === 403) return 'auth';
  if (status === 408 || status === 429 || status >= 500) return 'retry';
  return 'refused';
}

/** The wait before the next attempt: Retry-After when the hub gave one (capped), else jittered backoff. */
export function nextDelay(attempt: number, random: number, retryAfter: number | null, o: BackoffOptions = SYNC_BACKOFF): number {
  if (retryAfter !== null) return Math.min(o.maxMs, Math.max(retryAfter, 0));
  return backoffDelay(attempt, random, o);
}
