import { type CenterConfig } from '../../../domain/index';
import type { BookingRow, NoShowRow } from '../../bookings/repo';
import type { BookingsView, ClassPlacesView } from './repo';
import { codeText, facilityName, hhmm, memberText, REASON_MAX, spanText, stamp } from './text';
import type { MessageKey } from '../i18n';
import type { PageContext } from '../layout';

// The Bookings page's lists below the grids: refused offline bookings, blocks (add and lift), no-shows,
// suspensions (lift) and class places. Every value is text; members by masked name and number.

export interface BlockValues { readonly facility: string; readonly from: string; readonly to: string; readonly reason: string }
export interface BlockFormState {
  readonly values: BlockValues;
  readonly error?: { readonly key: MessageKey; readonly params?: Record<string, string | number> } | undefined;
  /** what a refused block would have overlapped */
  readonly clashes?: readonly BookingRow[] | undefined;
}

export const emptyBlock = (config: CenterConfig): BlockFormState => ({
  values: { facility: bookableFacilities(config)[0]?.id ?? '', from: '', to: '', reason: '' },
});

export const bookableFacilities = (config: CenterConfig) =>
  config.facilities.filter((f) => config.facilityKinds.some((k) => k.id === f.kind && k.bookable));

const Csrf = (props: { ctx: PageContext }) => <input type="hidden" name="_csrf" value={props.ctx.csrf} />;

