import { weekdayOf, type CenterConfig } from '../../../domain/index';
import type { BookingRow } from '../../bookings/repo';
import { BlocksSection, ClassesSection, NoShowsSection, RefusedSection, SuspensionsSection, type BlockFormState } from './lists';
import type { BookingsView, GridCell, KindGrid } from './repo';
import { codeText, facilityName, hhmm, memberText, REASON_MAX } from './text';
import { Layout, type PageContext } from '../layout';

// The Bookings page: a grid per facility kind for the chosen day (facility rows × slot columns) and its
// week (day columns), the day's bookings with staff cancel, blocks, refused offline bookings, no-shows,
// suspensions and class places. Every value is text (Preact escapes it); members by masked name and number.

function cellText(ctx: PageContext, c: GridCell): string {
  const b = c.booking;
  if (c.state === 'free') return ctx.t('bookings.free');
  if (c.state === 'freed') return codeText(ctx, 'freed_', b!.status);
  if (c.state === 'block') return ctx.t('bookings.blockCell', { reason: b!.reason ?? '' });
  const who = `${b!.maskedName ?? ''} · ${b!.code}`;
  return c.state === 'checked_in' ? `${who} ${ctx.t('bookings.checkedInMark')}` : who;
}

/** A confirmed booking under way that nobody checked in to yet: when the hub will free it as a no-show. */
function releaseOf(c: GridCell, grid: KindGrid, now: number): number | null {
  if (c.state !== 'confirmed' || !c.booking || now < c.booking.startsAt) return null;
  return c.booking.startsAt + grid.rules.noShowReleaseMinutesAfter * 60_000;
}

function heldText(ctx: PageContext, b: BookingRow, tz: string): string {
  const when = `${hhmm(b.startsAt, tz)}–${hhmm(b.endsAt, tz)}`;
  return b.memberId === null ? `${when} ${ctx.t('bookings.blockCell', { reason: b.reason ?? '' })}` : `${when} ${memberText(b)} · ${b.code}`;
}

