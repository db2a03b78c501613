import type { Context } from 'hono';
import { err, foldNewlines, ok, textProblem, zonedParts, type CenterConfig, type Result } from '../../../domain/index';
import { addBlock, cancelByStaff, liftBlock, liftSuspension, type BlockError } from '../../bookings/repo';
import { cancelPlaceByStaff } from '../../reservations/apply';
import { bookableFacilities, emptyBlock, type BlockFormState, type BlockValues } from './lists';
import { BookingsPage } from './page';
import { loadBookingsView } from './repo';
import { REASON_MAX, stamp } from './text';
import { csvResponse, toCsv } from '../csv';
import { parseLocalDateTime } from '../form-time';
import type { MessageKey } from '../i18n';
import type { AdminKit } from '../kit';
import { render } from '../layout';
import type { Session } from '../auth/sessions';
import { dayOf } from '../today/repo';

// /admin/bookings: the week's facility bookings as grids, staff cancel with a reason, blocks, no-shows,
// suspensions, refused offline bookings, class places, and the week as CSV.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SUSPENSION_ID = /^[1-9][0-9]{0,15}$/;
const DONE = { cancelled: 'bookings.cancelled', block_added: 'bookings.blockAdded', block_lifted: 'bookings.blockLifted', suspension_lifted: 'bookings.suspensionLifted', place_given_up: 'bookings.placeGivenUp' } as const;
const PROBLEM = { not_cancellable: 'bookings.notCancellable', reason_required: 'bookings.reasonRequired', class_started: 'bookings.classStarted', bad_chars: 'bookings.errChars' } as const;

const text = (body: Record<string, unknown>, name: string) => (typeof body[name] === 'string' ? body[name] : '');

const localTime = (value: string, config: CenterConfig) => parseLocalDateTime(value, config.center.timeZone);

type BlockParse = Result<{ facilityId: string; startsAt: number; endsAt: number; reason: string }, NonNullable<BlockFormState['error']>>;

function parseBlock(v: BlockValues, config: CenterConfig, now: number): BlockParse {
  if (!bookableFacilities(config).some((f) => f.id === v.facility)) return err({ key: 'bookings.errFacility' });
  const startsAt = localTime(v.from, config);
  const endsAt = localTime(v.to, config);
  if (startsAt === null || endsAt === null || endsAt <= startsAt) return err({ key: 'bookings.errWhen' });
  if (endsAt <= now) return err({ key: 'bookings.errPast' });
  const typed = foldNewlines(v.reason);
  if (textProblem(typed) !== null) return err({ key: 'bookings.errChars' });
  const reason = typed.normalize('NFC').trim();
  if (reason === '' || reason.length > REASON_MAX) return err({ key: 'bookings.errReason', params: { n: REASON_MAX } });
  return ok({ facilityId: v.facility, startsAt, endsAt, reason });
}

const blockErrorKey: Record<Exclude<BlockError['code'], 'overlaps'>, MessageKey> = {
  unknown_facility: 'bookings.errFacility', invalid_interval: 'bookings.errWhen', reason_required: 'bookings.errReason',
};

