import { RATING_REASONS, type RatingReason } from '../../../domain/events';
import type { Lang } from '../../../domain/text';
import { tFeedback } from '../../i18n/feedback-t';

interface Props {
  readonly lang: Lang;
  readonly chosen: readonly RatingReason[];
  readonly disabled?: boolean;
  readonly onToggle: (reason: RatingReason) => void;
}

/** Why a low score: toggle buttons named by the reason, any number of them. */
export function ReasonChips({ lang, chosen, disabled, onToggle }: Props) {
  return (
    <div class="reason-chips" role="group" aria-label={tFeedback(lang, 'rate.reasons.group')}>
      {RATING_REASONS.map((reason) => (
        <button
          key={reason}
          type="button"
          class="reason-chip"
          aria-pressed={chosen.includes(reason)}
          data-reason={reason}
          disabled={disabled}
          onClick={() => onToggle(reason)}
        >
          <span class="reason-check" aria-hidden="true" />
          {tFeedback(lang, `rate.reason.${reason}`)}
        </button>
      ))}
    </div>
  );
}
