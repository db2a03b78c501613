import type { Identity } from './identity';
import type { SnapshotReply } from './protocol';

// The workers' voice answered (issue 16, DESIGN §4.5): who may read the center's answer to a signed
// suggestion, and which answers a kiosk still has to show. Kiosk and hub both use these rules.

/** Answers stay on the member screen this long after they were written, read or not. */
export const REPLY_SHOWN_DAYS = 90;

/**
 * Only the member themself, shown by a badge or by a card the hub mapped to them: a member number typed
 * on the keypad proves nothing (anyone can type one), and an unmapped card names nobody.
 */
export function mayReadReplies(identity: Identity): identity is Extract<Identity, { via: 'badge' | 'card' }> & { memberId: string } {
  return identity.via !== 'keypad' && identity.memberId !== null;
}

/**
 * The answers a member sees now: their own, answered within REPLY_SHOWN_DAYS, not marked read (at any
 * kiosk: the hub drops those; at this one: `read`), oldest suggestion first.
 */
export function repliesFor(identity: Identity, replies: readonly SnapshotReply[], read: ReadonlySet<string>, now: number): SnapshotReply[] {
  if (!mayReadReplies(identity)) return [];
  const since = now - REPLY_SHOWN_DAYS * 86_400_000;
  return replies
    .filter((r) => r.memberId === identity.memberId && !read.has(r.suggestionId) && Date.parse(r.repliedAt) >= since)
    .sort((a, b) => a.at.localeCompare(b.at) || a.suggestionId.localeCompare(b.suggestionId));
}
