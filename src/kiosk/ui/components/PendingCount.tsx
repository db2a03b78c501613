import type { Lang } from '../../../domain/text';
import { t } from '../../i18n/t';

/** How many events wait to reach the hub: a small number beside the net mark, dimmed at zero. */
export function PendingCount({ lang, count }: { lang: Lang; count: number }) {
  return (
    <span class={`pending-count${count === 0 ? ' pending-zero' : ''}`} data-testid="pending-count" aria-label={t(lang, 'pending.label', { count })} data-count={count}>
      {count}
    </span>
  );
}