function Grids(props: { ctx: PageContext; config: CenterConfig; grid: KindGrid; now: number }) {
  const { ctx, config, grid } = props;
  const { t, lang } = ctx;
  const tz = config.center.timeZone;
  const weekdays = t('bookings.weekdays').split(',');
  const release = (c: GridCell) => releaseOf(c, grid, props.now);
  return (
    <section data-testid={`grid-${grid.kind.id}`}>
      <h3>{grid.kind.name[lang]}</h3>
      <div class="scroll-x" tabIndex={0} role="region" aria-label={t('bookings.gridRegion')}>
        <table class="grid">
          <thead><tr><th>{t('bookings.facility')}</th>{grid.slots.map((s) => <th>{hhmm(s.startsAt, tz)}</th>)}</tr></thead>
          <tbody>
            {grid.facilities.map((f) => (
              <tr>
                <th>{f.facility.name[lang]}</th>
                {f.cells.map((c) => (
                  <td data-testid={`cell-${f.facility.id}-${hhmm(c.startsAt, tz)}`} data-state={c.state} class={`cell-${c.state}${c.endsAt <= props.now ? ' past' : ''}`}>
                    {cellText(ctx, c)}
                    {release(c) !== null && <div class="hint" data-testid="release">{t('bookings.notIn', { time: hhmm(release(c)!, tz) })}</div>}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{t('bookings.gridWeek', { day: grid.days[0]! })}</h3>
      <div class="scroll-x" tabIndex={0} role="region" aria-label={t('bookings.gridRegion')}>
        <table class="grid">
          <thead><tr><th>{t('bookings.facility')}</th>{grid.days.map((d) => <th>{`${d.slice(5)} ${weekdays[weekdayOf(d) - 1] ?? ''}`}</th>)}</tr></thead>
          <tbody>
            {grid.facilities.map((f) => (
              <tr>
                <th>{f.facility.name[lang]}</th>
                {f.week.map((w) => (
                  <td data-testid={`week-${f.facility.id}-${w.day}`} data-free={String(w.free)}>
                    <div class="hint">{t('bookings.weekFree', { n: w.free, m: w.slots })}</div>
                    {w.held.map((b) => <div>{heldText(ctx, b, tz)}</div>)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function DayBookings(props: { ctx: PageContext; config: CenterConfig; view: BookingsView; now: number }) {
  const { ctx, config, view } = props;
  const { t, lang } = ctx;
  const tz = config.center.timeZone;
  if (view.dayBookings.length === 0) return <p>{t('bookings.noBookings')}</p>;
  return (
    <table>
      <thead><tr><th>{t('bookings.time')}</th><th>{t('bookings.facility')}</th><th>{t('bookings.member')}</th><th>{t('bookings.code')}</th><th>{t('bookings.status')}</th><th></th></tr></thead>
      <tbody>
        {view.dayBookings.map((b) => (
          <tr data-testid={`booking-${b.code}`} data-status={b.status} class={b.status === 'cancelled' || b.status === 'block_lifted' ? 'cancelled' : undefined}>
            <td>{`${hhmm(b.startsAt, tz)}–${hhmm(b.endsAt, tz)}`}</td>
            <td>{facilityName(config, b.facilityId, lang)}</td>
            <td>{b.memberId === null ? t('bookings.blockCell', { reason: b.reason ?? '' }) : memberText(b)}</td>
            <td>{b.code}</td>
            <td class="mark">
              {codeText(ctx, 'status_', b.status)}
              {b.status === 'cancelled' && (
                <div class="hint">{`${t('bookings.cancelledBy', { who: b.cancelledBy === 'staff' ? (b.staffUser ?? '') : t('bookings.cancelledMember') })}${b.reason ? `: ${b.reason}` : ''}`}</div>
              )}
            </td>
            <td>
              {(b.status === 'confirmed' || b.status === 'checked_in') && b.endsAt > props.now && (
                <form class="cancel" method="post" action={`/admin/bookings/${b.id}/cancel`} style="display:flex;gap:.5rem">
                  <input type="hidden" name="_csrf" value={ctx.csrf} />
                  <input type="hidden" name="day" value={view.day} />
                  <input name="reason" required maxlength={REASON_MAX} placeholder={t('bookings.reason')} aria-label={t('bookings.reason')} />
                  <button type="submit">{t('bookings.cancel')}</button>
                </form>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

// the wide grids scroll sideways in a region a keyboard can reach (tabIndex, axe scrollable-region-focusable);
// past cells are set apart by italics and a shade, never by opacity, which took their text under 4.5:1
const GRID_CSS = `.scroll-x{overflow-x:auto}.scroll-x:focus-visible{outline:3px solid #0d1b2a}.grid td,.grid th{font-size:.85rem;border:1px solid #ddd;padding:.25rem .4rem}.grid th{white-space:nowrap}.grid td{min-width:4rem}
form.cancel input{width:10rem}form.cancel button{white-space:nowrap}.cell-free,.cell-freed{color:#1f6b1f}
.cell-confirmed{background:#e8f0fe}.cell-checked_in{background:#d7f0dd}.cell-block{background:#eee;color:#555}.grid td.past{font-style:italic;background-image:linear-gradient(rgb(0 0 0/.06),rgb(0 0 0/.06))}`;

export function BookingsPage(props: {
  ctx: PageContext; config: CenterConfig; view: BookingsView; now: number; notice?: string | undefined; problem?: string | undefined; block: BlockFormState;
}) {
  const { ctx, config, view, now } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('bookings.title', { day: view.day })}>
      <style>{GRID_CSS}</style>
      <h2 style="margin-top:.5rem">{t('bookings.title', { day: view.day })}</h2>
      {props.notice && <p class="note" role="status">{props.notice}</p>}
      {props.problem && <p class="problem" role="alert">{props.problem}</p>}
      <form method="get" action="/admin/bookings" style="display:flex;gap:1rem;align-items:end">
        <div><label for="day">{t('bookings.day')}</label><input id="day" name="day" type="date" value={view.day} /></div>
        <div><button type="submit">{t('bookings.show')}</button></div>
      </form>
      <p><a href={`/admin/bookings.csv?day=${view.day}`}>{t('bookings.export')}</a></p>
      {view.grids.map((g) => <Grids ctx={ctx} config={config} grid={g} now={now} />)}
      <h2>{t('bookings.list', { day: view.day, n: view.dayBookings.filter((b) => b.memberId !== null).length })}</h2>
      <DayBookings ctx={ctx} config={config} view={view} now={now} />
      <RefusedSection ctx={ctx} config={config} rows={view.refused} />
      <BlocksSection ctx={ctx} config={config} view={view} form={props.block} />
      <NoShowsSection ctx={ctx} config={config} rows={view.noShows} />
      <SuspensionsSection ctx={ctx} config={config} view={view} />
      <ClassesSection ctx={ctx} config={config} classes={view.classes} day={view.day} now={props.now} />
    </Layout>
  );
}
