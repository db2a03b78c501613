import type { Lang } from '../../../domain/text';
import { t } from '../../i18n/t';

export function IdleCountdown({ lang, seconds }: { lang: Lang; seconds: number }) {
  return (
    <div class="idle-countdown" role="status" aria-live="polite" data-testid="idle-countdown" data-seconds={seconds}>
      {t(lang, 'idle.countdown', { seconds })}
    </div>
  );
}
