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

// The receipt for an anonymous suggestion from the phone form (issue 16): a short code the writer keeps
// (and a link with it) to read the center's answer later. 12 characters of Crockford's base32 (no I, L,
// O, U: nothing to misread), 60 bits: not guessable at the rate the hub lets anyone try.
const RECEIPT_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RECEIPT_LENGTH = 12;

/** A receipt code from random bytes (at least RECEIPT_LENGTH of them), shown in groups of four. */
export function receiptCode(random: Uint8Array): string {
  if (random.length < RECEIPT_LENGTH) throw new Error(`receiptCode needs ${RECEIPT_LENGTH} random bytes`);
  const chars = Array.from(random.subarray(0, RECEIPT_LENGTH), (b) => RECEIPT_ALPHABET[b % 32]);
  return [0, 4, 8].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/**
 * A receipt as typed or linked back to its canonical form, or null when it cannot be one: case and
 * dashes or spaces do not matter, and the letters people confuse with digits (O, I, L) read as 0, 1, 1.
 */
export function normaliseReceipt(text: string): string | null {
  const plain = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (plain.length !== RECEIPT_LENGTH || [...plain].some((c) => !RECEIPT_ALPHABET.includes(c))) return null;
  return [0, 4, 8].map((i) => plain.slice(i, i + 4)).join('-');
}

/** "You said, we did": the longest wording of what was said, and of what was done. */
export const BOARD_SAID_MAX = 200;
export const BOARD_DID_MAX = 300;
/** The kiosks show this many of the newest posts. */
export const BOARD_SHOWN = 10;

/**
 * A suggestion is overdue when it has had no reply for longer than the center's `suggestionReplyDays`:
 * the inbox marks it and the admin home counts it. One with a reply is never overdue, whatever its status.
 */
export function isOverdue(s: { readonly at: string; readonly reply: string | null }, now: number, replyDays: number): boolean {
  return s.reply === null && now - Date.parse(s.at) > replyDays * 86_400_000;
}

/** Whole days from a suggestion to its first reply (0: the same day's 24 hours), or null before one. */
export function daysToFirstReply(at: string, firstRepliedAt: string | null): number | null {
  return firstRepliedAt === null ? null : Math.max(0, Math.floor((Date.parse(firstRepliedAt) - Date.parse(at)) / 86_400_000));
}
