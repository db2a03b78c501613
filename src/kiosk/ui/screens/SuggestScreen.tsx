import { useEffect, useLayoutEffect } from 'preact/hooks';
import { CONTACT_MAX } from '../../../domain/events';
import { t } from '../../i18n/t';
import type { SuggestionModel } from '../../state/feedback/suggestion-model';
import { CharCount } from '../components/CharCount';
import { FeedbackHeader, type FeedbackChrome } from '../components/FeedbackHeader';
import { PhoneQr, phoneFormUrl } from '../components/PhoneQr';
import { ScanPrompt, type ScanCamera } from '../components/ScanPrompt';
import { ThankYou } from '../components/ThankYou';
import { TopicChips } from '../components/TopicChips';
import '../feedback.css';
import { tFeedback } from '../../i18n/feedback-t';

export interface SuggestScreenProps extends FeedbackChrome {
  readonly model: SuggestionModel;
  /** the hub's origin as the phone reaches it, e.g. location.origin */
  readonly origin: string;
  /** the enrolled kiosk; null: no phone QR */
  readonly kioskId: string | null;
  /** after the thank-you, or Back */
  readonly onDone: () => void;
  /** the sign step's camera picture and hold hint */
  readonly camera: ScanCamera;
}

const TEXT = 'suggest-text';
const COUNT = 'suggest-count';
const CONTACT = 'suggest-contact';
const CONTACT_HINT = 'suggest-contact-hint';

/** A controlled field whose model may cut the value: put the kept value back when it differs. */
const keep = (el: HTMLTextAreaElement | HTMLInputElement, kept: string) => {
  if (el.value !== kept) el.value = kept;
};

/** The suggestion box: topic, text with a live count, optional contact, and the phone QR. */
export function SuggestScreen(p: SuggestScreenProps) {
  const { lang, model } = p;
  const step = model.step.value;
  const view = model.view.value;
  const busy = step === 'saving';

  // a fresh, empty form on every visit, before the first paint; leaving empties it again
  useLayoutEffect(() => {
    model.open();
    return () => model.leave();
  }, [model]);
  useEffect(() => {
    if (step === 'done') p.onDone();
  }, [step]);

  const thanks = step === 'thanks' || step === 'done';
  const signError = model.signError.value;
  return (
    <main class="screen feedback suggest" data-testid="suggest-screen" data-step={step} aria-busy={busy}>
      <FeedbackHeader lang={lang} heading="suggest.heading" connection={p.connection} pending={p.pending} onBack={p.onDone} onToggleLang={p.onToggleLang} largeText={p.largeText} onToggleText={p.onToggleText} />
      {thanks ? (
        <ThankYou lang={lang} text={model.signed.value ? 'suggest.thanks.signed' : 'suggest.thanks.text'} />
      ) : step === 'sign' ? (
        <section class="suggest-sign" data-testid="suggest-sign" aria-labelledby="suggest-sign-heading">
          <h2 id="suggest-sign-heading" class="feedback-question">{tFeedback(lang, 'suggest.sign.heading')}</h2>
          <ScanPrompt lang={lang} camera={p.camera} text={tFeedback(lang, 'suggest.sign.scan')} testId="sign-scan-hint" />
          <p class="feedback-hint">{tFeedback(lang, 'suggest.sign.text')}</p>
          {signError && (
            <p class="feedback-error" role="alert" data-testid="sign-error" data-code={signError}>
              {signError === 'not_a_member' ? tFeedback(lang, 'suggest.sign.not_a_member') : signError === 'not_saved' ? tFeedback(lang, 'feedback.error') : t(lang, `outcome.${signError}`)}
            </p>
          )}
          <div class="feedback-actions">
            <button type="button" class="send-button" data-testid="send-anonymous" onClick={() => void model.send()}>{tFeedback(lang, 'suggest.sign.anonymous')}</button>
            <button type="button" class="secondary-button" data-testid="sign-back" onClick={model.cancelSign}>{tFeedback(lang, 'suggest.sign.back')}</button>
          </div>
        </section>
      ) : (
        <div class="suggest-body">
          <form
            class="suggest-form"
            onSubmit={(e) => {
              e.preventDefault();
              void model.send();
            }}
          >
            <TopicChips lang={lang} topics={model.topics.value} selected={model.topic.value} disabled={busy} onSelect={model.selectTopic} />
            <label class="field-label" for={TEXT}>{tFeedback(lang, 'suggest.text')}</label>
            <textarea
              id={TEXT}
              class="suggest-text"
              rows={5}
              maxLength={view.max}
              value={model.text.value}
              readOnly={busy}
              aria-describedby={COUNT}
              onInput={(e) => keep(e.currentTarget, model.setText(e.currentTarget.value))}
            />
            <CharCount lang={lang} id={COUNT} count={view.count} max={view.max} atLimit={view.atLimit} />
            <label class="field-label" for={CONTACT}>{tFeedback(lang, 'suggest.contact')}</label>
            <input
              id={CONTACT}
              class="suggest-contact"
              type="text"
              autocomplete="off"
              maxLength={CONTACT_MAX}
              value={model.contact.value}
              readOnly={busy}
              aria-describedby={CONTACT_HINT}
              onInput={(e) => keep(e.currentTarget, model.setContact(e.currentTarget.value))}
            />
            <p class="feedback-hint" id={CONTACT_HINT}>{tFeedback(lang, 'suggest.contactHint')}</p>
            <p class="anonymous-note">{tFeedback(lang, 'suggest.anonymous')}</p>
            {step === 'failed' && <p class="feedback-error" role="alert" data-testid="feedback-error">{tFeedback(lang, 'feedback.error')}</p>}
            <div class="feedback-actions">
              <button type="submit" class="send-button" disabled={!view.canSend || busy}>{tFeedback(lang, 'suggest.send')}</button>
              <button type="button" class="send-button send-signed" data-testid="send-signed" disabled={!view.canSend || busy} onClick={model.askToSign}>{tFeedback(lang, 'suggest.sign')}</button>
              {busy && <span class="feedback-hint" role="status">{tFeedback(lang, 'feedback.saving')}</span>}
            </div>
          </form>
          {p.kioskId !== null && <PhoneQr lang={lang} url={phoneFormUrl(p.origin, p.kioskId, lang)} />}
        </div>
      )}
    </main>
  );
}
