import { POLL_OPTION_MAX, POLL_OPTIONS_MAX, POLL_QUESTION_MAX, pollPhase, type PollPhase, type PollTally } from '../../../domain/index';
import type { StoredPoll } from '../../feedback/polls';
import { PollBarsChart } from '../feedback/charts';
import type { MessageKey } from '../i18n';
import { localTime } from '../kiosks/page';
import { Layout, type PageContext } from '../layout';

// The Polls page (意见征集, issue 16): ask a question, watch the count, close it, publish the result.
// Questions and options are what staff typed: rendered as text by Preact (escaped), never as HTML.

/** The new-poll form as typed, to show it again with what was wrong. */
export interface PollValues {
  readonly questionZh: string;
  readonly questionEn: string;
  readonly options: readonly { readonly zh: string; readonly en: string }[];
  readonly multiple: boolean;
  readonly changeable: boolean;
  readonly opens: string;
  readonly closes: string;
}

export interface PollsPageProps {
  readonly ctx: PageContext;
  readonly timeZone: string;
  readonly now: number;
  readonly polls: readonly StoredPoll[];
  readonly tallies: ReadonlyMap<string, PollTally>;
  /** ballots kept but not counted, per poll */
  readonly uncounted: ReadonlyMap<string, number>;
  readonly values: PollValues;
  readonly error?: string | undefined;
  readonly notice?: string | undefined;
}

const PHASE: Record<PollPhase, MessageKey> = { upcoming: 'polls.phaseUpcoming', open: 'polls.phaseOpen', closed: 'polls.phaseClosed' };

function CreateForm({ ctx, values, error, open }: { ctx: PageContext; values: PollValues; error: string | undefined; open: boolean }) {
  const { t } = ctx;
  const text = (name: string, label: string, value: string, max: number, required = false) => (
    <div>
      <label for={`poll-${name}`}>{label}</label>
      <input id={`poll-${name}`} name={name} value={value} maxlength={max} required={required} style="width:100%;box-sizing:border-box" />
    </div>
  );
  return (
    <details open={open} data-testid="poll-create">
      <summary>{t('polls.create')}</summary>
      <form method="post" action="/admin/polls" style="display:grid;gap:.5rem;max-width:44rem">
        <input type="hidden" name="_csrf" value={ctx.csrf} />
        {error && <p class="problem" role="alert">{error}</p>}
        {text('questionZh', t('polls.questionZh'), values.questionZh, POLL_QUESTION_MAX, true)}
        {text('questionEn', t('polls.questionEn'), values.questionEn, POLL_QUESTION_MAX)}
        <p class="hint">{t('polls.optionHint')}</p>
        {Array.from({ length: POLL_OPTIONS_MAX }, (_, i) => (
          <div style="display:grid;grid-template-columns:1fr 1fr;gap:.5rem">
            {text(`option${i + 1}Zh`, `${t('polls.option', { n: i + 1 })} · 中文`, values.options[i]?.zh ?? '', POLL_OPTION_MAX)}
            {text(`option${i + 1}En`, `${t('polls.option', { n: i + 1 })} · English`, values.options[i]?.en ?? '', POLL_OPTION_MAX)}
          </div>
        ))}
        <label><input type="checkbox" name="multiple" value="on" checked={values.multiple} /> {t('polls.multiple')}</label>
        <label><input type="checkbox" name="changeable" value="on" checked={values.changeable} /> {t('polls.changeable')}</label>
        <div style="display:flex;gap:1rem;flex-wrap:wrap">
          <div><label for="poll-opens">{t('polls.opens')}</label><input id="poll-opens" name="opens" type="datetime-local" required value={values.opens} /></div>
          <div><label for="poll-closes">{t('polls.closes')}</label><input id="poll-closes" name="closes" type="datetime-local" required value={values.closes} /></div>
        </div>
        <button type="submit">{t('polls.createNow')}</button>
      </form>
    </details>
  );
}

function PollItem({ ctx, poll, tally, further, timeZone, now }: {
  ctx: PageContext; poll: StoredPoll; tally: PollTally; further: number; timeZone: string; now: number;
}) {
  const { t } = ctx;
  const phase = pollPhase(poll, now);
  const action = (path: string, label: string, testid: string) => (
    <form method="post" action={`/admin/polls/${poll.id}/${path}`} style="display:inline">
      <input type="hidden" name="_csrf" value={ctx.csrf} />
      <button type="submit" data-testid={testid}>{label}</button>
    </form>
  );
  return (
    <section class="card" id={`p-${poll.id}`} data-testid="poll" data-poll={poll.id} data-phase={phase} style="margin:1rem 0;padding:.8rem;border:1px solid #ccc;border-radius:8px">
      <h3 style="margin:.2rem 0">{poll.question[ctx.lang] || poll.question['zh-CN']}</h3>
      <p class="hint">
        <strong>{t(PHASE[phase])}</strong>
        {' · '}{t('polls.period', { from: localTime(poll.opensAt, timeZone), to: localTime(poll.closesAt, timeZone) })}
        {' · '}{t(poll.multiple ? 'polls.several' : 'polls.single')}
        {' · '}{t(poll.changeable ? 'polls.mayChange' : 'polls.noChange')}
        {' · '}{poll.createdBy}
      </p>
      <p data-testid="poll-voters">{t('polls.voters', { n: tally.voters })}</p>
      <PollBarsChart ctx={ctx} pollId={poll.id} labels={poll.options.map((o) => o.label[ctx.lang] || o.label['zh-CN'])} counts={tally.counts} voters={tally.voters} />
      {further > 0 && <p class="hint" data-testid="poll-uncounted">{t('polls.uncounted', { n: further })}</p>}
      {poll.publishedAt && <p class="note" data-testid="poll-published">{t('polls.isPublished', { when: localTime(poll.publishedAt, timeZone) })}</p>}
      <p style="display:flex;gap:.5rem">
        {phase === 'upcoming' && action('remove', t('polls.remove'), 'poll-remove')}
        {phase === 'open' && action('close', t('polls.closeNow'), 'poll-close')}
        {phase === 'closed' && !poll.publishedAt && action('publish', t('polls.publish'), 'poll-publish')}
        {poll.publishedAt && action('unpublish', t('polls.unpublish'), 'poll-unpublish')}
      </p>
    </section>
  );
}

export function PollsPage(p: PollsPageProps) {
  const { ctx } = p;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('nav.polls')}>
      <h2 style="margin-top:.5rem">{t('nav.polls')}</h2>
      <p class="hint">{t('polls.intro')}</p>
      {p.notice && <p class="note" role="status">{p.notice}</p>}
      <CreateForm ctx={ctx} values={p.values} error={p.error} open={p.error !== undefined || p.polls.length === 0} />
      {p.polls.length === 0 && <p>{t('polls.none')}</p>}
      {p.polls.map((poll) => (
        <PollItem ctx={ctx} poll={poll} tally={p.tallies.get(poll.id) ?? { counts: poll.options.map(() => 0), voters: 0 }}
          further={p.uncounted.get(poll.id) ?? 0} timeZone={p.timeZone} now={p.now} />
      ))}
    </Layout>
  );
}
