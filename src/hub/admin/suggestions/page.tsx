import { BOARD_DID_MAX, BOARD_SAID_MAX, daysToFirstReply, isOverdue, type CenterConfig } from '../../../domain/index';
import type { StoredPost } from '../../feedback/board';
import { MonthlySuggestionsChart, type MonthCount } from '../feedback/charts';
import { kioskName, topicName } from '../feedback/page';
import type { MessageKey } from '../i18n';
import { localTime } from '../kiosks/page';
import { Layout, type PageContext } from '../layout';
import { REPLY_MAX, STATUSES, type StoredSuggestion, type SuggestionStatus } from './repo';

// The suggestion inbox. Suggestion text, contact and reply are what strangers and staff typed: rendered
// as text by Preact (escaped), line breaks kept with CSS, never as HTML.

export type Filter = SuggestionStatus | 'all';
export const STATUS_LABEL: Record<SuggestionStatus, MessageKey> = { new: 'suggestions.statusNew', in_progress: 'suggestions.statusInProgress', answered: 'suggestions.statusAnswered' };

/** A failed save: which suggestion, what went wrong and what was typed, to show it again. */
export interface SaveError {
  readonly id: string;
  readonly message: string;
  readonly status: string;
  readonly reply: string;
}

/** The four fields of a "you said, we did" post, as typed (issue 16). */
export interface PostValues {
  readonly saidZh: string;
  readonly saidEn: string;
  readonly didZh: string;
  readonly didEn: string;
}
/** A post that could not be published: which suggestion, why, and what was typed. */
export interface PublishError {
  readonly id: string;
  readonly message: string;
  readonly values: PostValues;
}

const inboxHref = (status: Filter, topic: string | null) => `/admin/suggestions?status=${status}${topic === null ? '' : `&topic=${encodeURIComponent(topic)}`}`;

const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n) : s);

/** "Publish to the board": staff word what was said and what was done for everyone, no names. */
function PublishForm(props: { ctx: PageContext; s: StoredSuggestion; filter: Filter; error: PublishError | undefined }) {
  const { ctx, s, error } = props;
  const { t } = ctx;
  const v: PostValues = error?.values ?? { saidZh: clip(s.text, BOARD_SAID_MAX), saidEn: '', didZh: clip(s.reply ?? '', BOARD_DID_MAX), didEn: '' };
  const field = (name: keyof PostValues, label: string, max: number, value: string) => (
    <div>
      <label for={`${name}-${s.id}`}>{label}</label>
      <textarea id={`${name}-${s.id}`} name={name} rows={2} maxlength={max} style="width:100%;box-sizing:border-box;font:inherit">{value}</textarea>
    </div>
  );
  return (
    <details open={error !== undefined} data-testid="publish">
      <summary>{t('suggestions.publish')}</summary>
      <form method="post" action={`/admin/suggestions/${s.id}/publish`} style="display:grid;gap:.5rem;max-width:40rem">
        <input type="hidden" name="_csrf" value={ctx.csrf} />
        <input type="hidden" name="back" value={props.filter} />
        <p class="hint">{t('suggestions.publishHint')}</p>
        {error && <p class="problem" role="alert">{error.message}</p>}
        {field('saidZh', t('suggestions.saidZh'), BOARD_SAID_MAX, v.saidZh)}
        {field('saidEn', t('suggestions.saidEn'), BOARD_SAID_MAX, v.saidEn)}
        {field('didZh', t('suggestions.didZh'), BOARD_DID_MAX, v.didZh)}
        {field('didEn', t('suggestions.didEn'), BOARD_DID_MAX, v.didEn)}
        <div><button type="submit">{t('suggestions.publishNow')}</button></div>
      </form>
    </details>
  );
}