export function bookingRoutes(kit: AdminKit): void {
  const { deps } = kit;
  const { config } = deps;
  const tz = config.center.timeZone;
  const dayFrom = (raw: unknown) => dayOf(typeof raw === 'string' ? raw : undefined, deps.now(), tz);

  const page = async (c: Context, session: Session, day: string, block = emptyBlock(config), status: 200 | 422 = 200) => {
    const ctx = kit.ctxOf(c, session);
    const view = await loadBookingsView(deps.db, config, day, deps.now());
    const [notice, problem] = [kit.notice(c, ctx, DONE), kit.notice(c, ctx, PROBLEM, 'problem')];
    return kit.html(c, render(<BookingsPage ctx={ctx} config={config} view={view} now={deps.now()} notice={notice} problem={problem} block={block} />), status);
  };
  const badDay = (c: Context, session: Session) => kit.badRequest(c, session, 'nav.bookings', 'bookings.badDay');
  const back = (c: Context, day: string, flash: string | null) => c.redirect(`/admin/bookings?day=${day}${flash ? `&${flash}` : ''}`, 303);

  kit.get('/bookings', async (c, { session }) => {
    const day = dayFrom(c.req.query('day'));
    return day ? page(c, session, day) : badDay(c, session);
  });

  kit.get('/bookings.csv', async (c, { session }) => {
    const day = dayFrom(c.req.query('day'));
    if (!day) return badDay(c, session);
    const view = await loadBookingsView(deps.db, config, day, deps.now());
    const local = (ms: number | null) => (ms === null ? '' : stamp(ms, tz));
    const header = ['code', 'facility', 'kind', 'starts', 'ends', 'status', 'member no', 'masked name', 'refusal', 'source', 'kiosk',
      'requested at', 'decided at', 'checked in at', 'cancelled at', 'cancelled by', 'reason', 'staff', 'id'];
    const rows = view.week.map((b) => [
      b.code, b.facilityId, b.facilityKind, local(b.startsAt), local(b.endsAt), b.status, b.memberNo, b.maskedName, b.refusal, b.source, b.kioskId,
      local(b.requestedAt), local(b.decidedAt), local(b.checkedInAt), local(b.cancelledAt), b.cancelledBy, b.reason, b.staffUser, b.id,
    ]);
    return csvResponse(toCsv(header, rows), `bookings-${day}.csv`);
  });

  /**
   * A staff action on one row (a booking, a block, a place, a suspension): a CSRF-checked form post
   * naming the row in the path, answered by going back to the day the form was on (with a notice or a
   * problem), or with 404 when `act` says 'not_found'.
   */
  const rowAction = (path: `/bookings/${string}`, idPattern: RegExp, act: (id: string, session: Session, body: Record<string, unknown>) => Promise<string | null>) =>
    kit.post(path, async (c, { session, body }) => {
      const id = c.req.param('id') ?? '';
      if (!idPattern.test(id)) return kit.notFound(c, session);
      const day = dayFrom(body.day) ?? zonedParts(deps.now(), tz).date;
      const flash = await act(id, session, body);
      return flash === 'not_found' ? kit.notFound(c, session) : back(c, day, flash);
    });

  rowAction('/bookings/:id/cancel', UUID, async (id, session, body) => {
    const typed = foldNewlines(text(body, 'reason'));
    if (textProblem(typed) !== null) return 'problem=bad_chars';
    const reason = typed.normalize('NFC').trim().slice(0, REASON_MAX);
    const result = await cancelByStaff(deps.db, id, reason, session.username, deps.now());
    if (result.ok) return 'done=cancelled';
    return result.error === 'unknown_booking' ? 'not_found' : `problem=${result.error}`;
  });

  kit.post('/bookings/blocks', async (c, { session, body }) => {
    const day = dayFrom(body.day) ?? zonedParts(deps.now(), tz).date;
    const values: BlockValues = {
      facility: text(body, 'facility'), from: text(body, 'from'), to: text(body, 'to'), reason: text(body, 'reason').slice(0, 1000),
    };
    const parsed = parseBlock(values, config, deps.now());
    if (!parsed.ok) return page(c, session, day, { values, error: parsed.error }, 422);
    const result = await addBlock(deps.db, config, parsed.value, session.username, deps.now());
    if (result.ok) return back(c, day, 'done=block_added');
    const e = result.error;
    if (e.code === 'overlaps') return page(c, session, day, { values, clashes: e.clashes }, 422);
    return page(c, session, day, { values, error: { key: blockErrorKey[e.code], params: { n: REASON_MAX } } }, 422);
  });

  // a block lifted, a place given up or a suspension lifted already (two staff, a double click) is no
  // error: the page shows it done
  rowAction('/bookings/blocks/:id/lift', UUID, async (id, session) =>
    (await liftBlock(deps.db, id, session.username, deps.now())).ok ? 'done=block_lifted' : null);

  rowAction('/bookings/places/:id/cancel', UUID, async (id) => {
    const result = await cancelPlaceByStaff(deps.db, id, deps.now());
    return result.ok ? 'done=place_given_up' : result.error === 'class_started' ? 'problem=class_started' : null;
  });

  rowAction('/bookings/suspensions/:id/lift', SUSPENSION_ID, async (id, session) =>
    (await liftSuspension(deps.db, Number(id), session.username, deps.now())).ok ? 'done=suspension_lifted' : null);
}