export function RefusedSection(props: { ctx: PageContext; config: CenterConfig; rows: readonly BookingRow[] }) {
  const { ctx, config } = props;
  const { t, lang } = ctx;
  const tz = config.center.timeZone;
  return (
    <>
      <h2>{t('bookings.refused', { n: props.rows.length })}</h2>
      <p class="hint">{t('bookings.refusedHint')}</p>
      {props.rows.length === 0 ? <p>{t('bookings.noRefused')}</p> : (
        <table>
          <thead><tr><th>{t('bookings.member')}</th><th>{t('bookings.facility')}</th><th>{t('bookings.time')}</th><th>{t('bookings.rule')}</th><th>{t('bookings.requestedAt')}</th><th>{t('bookings.kiosk')}</th></tr></thead>
          <tbody>
            {props.rows.map((b) => (
              <tr data-testid="refused-booking" data-refusal={b.refusal ?? ''}>
                <td>{memberText(b)}</td>
                <td>{facilityName(config, b.facilityId, lang)}</td>
                <td>{spanText(b, tz)}</td>
                <td>{b.refusal === null ? '–' : codeText(ctx, 'refusal_', b.refusal)}</td>
                <td>{stamp(b.requestedAt, tz)}</td>
                <td>{b.kioskId ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export function BlocksSection(props: { ctx: PageContext; config: CenterConfig; view: BookingsView; form: BlockFormState }) {
  const { ctx, config, view, form } = props;
  const { t, lang } = ctx;
  const tz = config.center.timeZone;
  const v = form.values;
  return (
    <>
      <h2 id="blocks">{t('bookings.blocks')}</h2>
      <p class="hint">{t('bookings.blocksHint')}</p>
      {view.blocks.length === 0 ? <p>{t('bookings.noBlocks')}</p> : (
        <table>
          <thead><tr><th>{t('bookings.time')}</th><th>{t('bookings.facility')}</th><th>{t('bookings.reason')}</th><th>{t('bookings.status')}</th><th></th></tr></thead>
          <tbody>
            {view.blocks.map((b) => (
              <tr data-testid={`block-${b.code}`} data-status={b.status} class={b.status === 'block_lifted' ? 'cancelled' : undefined}>
                <td>{spanText(b, tz)}</td>
                <td>{facilityName(config, b.facilityId, lang)}</td>
                <td>{b.reason ?? ''}</td>
                <td class="mark">{codeText(ctx, 'status_', b.status)}{b.staffUser ? ` · ${b.staffUser}` : ''}</td>
                <td>
                  {b.status === 'block' && (
                    <form method="post" action={`/admin/bookings/blocks/${b.id}/lift`}>
                      <Csrf ctx={ctx} />
                      <input type="hidden" name="day" value={view.day} />
                      <button type="submit">{t('bookings.liftBlock')}</button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3 id="add-block">{t('bookings.blockAdd')}</h3>
      {form.error && <p class="problem" role="alert" data-testid="block-error">{t(form.error.key, form.error.params)}</p>}
      {form.clashes && form.clashes.length > 0 && (
        <div class="problem" role="alert" data-testid="block-overlap">
          <p style="margin:0">{t('bookings.overlap')}</p>
          <ul>
            {form.clashes.map((b) => (
              <li>{`${facilityName(config, b.facilityId, lang)} · ${spanText(b, tz)} · ${b.memberId === null ? t('bookings.blockCell', { reason: b.reason ?? '' }) : `${memberText(b)} · ${b.code}`}`}</li>
            ))}
          </ul>
        </div>
      )}
      <form class="entry" method="post" action="/admin/bookings/blocks">
        <Csrf ctx={ctx} />
        <input type="hidden" name="day" value={view.day} />
        <div>
          <label for="block-facility">{t('bookings.facility')}</label>
          <select id="block-facility" name="facility">
            {bookableFacilities(config).map((f) => <option value={f.id} selected={f.id === v.facility}>{f.name[lang]}</option>)}
          </select>
        </div>
        <div><label for="block-from">{t('bookings.from')}</label><input id="block-from" name="from" type="datetime-local" required value={v.from} /></div>
        <div><label for="block-to">{t('bookings.to')}</label><input id="block-to" name="to" type="datetime-local" required value={v.to} /></div>
        <div><label for="block-reason">{t('bookings.reason')}</label><input id="block-reason" name="reason" required maxlength={REASON_MAX} value={v.reason} /></div>
        <div class="actions"><button type="submit">{t('bookings.addBlock')}</button></div>
      </form>
    </>
  );
}

export function NoShowsSection(props: { ctx: PageContext; config: CenterConfig; rows: readonly NoShowRow[] }) {
  const { ctx, config } = props;
  const { t, lang } = ctx;
  const tz = config.center.timeZone;
  return (
    <>
      <h2>{t('bookings.noShows')}</h2>
      {props.rows.length === 0 ? <p>{t('bookings.noNoShows')}</p> : (
        <table>
          <thead><tr><th>{t('bookings.member')}</th><th>{t('bookings.facility')}</th><th>{t('bookings.time')}</th><th>{t('bookings.code')}</th><th>{t('bookings.releasedAt')}</th></tr></thead>
          <tbody>
            {props.rows.map((n) => (
              <tr data-testid="no-show">
                <td>{memberText(n)}</td>
                <td>{facilityName(config, n.facilityId, lang)}</td>
                <td>{spanText(n, tz)}</td>
                <td>{n.code}</td>
                <td>{stamp(n.at, tz)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export function SuspensionsSection(props: { ctx: PageContext; config: CenterConfig; view: BookingsView }) {
  const { ctx, config, view } = props;
  const { t } = ctx;
  const tz = config.center.timeZone;
  return (
    <>
      <h2>{t('bookings.suspensions')}</h2>
      {view.suspensions.length === 0 ? <p>{t('bookings.noSuspensions')}</p> : (
        <table>
          <thead><tr><th>{t('bookings.member')}</th><th>{t('bookings.since')}</th><th>{t('bookings.until')}</th><th></th></tr></thead>
          <tbody>
            {view.suspensions.map((s) => (
              <tr data-testid={`suspension-${s.id}`}>
                <td>{memberText(s)}</td>
                <td>{stamp(s.startsAt, tz)}</td>
                <td>{stamp(s.untilAt, tz)}</td>
                <td>
                  <form method="post" action={`/admin/bookings/suspensions/${s.id}/lift`}>
                    <Csrf ctx={ctx} />
                    <input type="hidden" name="day" value={view.day} />
                    <button type="submit">{t('bookings.lift')}</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** Staff give up a member's place (the member rang): a freed place goes to the first waiting at once. */
function GiveUp(props: { ctx: PageContext; id: string; day: string }) {
  return (
    <form method="post" action={`/admin/bookings/places/${props.id}/cancel`} style="display:inline;margin-left:.5rem">
      <input type="hidden" name="_csrf" value={props.ctx.csrf} />
      <input type="hidden" name="day" value={props.day} />
      <button type="submit">{props.ctx.t('bookings.giveUpPlace')}</button>
    </form>
  );
}

export function ClassesSection(props: { ctx: PageContext; config: CenterConfig; classes: readonly ClassPlacesView[]; day: string; now: number }) {
  const { ctx, config } = props;
  const { t, lang } = ctx;
  const tz = config.center.timeZone;
  const open = (c: ClassPlacesView) => props.now < Date.parse(c.entry.startsAt);
  const who = (p: ClassPlacesView['reserved'][number]) =>
    `${p.member.maskedName} (${p.member.memberNo})${p.promotedAt !== null ? ` · ${t('bookings.promoted', { when: hhmm(p.promotedAt, tz) })}` : ''}`;
  return (
    <>
      <h2>{t('bookings.classes')}</h2>
      {props.classes.length === 0 ? <p>{t('bookings.noClasses')}</p> : (
        <table>
          <thead><tr><th>{t('bookings.time')}</th><th>{t('bookings.title')}</th><th>{t('bookings.reserved')}</th><th>{t('bookings.waitlist')}</th></tr></thead>
          <tbody>
            {props.classes.map((c) => (
              <tr data-testid={`class-${c.entry.id}`}>
                <td>{spanText({ startsAt: Date.parse(c.entry.startsAt), endsAt: Date.parse(c.entry.endsAt) }, tz)}</td>
                <td>{c.entry.title[lang]}</td>
                <td>
                  <div data-testid="places">{t('bookings.places', { n: c.reserved.length, left: c.entry.placesLeft ?? 0, capacity: c.entry.capacity ?? 0 })}</div>
                  {c.reserved.map((p) => <div data-testid={`place-${p.id}`}>{who(p)}{open(c) && <GiveUp ctx={ctx} id={p.id} day={props.day} />}</div>)}
                </td>
                <td>
                  {c.waitlist.length === 0 ? t('bookings.nobody') : (
                    <ol style="margin:0;padding-left:1.25rem">
                      {c.waitlist.map((p) => <li data-testid={`place-${p.id}`}>{who(p)}{open(c) && <GiveUp ctx={ctx} id={p.id} day={props.day} />}</li>)}
                    </ol>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
