import type { EventResult } from './events';

// An event the hub keeps failing on (issue 10). When the same head batch is answered 5xx this many
// times in a row, the kiosk halves it until the event the hub cannot take is alone. That event is
// marked stuck: it stays in the outbox (never dropped), everything behind it syncs, and it is tried
// again on its own every STUCK_RETRY_MS, until the hub takes it or staff export it.
export const STUCK_AFTER_FAILURES = 5;
export const STUCK_RETRY_MS = 5 * 60_000;
/** At most this many stuck events are tried again in one flush, so a hub that fails everything is not flooded. */
export const STUCK_RETRIES_PER_FLUSH = 10;

export interface StuckMark {
  readonly since: number; // kiosk time it was first found stuck, epoch ms
  readonly tries: number;
  readonly lastTriedAt: number;
  readonly status: number | null; // the hub's last answer (HTTP status)
}

/** Whether a stuck event is due to be tried again. */
export const stuckDue = (mark: StuckMark, now: number) => now - mark.lastTriedAt >= STUCK_RETRY_MS;

/** The mark after one more failed try. */
export const stuckAgain = (mark: StuckMark | null, now: number, status: number | null): StuckMark =>
  mark ? { ...mark, tries: mark.tries + 1, lastTriedAt: now, status } : { since: now, tries: 1, lastTriedAt: now, status };

// What the kiosk does with the hub's answers to one batch. Pure, so the rules are tested without a browser.

export interface BatchOutcome {
  /** applied or duplicate: the hub has them, delete from the outbox */
  readonly done: string[];
  /** rejected: move to the dead-letter store with the reason */
  readonly dead: { id: string; reason: string }[];
  /** sent but not answered: keep and send again */
  readonly unanswered: string[];
}

export function settleBatch(sentIds: readonly string[], results: readonly EventResult[]): BatchOutcome {
  const byId = new Map(results.map((r) => [r.id, r]));
  const outcome: BatchOutcome = { done: [], dead: [], unanswered: [] };
  for (const id of sentIds) {
    const r = byId.get(id);
    if (!r) outcome.unanswered.push(id);
    else if (r.status === 'rejected') outcome.dead.push({ id, reason: r.detail ? `${r.reason}: ${r.detail}` : r.reason });
    else outcome.done.push(id);
  }
  return outcome;
}
