import type { EventResult } from './events';

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
