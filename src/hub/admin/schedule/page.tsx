import type { ComponentChildren } from 'preact';
import { groupByDay, zonedParts, type CenterConfig, type IndexAlert, type Lang } from '../../../domain/index';
import { AlertLines } from '../feedback/page';
import type { StoredEntry } from '../../schedule/repo';
import { Layout, type PageContext } from '../layout';
import type { EntryErrors, EntryField, EntryValues } from './entry-form';

// The week's schedule: the list with its add form, and the edit page.

const nameOf = (list: readonly { id: string; name: Record<Lang, string> }[], id: string, lang: Lang) =>
  list.find((x) => x.id === id)?.name[lang] ?? id;

function EntryForm(props: {
  ctx: PageContext; config: CenterConfig; values: EntryValues; errors: EntryErrors; action: string; submit: string;
}) {
  const { t, lang } = props.ctx;
  const { values, errors } = props;
  const field = (name: EntryField, label: string, control: ComponentChildren, hint?: string) => {
    const e = errors[name];
    return (
      <div>
        <label for={name}>{label}</label>
        {control}
        {hint && <p class="hint" id={`${name}-hint`}>{hint}</p>}
        {e && <p class="err" id={`${name}-err`}>{t(e.key, e.params)}</p>}
      </div>
    );
  };
  const input = (name: EntryField, type: 'text' | 'date' | 'time' | 'number' = 'text', extra: Record<string, string | boolean> = {}) => (
    <input id={name} name={name} type={type as 'text'} value={values[name]} aria-invalid={errors[name] ? 'true' : undefined}
      aria-describedby={[errors[name] ? `${name}-err` : '', name === 'capacity' ? 'capacity-hint' : ''].filter(Boolean).join(' ') || undefined} {...extra} />
  );
  const select = (name: EntryField, options: readonly { id: string; name: Record<Lang, string> }[]) => (
    <select id={name} name={name} aria-invalid={errors[name] ? 'true' : undefined}>
      {options.map((o) => <option value={o.id} selected={o.id === values[name]}>{o.name[lang]}</option>)}
    </select>
  );
  return (
    <form class="entry" method="post" action={props.action}>
      <input type="hidden" name="_csrf" value={props.ctx.csrf} />
      {field('title_zh', t('schedule.titleZh'), input('title_zh', 'text', { required: true, maxlength: '120' }))}
      {field('title_en', t('schedule.titleEn'), input('title_en', 'text', { required: true, maxlength: '120' }))}
      {field('category', t('schedule.category'), select('category', props.config.categories))}
      {field('date', t('schedule.date'), input('date', 'date', { required: true }))}
      {field('start', t('schedule.start'), input('start', 'time', { required: true }))}
      {field('minutes', t('schedule.minutes'), input('minutes', 'number', { required: true, min: '5', max: '720', step: '5' }))}
      {field('room', t('schedule.room'), select('room', props.config.facilities))}
      {field('instructor', t('schedule.instructor'), input('instructor', 'text', { maxlength: '80' }))}
      {field('capacity', t('schedule.capacity'), input('capacity', 'number', { min: '0', max: '10000' }), t('schedule.capacityHint'))}
      <div class="actions"><button type="submit">{props.submit}</button></div>
    </form>
  );
}

