import { useEffect, useLayoutEffect } from 'preact/hooks';
import type { RatingModel } from '../../state/feedback/rating-model';
import { FaceButtons } from '../components/FaceButtons';
import { FeedbackHeader, type FeedbackChrome } from '../components/FeedbackHeader';
import { ReasonChips } from '../components/ReasonChips';
import { ReasonCountdown } from '../components/ReasonCountdown';
import { ThankYou } from '../components/ThankYou';
import { TopicChips } from '../components/TopicChips';
import '../feedback.css';
import { tFeedback } from '../../i18n/feedback-t';

export interface RateScreenProps extends FeedbackChrome {
  readonly model: RatingModel;
  /** after the thank-you, or Back: return to where the worker came from */
  readonly onDone: () => void;
}

/** "Rate us": topic chips, four faces; after a low score reason chips; then the thank-you. */
export function RateScreen(p: RateScreenProps) {
  const { lang, model } = p;
  const view = model.view.value;

  // a fresh start on every visit, before the first paint so no tap lands on an old state;
  // leaving still sends reasons already chosen
  useLayoutEffect(() => {
    model.open();
    return () => model.leave();
  }, [model]);
  useEffect(() => {
    if (view.step === 'done') p.onDone();
  }, [view.step]);

  return (
    <main class="screen feedback rate" data-testid="rate-screen" data-step={view.step} aria-busy={view.busy}>
      <FeedbackHeader lang={lang} heading="rate.heading" connection={p.connection} pending={p.pending} onBack={p.onDone} onToggleLang={p.onToggleLang} largeText={p.largeText} onToggleText={p.onToggleText} />
      {(view.step === 'choose' || view.step === 'saving') && (
        <div class="feedback-body">
          <TopicChips lang={lang} topics={model.topics.value} selected={model.topic.value} disabled={view.busy} onSelect={model.selectTopic} />
          <h2 class="feedback-question">{tFeedback(lang, 'rate.question')}</h2>
          <FaceButtons lang={lang} disabled={view.busy} onRate={(score) => void model.rate(score)} />
        </div>
      )}
      {view.step === 'reasons' && (
        <div class="feedback-body">
          <h2 class="feedback-question">{tFeedback(lang, 'rate.reasons.heading')}</h2>
          <p class="feedback-hint">{tFeedback(lang, 'rate.reasons.hint')}</p>
          <ReasonChips lang={lang} chosen={view.chosen} disabled={view.busy} onToggle={model.toggleReason} />
          <div class="feedback-actions">
            <button type="button" class="send-button" disabled={view.busy} onClick={() => void model.sendReasons()}>
              {tFeedback(lang, 'rate.send')}
            </button>
            {view.countdown !== null && <ReasonCountdown lang={lang} seconds={view.countdown} />}
          </div>
        </div>
      )}
      {(view.step === 'thanks' || view.step === 'done') && <ThankYou lang={lang} text="rate.thanks.text" />}
      {view.step === 'failed' && (
        <div class="feedback-body feedback-failed">
          <p class="feedback-error" role="alert" data-testid="feedback-error">{tFeedback(lang, 'feedback.error')}</p>
          <button type="button" class="send-button" onClick={model.retry}>{tFeedback(lang, 'feedback.tryAgain')}</button>
        </div>
      )}
    </main>
  );
}
