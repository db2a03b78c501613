import type { Lang } from '../../../domain/text';
import { tFeedback, type FeedbackKey } from '../../i18n/feedback-t';

/** Shown only after the event is durably queued, for rules.thankYouSeconds. */
export function ThankYou({ lang, text }: { lang: Lang; text: FeedbackKey }) {
  return (
    <div class="thank-you" role="status" data-testid="thank-you">
      <svg class="thank-you-mark" viewBox="0 0 100 100" aria-hidden="true" focusable="false">
        <circle cx="50" cy="50" r="46" fill="#4cd486" />
        <path d="M28 52 L44 67 L73 35" fill="none" stroke="#0b1622" stroke-width="9" stroke-linecap="round" stroke-linejoin="round" />
      </svg>
      <p class="thank-you-title">{tFeedback(lang, 'feedback.thanks')}</p>
      <p class="thank-you-text">{tFeedback(lang, text)}</p>
    </div>
  );
}
