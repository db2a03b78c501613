import type { SnapshotReply } from '../../../domain/protocol';
import type { Lang } from '../../../domain/text';
import { zonedParts } from '../../../domain/time';
import { dateShort } from '../format';
import { tMember } from '../../i18n/member-t';

export interface MemberRepliesProps {
  readonly lang: Lang;
  readonly timeZone: string;
  readonly replies: readonly SnapshotReply[];
  readonly busy: boolean;
  readonly onRead: (suggestionId: string) => void;
}

/** The center's answers to the member's signed suggestions (issue 16), each until they mark it read. */
export function MemberReplies(p: MemberRepliesProps) {
  if (p.replies.length === 0) return null;
  return (
    <section class="member-section member-replies" aria-labelledby="member-replies" data-testid="member-replies">
      <h2 id="member-replies">{tMember(p.lang, 'member.replies')}</h2>
      <ul class="reply-list">
        {p.replies.map((r) => (
          <li key={r.suggestionId} class="reply" data-testid={`reply-${r.suggestionId}`}>
            <p class="reply-asked">{tMember(p.lang, 'member.reply.asked', { date: dateShort(p.lang, zonedParts(Date.parse(r.at), p.timeZone).date) })}</p>
            <blockquote class="reply-text">{r.text}</blockquote>
            <p class="reply-answered">{tMember(p.lang, 'member.reply.answered')}</p>
            <blockquote class="reply-answer" data-testid="reply-answer">{r.reply}</blockquote>
            <button type="button" class="reply-read" data-testid="reply-read" disabled={p.busy} onClick={() => p.onRead(r.suggestionId)}>{tMember(p.lang, 'member.reply.read')}</button>
          </li>
        ))}
      </ul>
    </section>
  );
}
