import type { Lang } from '../../../domain/text';
import { tFeedback } from '../../i18n/feedback-t';

/** The last seconds of the reason chips; the element exists only while it counts. */
export function ReasonCountdown({ lang, seconds }: { lang: Lang; seconds: number }) {
  return (
    <p class="reason-countdown" role="status" data-testid="reason-countdown" data-seconds={seconds}>
      {tFeedback(lang, 'rate.countdown', { seconds })}
    </p>
  );
}
