import type { Lang } from '../../../domain/text';
import { t } from '../../i18n/t';

/**
 * The last seconds before a member screen returns to the start, with a way to stay (WCAG 2.2.1 Timing
 * Adjustable): any touch restarts the time, and "More time" says so where the eye already is.
 */
export function IdleCountdown({ lang, seconds, onMore }: { lang: Lang; seconds: number; onMore: () => void }) {
  return (
    <div class="idle-countdown" data-testid="idle-countdown" data-seconds={seconds}>
      <span role="status" aria-live="polite">{t(lang, 'idle.countdown', { seconds })}</span>
      <button type="button" class="idle-more" data-testid="idle-more" onClick={onMore}>{t(lang, 'idle.more')}</button>
    </div>
  );
}
