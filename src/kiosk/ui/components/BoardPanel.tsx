import type { BoardPost } from '../../../domain/protocol';
import { pick, type Lang } from '../../../domain/text';
import { t } from '../../i18n/t';

/**
 * "You said, we did" (您说我们做, issue 16) on the attract screen: what workers asked for and what the
 * center did, as staff worded them, newest first; a list that scrolls when there are many. No names.
 */
export function BoardPanel({ lang, posts }: { lang: Lang; posts: readonly BoardPost[] }) {
  if (posts.length === 0) return null;
  return (
    <section class="board-panel" aria-labelledby="board-heading" data-testid="board" tabIndex={0}>
      <h2 id="board-heading">{t(lang, 'board.heading')}</h2>
      <ul>
        {posts.map((p) => (
          <li key={p.id} data-testid="board-post">
            <p class="board-said"><span class="board-label">{t(lang, 'board.said')}</span>{pick(p.said, lang)}</p>
            <p class="board-did"><span class="board-label">{t(lang, 'board.did')}</span>{pick(p.did, lang)}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