export function Dashboard(props: {
  ctx: PageContext; config: CenterConfig; entries: readonly StoredEntry[]; now: number; notice?: string | undefined;
  values: EntryValues; errors: EntryErrors;
  /** what needs staff now (issue 16): suggestions with no reply past the center's days */
  alerts?: { readonly overdueSuggestions: number; readonly index: readonly IndexAlert[]; readonly silentKiosks: readonly string[] };
}) {
  const { ctx, config, now } = props;
  const { t, lang } = ctx;
  const tz = config.center.timeZone;
  const days = groupByDay(props.entries, now, tz, 8);
  const hasErrors = Object.keys(props.errors).length > 0;
  return (
    <Layout ctx={ctx} title={config.center.name[lang]}>
      <h2 style="margin-top:.5rem">{config.center.name[lang]}</h2>
      {props.notice && <p class="note" role="status">{props.notice}</p>}
      {(props.alerts?.overdueSuggestions ?? 0) > 0 && (
        <p class="problem" role="status" data-testid="alert-overdue">
          <a href="/admin/suggestions?status=new">{t('suggestions.overdueCount', { n: props.alerts!.overdueSuggestions, days: config.rules.suggestionReplyDays })}</a>
        </p>
      )}
      {props.alerts && props.alerts.silentKiosks.length > 0 && (
        <p class="problem" role="status" data-testid="alert-silent">
          <a href="/admin/kiosks">{t('kiosks.silentAlert', { n: config.rules.kioskSilentMinutes, names: props.alerts.silentKiosks.join(' · ') })}</a>
        </p>
      )}
      {props.alerts && props.alerts.index.length > 0 && (
        <a href="/admin/feedback" style="text-decoration:none;color:inherit"><AlertLines ctx={ctx} config={config} alerts={props.alerts.index} /></a>
      )}
      <h2>{t('nav.kiosks')}</h2>
      <table>
        <thead><tr><th>ID</th><th>{t('schedule.title')}</th><th>{t('schedule.features')}</th></tr></thead>
        <tbody>
          {config.kiosks.map((k) => <tr><td>{k.id}</td><td>{k.name}</td><td>{k.features.join(', ')}</td></tr>)}
        </tbody>
      </table>
      <h2>{t('schedule.schedule')}</h2>
      {days.map((day) => (
        <section>
          <h3>{day.date}{day.isToday ? ` · ${t('schedule.today')}` : ''}</h3>
          {day.entries.length === 0 ? <p>{t('schedule.nothingOn')}</p> : (
            <table>
              <thead><tr><th>{t('schedule.time')}</th><th>{t('schedule.title')}</th><th>{t('schedule.category')}</th><th>{t('schedule.room')}</th><th>{t('schedule.instructor')}</th><th>{t('schedule.capacity')}</th><th></th></tr></thead>
              <tbody>
                {day.entries.map((e) => {
                  const s = zonedParts(Date.parse(e.startsAt), tz).time;
                  const end = zonedParts(Date.parse(e.endsAt), tz).time;
                  return (
                    <tr class={e.cancelled ? 'cancelled' : undefined}>
                      <td>{`${s}–${end}`}</td>
                      <td>{e.title[lang]}</td>
                      <td>{nameOf(config.categories, e.category, lang)}</td>
                      <td>{nameOf(config.facilities, e.room, lang)}</td>
                      <td>{e.instructor}</td>
                      <td>{e.capacity === null ? t('schedule.noLimit') : String(e.capacity)}</td>
                      <td class="mark">{e.cancelled ? t('schedule.cancelled') : <a href={`/admin/entries/${encodeURIComponent(e.id)}`}>{t('schedule.edit')}</a>}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </section>
      ))}
      <h2 id="add">{t('schedule.addTitle')}</h2>
      {hasErrors && <p class="problem" role="alert">{t('schedule.fixErrors')}</p>}
      <EntryForm ctx={ctx} config={config} values={props.values} errors={props.errors} action="/admin/entries#add" submit={t('schedule.addEntry')} />
    </Layout>
  );
}

export function EditPage(props: {
  ctx: PageContext; config: CenterConfig; entry: StoredEntry; values: EntryValues; errors: EntryErrors;
}) {
  const { ctx, entry } = props;
  const { t } = ctx;
  const action = `/admin/entries/${encodeURIComponent(entry.id)}`;
  return (
    <Layout ctx={ctx} title={t('schedule.editTitle')}>
      <p><a href="/admin">{t('backToSchedule')}</a></p>
      <h2>{t('schedule.editTitle')}</h2>
      {entry.cancelled && <p class="problem">{t('schedule.alreadyCancelled')}</p>}
      {Object.keys(props.errors).length > 0 && <p class="problem" role="alert">{t('schedule.fixErrors')}</p>}
      <EntryForm ctx={ctx} config={props.config} values={props.values} errors={props.errors} action={action} submit={t('schedule.save')} />
      {!entry.cancelled && (
        <form method="post" action={`${action}/cancel`} style="margin-top:1.5rem">
          <input type="hidden" name="_csrf" value={ctx.csrf} />
          <button type="submit">{t('schedule.cancelEntry')}</button>
        </form>
      )}
    </Layout>
  );
}
