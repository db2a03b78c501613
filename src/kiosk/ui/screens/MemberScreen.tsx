import { pick, type Lang } from '../../../domain/text';
import type { ClassOption, GymOption, MemberOptions, MemberSession } from '../../state/checkin/member-options';
import type { Connection } from '../../state/sync/snapshot-model';
import type { SnapshotReply } from '../../../domain/protocol';
import { MemberReplies } from '../components/MemberReplies';
import { MyBookings, type BookingTaps } from '../components/MyBookings';
import { StatusBar } from '../components/StatusBar';
import { timeOf } from '../format';
import type { Lookup } from '../lookup';
import { tMember } from '../../i18n/member-t';

export interface MemberScreenProps {
  readonly lang: Lang;
  readonly timeZone: string;
  readonly lookup: Lookup;
  readonly connection: Connection;
  readonly pending?: number;
  readonly session: MemberSession;
  readonly options: MemberOptions;
  /** a decision is being written: the buttons wait */
  readonly busy: boolean;
  readonly onClass: (entryId: string) => void;
  readonly onGym: (group: string) => void;
  readonly onLeaveQueue: () => void;
  /** the ticking clock (App's common props): today / tomorrow on bookings */
  readonly now: number;
  /** cancel, check in, reserve, give up a place (the member model has them) */
  readonly bookingTaps?: BookingTaps;
  /** the center's answers to this member's signed suggestions (issue 16) */
  readonly replies?: readonly SnapshotReply[];
  readonly onReplyRead?: (suggestionId: string) => void;
  readonly onDone: () => void;
  readonly onToggleLang: () => void;
  /** large text (大字) is on; the switch is on every screen */
  readonly largeText: boolean;
  readonly onToggleText: () => void;
}

/** Who the kiosk greets: the masked name, else what identified them (an unverified card, a number). */
function greetingName(lang: Lang, s: MemberSession): string {
  if (s.name !== null) return s.name;
  if (s.identity.via === 'keypad') return tMember(lang, 'member.number', { no: s.identity.memberNo });
  return tMember(lang, 'member.unverifiedCard');
}

function gymLine(lang: Lang, g: GymOption): string {
  if (g.mine === 'session') return tMember(lang, 'member.gym.session', { unit: g.unit ?? '' });
  if (g.mine === 'offered') return tMember(lang, 'member.gym.offered', { unit: g.unit ?? '' });
  if (g.mine === 'queued') return tMember(lang, 'member.gym.queued', { position: g.position ?? '' });
  if (g.elsewhere) return tMember(lang, 'member.gym.elsewhere');
  return g.free > 0 ? tMember(lang, 'member.gym.start') : tMember(lang, 'member.gym.join', { count: g.queueLength });
}

function ClassButton({ lang, c, timeZone, lookup, busy, onClass }: { lang: Lang; c: ClassOption; timeZone: string; lookup: Lookup; busy: boolean; onClass: (id: string) => void }) {
  return (
    <li>
      <button type="button" class={`member-option class-${c.status}`} data-testid={`class-${c.entryId}`} data-status={c.status} disabled={busy || c.status === 'checked_in'} onClick={() => onClass(c.entryId)}>
        <span class="option-time">{timeOf(Date.parse(c.startsAt), timeZone)}</span>
        <span class="option-title">{pick(c.title, lang)}</span>
        <span class="option-meta">{lookup.room(c.room)}</span>
        <span class="option-state">{tMember(lang, `member.class.${c.status}`)}</span>
      </button>
    </li>
  );
}

/** The identified member: greeting, verification, what they can check in to now, and Done. */
export function MemberScreen(p: MemberScreenProps) {
  const { lang, session: s, options: o } = p;
  return (
    <main class="screen member" data-testid="member-screen" data-verified={String(s.verified)}>
      <header class="member-header">
        <div class="member-greeting">
          <p class="member-hello">{tMember(lang, 'member.hello')}</p>
          <h1 class="member-name" data-testid="member-name">{greetingName(lang, s)}</h1>
          <p class="member-meta">
            <span class={`member-mark member-${s.verified ? 'verified' : 'unverified'}`}>{tMember(lang, s.verified ? 'member.verified' : 'member.unverified')}</span>
            <span class="member-visit">{tMember(lang, `member.visit.${s.visit.outcome}`)}</span>
          </p>
        </div>
        <StatusBar lang={lang} connection={p.connection} pending={p.pending} onToggleLang={p.onToggleLang} largeText={p.largeText} onToggleText={p.onToggleText} />
      </header>
      <div class="member-body">
        <MemberReplies lang={lang} timeZone={p.timeZone} replies={p.replies ?? []} busy={p.busy} onRead={(id) => p.onReplyRead?.(id)} />
        {!o.presented ? (
          <p class="member-note" data-testid="member-keypad-only">{tMember(lang, 'member.keypadOnly')}</p>
        ) : (
          <>
            <section class="member-section" aria-labelledby="member-classes">
              <h2 id="member-classes">{tMember(lang, 'member.classes')}</h2>
              {o.classes.length === 0 ? (
                <p class="member-note">{tMember(lang, 'member.noClasses')}</p>
              ) : (
                <ul class="member-options">
                  {o.classes.map((c) => <ClassButton key={c.entryId} lang={lang} c={c} timeZone={p.timeZone} lookup={p.lookup} busy={p.busy} onClass={p.onClass} />)}
                </ul>
              )}
            </section>
            {o.bookings ? (
              <MyBookings lang={lang} now={p.now} timeZone={p.timeZone} lookup={p.lookup} view={o.bookings} busy={p.busy} taps={p.bookingTaps} />
            ) : (
              <p class="member-note" data-testid="member-bookings-need-member">{tMember(lang, 'member.bookingsNeedMember')}</p>
            )}
            {o.gym.length > 0 && (
              <section class="member-section" aria-labelledby="member-gym">
                <h2 id="member-gym">{tMember(lang, 'member.gym')}</h2>
                <ul class="member-options">
                  {o.gym.map((g) => (
                    <li key={g.group}>
                      <button type="button" class={`member-option gym-option${g.mine ? ' gym-mine' : ''}`} data-testid={`gym-${g.group}`} data-mine={g.mine ?? ''} disabled={p.busy || g.inService === 0 || g.elsewhere} onClick={() => p.onGym(g.group)}>
                        <span class="option-title">{pick(g.name, lang)}</span>
                        <span class="option-meta">{tMember(lang, 'member.gym.free', { free: g.free, total: g.inService })}</span>
                        <span class="option-state">{gymLine(lang, g)}</span>
                      </button>
                    </li>
                  ))}
                </ul>
                {o.queue && (
                  <button type="button" class="member-leave" data-testid="gym-leave-queue" disabled={p.busy} onClick={p.onLeaveQueue}>{tMember(lang, 'member.leaveQueue')}</button>
                )}
              </section>
            )}
          </>
        )}
      </div>
      <footer class="member-footer">
        <button type="button" class="member-done" data-testid="member-done" onClick={p.onDone}>{tMember(lang, 'member.done')}</button>
      </footer>
    </main>
  );
}