/** What the kiosks show now on "you said, we did", each with its way off the board. */
function Board(props: { ctx: PageContext; config: CenterConfig; posts: readonly StoredPost[] }) {
  const { ctx } = props;
  const { t, lang } = ctx;
  return (
    <section data-testid="board" style="background:#fff;border:1px solid #ddd;padding:1rem;margin:1rem 0">
      <h3 style="margin-top:0">{t('suggestions.board')}</h3>
      {props.posts.length === 0 ? <p class="hint">{t('suggestions.boardEmpty')}</p> : (
        <ul style="padding-left:1.2rem">
          {props.posts.map((p) => (
            <li data-testid="board-post" style="margin:.5rem 0">
              <span>{`${t('suggestions.said')}: ${p.said[lang]} — ${t('suggestions.did')}: ${p.did[lang]}`}</span>
              <span class="hint">{` (${localTime(p.at, props.config.center.timeZone)}, ${p.by})`}</span>
              <form method="post" action={`/admin/suggestions/board/${p.id}/withdraw`} style="display:inline;margin-left:.5rem">
                <input type="hidden" name="_csrf" value={ctx.csrf} />
                <button type="submit">{t('suggestions.withdraw')}</button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Where the inbox stands on time (issue 16): now, and the center's days to a reply. */
export interface InboxClock {
  readonly now: number;
  readonly replyDays: number;
}

function SuggestionItem(props: {
  ctx: PageContext; config: CenterConfig; s: StoredSuggestion; filter: Filter; error: SaveError | undefined; publishError: PublishError | undefined; clock: InboxClock;
}) {
  const { ctx, config, s, error } = props;
  const { t, lang } = ctx;
  const tz = config.center.timeZone;
  const field = (name: string) => `${name}-${s.id}`;
  const status = error?.status ?? s.status;
  return (
    <article id={`s-${s.id}`} data-testid="suggestion" style="background:#fff;border:1px solid #ddd;padding:1rem;margin:1rem 0">
      <p class="hint">
        {[localTime(s.at, tz), s.source === 'phone' ? t('suggestions.sourcePhone') : t('suggestions.sourceKiosk'), kioskName(config, s.kioskId),
          topicName(config, s.topic, lang, t('suggestions.centerOverall')), t(STATUS_LABEL[s.status])].join(' · ')}
      </p>
      {isOverdue(s, props.clock.now, props.clock.replyDays) && (
        <p class="problem" data-testid="overdue">{t('suggestions.overdue', { days: Math.floor((props.clock.now - Date.parse(s.at)) / 86_400_000) })}</p>
      )}
      <p data-testid="suggestion-signer">
        {s.signer ? t('suggestions.signedBy', { name: s.signer.maskedName, no: s.signer.memberNo }) : t('suggestions.anonymous')}
      </p>
      <p data-testid="suggestion-text" style="white-space:pre-wrap;font-size:1.05rem">{s.text}</p>
      <p>{`${t('suggestions.contact')}: `}<span style="white-space:pre-wrap">{s.contact ?? t('suggestions.noContact')}</span></p>
      {s.reply !== null && (
        <p>
          {`${t('suggestions.reply')}${s.repliedAt ? ` (${t('suggestions.repliedAt', { when: localTime(s.repliedAt, tz) })})` : ''}: `}
          <span data-testid="suggestion-reply" style="white-space:pre-wrap">{s.reply}</span>
        </p>
      )}
      {s.firstRepliedAt !== null && (
        <p class="hint" data-testid="first-reply">{t('suggestions.firstReply', { days: daysToFirstReply(s.at, s.firstRepliedAt) ?? 0 })}</p>
      )}
      {s.reply !== null && s.signer && (
        <p class="hint" data-testid="suggestion-delivery">
          {s.readAt ? t('suggestions.replyRead', { when: localTime(s.readAt, tz) }) : t('suggestions.replyWaits')}
        </p>
      )}
      <form method="post" action={`/admin/suggestions/${s.id}`} style="display:grid;gap:.5rem;max-width:40rem">
        <input type="hidden" name="_csrf" value={ctx.csrf} />
        <input type="hidden" name="back" value={props.filter} />
        {error && <p class="problem" role="alert">{error.message}</p>}
        <div>
          <label for={field('status')}>{t('suggestions.status')}</label>
          <select id={field('status')} name="status">
            {STATUSES.map((x) => <option value={x} selected={x === status}>{t(STATUS_LABEL[x])}</option>)}
          </select>
        </div>
        <div>
          <label for={field('reply')}>{t('suggestions.reply')}</label>
          <textarea id={field('reply')} name="reply" rows={3} maxlength={REPLY_MAX} style="width:100%;box-sizing:border-box;font:inherit"
            aria-invalid={error ? 'true' : undefined}>{error?.reply ?? s.reply ?? ''}</textarea>
        </div>
        <div><button type="submit">{t('suggestions.save')}</button></div>
      </form>
      {s.reply !== null && <PublishForm ctx={ctx} s={s} filter={props.filter} error={props.publishError} />}
    </article>
  );
}

export function SuggestionsPage(props: {
  ctx: PageContext; config: CenterConfig; filter: Filter; suggestions: readonly StoredSuggestion[]; notice?: string | undefined; error?: SaveError | undefined;
  board: readonly StoredPost[]; publishError?: PublishError | undefined;
  /** the topic filter: a topic id, 'overall', or null for all */
  topic: string | null; clock: InboxClock; overdue: number; months: readonly MonthCount[];
}) {
  const { ctx } = props;
  const { t } = ctx;
  const filters: [Filter, string][] = [['all', t('suggestions.filterAll')], ...STATUSES.map((x): [Filter, string] => [x, t(STATUS_LABEL[x])])];
  const topics: [string | null, string][] = [
    [null, t('suggestions.allTopics')], ['overall', t('suggestions.centerOverall')],
    ...props.config.feedbackTopics.map((x): [string, string] => [x.id, x.name[ctx.lang]]),
  ];
  return (
    <Layout ctx={ctx} title={t('nav.suggestions')}>
      <h2 style="margin-top:.5rem">{t('nav.suggestions')}</h2>
      {props.overdue > 0 && <p class="problem" role="status" data-testid="overdue-count">{t('suggestions.overdueCount', { n: props.overdue, days: props.clock.replyDays })}</p>}
      <nav style="display:flex;gap:1rem;flex-wrap:wrap">
        {filters.map(([f, label]) => (f === props.filter ? <strong>{label}</strong> : <a href={inboxHref(f, props.topic)}>{label}</a>))}
      </nav>
      <nav style="display:flex;gap:1rem;flex-wrap:wrap;margin-top:.4rem" data-testid="topic-filter">
        {topics.map(([id, label]) => (id === props.topic ? <strong>{label}</strong> : <a href={inboxHref(props.filter, id)}>{label}</a>))}
      </nav>
      <p><a href="/admin/export/suggestions.csv">{t('suggestions.exportSuggestions')}</a>{' · '}<a href="/admin/export/ratings.csv">{t('suggestions.exportRatings')}</a></p>
      {props.notice && <p class="note" role="status">{props.notice}</p>}
      <h3>{t('suggestions.chartMonthly')}</h3>
      <MonthlySuggestionsChart ctx={ctx} months={props.months} />
      <Board ctx={ctx} config={props.config} posts={props.board} />
      {props.suggestions.length === 0 && <p>{t('suggestions.noSuggestions')}</p>}
      {props.suggestions.map((s) => (
        <SuggestionItem ctx={ctx} config={props.config} s={s} filter={props.filter} error={props.error?.id === s.id ? props.error : undefined}
          publishError={props.publishError?.id === s.id ? props.publishError : undefined} clock={props.clock} />
      ))}
    </Layout>
  );
}
