import { REPLY_SHOWN_DAYS, type SnapshotReply } from '../../domain/index';
import { isoOf, isoOrNull, type Queryable } from '../db/port';

// What the kiosks' day part carries of the center's answers (issue 16): every answer to a signed
// suggestion that its member has not read, written in the last REPLY_SHOWN_DAYS. Bound to the member's
// id; a kiosk shows one only on that member's screen (domain voice.ts), never on the attract screen.

type Row = { id: string; member_id: number; at: unknown; text: string; reply: string; replied_at: unknown };

export async function repliesForSnapshot(q: Queryable, now: number): Promise<SnapshotReply[]> {
  const rows = await q.query<Row>(
    `SELECT id, member_id, at, text, reply, replied_at FROM suggestions
      WHERE member_id IS NOT NULL AND reply IS NOT NULL AND read_at IS NULL AND replied_at >= $1
      ORDER BY at, id`,
    [new Date(now - REPLY_SHOWN_DAYS * 86_400_000)],
  );
  return rows.map((r) => ({
    suggestionId: String(r.id), memberId: String(r.member_id), at: isoOf(r.at), text: r.text, reply: r.reply, repliedAt: isoOf(r.replied_at),
  }));
}

/** What a receipt shows (issue 16): the suggestion, where it stands and the answer; never who wrote it. */
export interface ReceiptView {
  readonly at: string;
  readonly text: string;
  readonly status: 'new' | 'in_progress' | 'answered';
  readonly reply: string | null;
  readonly repliedAt: string | null;
}

export async function suggestionByReceipt(q: Queryable, receiptHash: string): Promise<ReceiptView | null> {
  const [r] = await q.query<{ at: unknown; text: string; status: ReceiptView['status']; reply: string | null; replied_at: unknown }>(
    'SELECT at, text, status, reply, replied_at FROM suggestions WHERE receipt_hash = $1', [receiptHash]);
  return r ? { at: isoOf(r.at), text: r.text, status: r.status, reply: r.reply, repliedAt: isoOrNull(r.replied_at) } : null;
}
