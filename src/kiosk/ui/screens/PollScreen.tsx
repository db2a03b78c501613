import { useEffect, useLayoutEffect } from 'preact/hooks';
import { shares } from '../../../domain/polls';
import type { SnapshotPoll } from '../../../domain/protocol';
import { pick, type Lang } from '../../../domain/text';
import { t } from '../../i18n/t';
import type { PollModel } from '../../state/feedback/poll-model';
import { FeedbackHeader, type FeedbackChrome } from '../components/FeedbackHeader';
import { ScanPrompt, type ScanCamera } from '../components/ScanPrompt';
import { dateTimeShort } from '../format';
import '../feedback.css';
import { tFeedback } from '../../i18n/feedback-t';

export interface PollScreenProps extends FeedbackChrome {
  readonly timeZone: string;
  readonly model: PollModel;
  /** after the answer, or Back from the list */
  readonly onDone: () => void;
  /** the sign step's camera picture and hold hint */
  readonly camera: ScanCamera;
}

/** A published result: one bar per option with its count and share, readable without the bars. */
function PollResult({ lang, poll }: { lang: Lang; poll: SnapshotPoll }) {
  const result = poll.result!;
  const share = shares({ counts: result.counts, voters: result.voters });
  return (
    <div class="poll-result" data-testid="poll-result">
      <p class="poll-voters">{tFeedback(lang, 'poll.result.voters', { n: result.voters })}</p>
      <ul>
        {poll.options.map((o, i) => {
          const pct = Math.round((share[i] ?? 0) * 100);
          return (
            <li key={o.id} data-testid="poll-result-option" data-count={String(result.counts[i] ?? 0)}>
              <span class="poll-result-text">{tFeedback(lang, 'poll.result.option', { label: pick(o.label, lang), n: result.counts[i] ?? 0, pct })}</span>
              <span class="poll-bar" aria-hidden="true"><span style={{ width: `${pct}%` }} /></span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** Polls (意见征集): the list, one poll's options, the badge step, and what happened to the vote. */
export function PollScreen(p: PollScreenProps) {
  const { lang, model } = p;
  const step = model.step.value;
  const poll = model.poll.value;
  const { open, results } = model.polls.value;

  useLayoutEffect(() => {
    model.open();
    return () => model.leave();
  }, [model]);
  useEffect(() => {
    if (step === 'finished') p.onDone();
  }, [step]);

  const back = step === 'list' ? p.onDone : model.back;
  const outcome = model.outcome.value;
  const signError = model.signError.value;
  return (
    <main class="screen feedback poll" data-testid="poll-screen" data-step={step} aria-busy={step === 'saving'}>
      <FeedbackHeader lang={lang} heading="poll.heading" connection={p.connection} pending={p.pending} onBack={back} onToggleLang={p.onToggleLang} largeText={p.largeText} onToggleText={p.onToggleText} />
      {(step === 'done' || step === 'finished') && outcome ? (
        <section class="poll-outcome" role="status" data-testid="poll-outcome" data-code={outcome.code} data-offline={String(outcome.offline)}>
          {outcome.name && <p class="poll-who">{outcome.name}</p>}
          <p class={`poll-outcome-text${outcome.code === 'counted' || outcome.code === 'changed' ? ' poll-outcome-ok' : ''}`}>{tFeedback(lang, `poll.outcome.${outcome.code}`)}</p>
          {outcome.offline && (outcome.code === 'counted' || outcome.code === 'changed') && <p class="feedback-hint">{tFeedback(lang, 'poll.outcome.offline')}</p>}
        </section>
      ) : step === 'sign' || step === 'saving' ? (
        <section class="suggest-sign" data-testid="poll-sign" aria-labelledby="poll-sign-heading">
          <h2 id="poll-sign-heading" class="feedback-question">{tFeedback(lang, 'poll.sign.heading')}</h2>
          <ScanPrompt lang={lang} camera={p.camera} busy={step === 'saving'} text={tFeedback(lang, 'poll.sign.scan')} testId="sign-scan-hint" />
          <p class="feedback-hint">{tFeedback(lang, 'poll.sign.text')}</p>
          {signError && (
            <p class="feedback-error" role="alert" data-testid="sign-error" data-code={signError}>
              {signError === 'not_a_member' ? tFeedback(lang, 'poll.sign.not_a_member') : signError === 'not_saved' ? tFeedback(lang, 'feedback.error') : t(lang, `outcome.${signError}`)}
            </p>
          )}
          {step === 'saving' && <p class="feedback-hint" role="status">{tFeedback(lang, 'feedback.saving')}</p>}
          <div class="feedback-actions">
            <button type="button" class="secondary-button" data-testid="poll-sign-back" onClick={model.back}>{tFeedback(lang, 'poll.back')}</button>
          </div>
        </section>
      ) : poll && (step === 'choose' || step === 'failed') ? (
        <section class="poll-choose" aria-labelledby="poll-question">
          {/* the question and options scroll; confirming stays in reach below them */}
          <div class="poll-choose-body" tabIndex={0}>
            <h2 id="poll-question" class="poll-question">{pick(poll.question, lang)}</h2>
            <p class="feedback-hint">
              {tFeedback(lang, poll.multiple ? 'poll.multiple' : 'poll.single')} {poll.changeable ? tFeedback(lang, 'poll.changeable') : ''}
            </p>
            <div class="poll-options" role={poll.multiple ? 'group' : 'radiogroup'} aria-labelledby="poll-question">
              {poll.options.map((o) => {
                const chosen = model.choices.value.includes(o.id);
                return (
                  <button key={o.id} type="button" class={`poll-option${chosen ? ' chosen' : ''}`} role={poll.multiple ? 'checkbox' : 'radio'} aria-checked={chosen}
                    data-testid="poll-option" data-option={o.id} onClick={() => model.toggle(o.id)}>
                    <span class="poll-check" aria-hidden="true">{chosen ? '✓' : ''}</span>
                    {pick(o.label, lang)}
                  </button>
                );
              })}
            </div>
          </div>
          {step === 'failed' && <p class="feedback-error" role="alert" data-testid="feedback-error">{tFeedback(lang, 'feedback.error')}</p>}
          <div class="feedback-actions">
            <button type="button" class="send-button" data-testid="poll-confirm" disabled={!model.canConfirm.value} onClick={model.askToSign}>{tFeedback(lang, 'poll.confirm')}</button>
            <button type="button" class="secondary-button" onClick={model.back}>{tFeedback(lang, 'poll.backToList')}</button>
          </div>
        </section>
      ) : (
        <section class="poll-list" tabIndex={0}>
          <p class="feedback-hint">{tFeedback(lang, 'poll.intro')}</p>
          {open.length === 0 && results.length === 0 && <p class="feedback-question">{tFeedback(lang, 'poll.none')}</p>}
          {open.map((x) => (
            <article key={x.id} class="poll-card" data-testid="poll-card" data-poll={x.id}>
              <h2 class="poll-question">{pick(x.question, lang)}</h2>
              <p class="feedback-hint">{tFeedback(lang, 'poll.closes', { when: dateTimeShort(lang, Date.parse(x.closesAt), p.timeZone) })}</p>
              <button type="button" class="send-button" data-testid="poll-open" onClick={() => model.select(x.id)}>{tFeedback(lang, 'poll.vote')}</button>
            </article>
          ))}
          {results.map((x) => (
            <article key={x.id} class="poll-card" data-testid="poll-card" data-poll={x.id}>
              <h2 class="poll-question">{pick(x.question, lang)}</h2>
              <h3 class="poll-result-heading">{tFeedback(lang, 'poll.result')}</h3>
              <PollResult lang={lang} poll={x} />
            </article>
          ))}
        </section>
      )}
    </main>
  );
}
