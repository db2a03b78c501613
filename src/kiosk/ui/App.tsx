import type { ReadonlySignal } from '@preact/signals';
import type { JSX } from 'preact';
import { useEffect, useMemo } from 'preact/hooks';
import { pick } from '../../domain/text';
import type { UpdateState } from '../platform/sw-bridge';
import type { BookModel } from '../state/book/book-model';
import type { ClockModel } from '../state/shell/clock-model';
import type { GymModel } from '../state/checkin/gym-model';
import type { KeypadModel } from '../state/checkin/keypad-model';
import type { MemberModel } from '../state/checkin/member-model';
import { deriveCameraView, type ScannerModel } from '../state/checkin/scanner-model';
import type { EnrollmentModel } from '../state/sync/enrollment-model';
import type { IdleModel } from '../state/shell/idle-model';
import type { RatingModel } from '../state/feedback/rating-model';
import type { SuggestionModel } from '../state/feedback/suggestion-model';
import type { PollModel } from '../state/feedback/poll-model';
import type { LanguageModel } from '../state/shell/language-model';
import type { ButtonFeature, Feature, NavigationModel, Screen } from '../state/shell/navigation-model';
import type { ScheduleModel } from '../state/shell/schedule-model';
import type { SnapshotModel } from '../state/sync/snapshot-model';
import { deriveStaffPanel, type StaffModel } from '../state/shell/staff-model';
import type { SyncModel } from '../state/sync/sync-model';
import { outcomeText } from './checkin-format';
import { IdleCountdown } from './components/IdleCountdown';
import { OutcomeBanner } from './components/OutcomeBanner';
import { deriveFreshnessLabel } from './format';
import type { TextSizeModel } from '../state/shell/text-size-model';
import { createLookup } from './lookup';
import { useScreenFit } from './screen-fit';
import { AttractScreen } from './screens/AttractScreen';
import { KeypadScreen } from './screens/KeypadScreen';
import {
  LazyBookScreen, LazyMemberScreen, LazyRateScreen, LazyStaffScreen, LazySuggestScreen, LazyPollScreen, preloadPollScreen, preloadBookScreen, preloadMemberScreen, preloadRateScreen, preloadSuggestScreen,
} from './screens/LazyScreens';
import { ScheduleScreen } from './screens/ScheduleScreen';

export interface AppModels {
  readonly clock: ClockModel;
  readonly language: LanguageModel;
  readonly textSize: TextSizeModel;
  readonly snapshot: SnapshotModel;
  readonly schedule: ScheduleModel;
  readonly navigation: NavigationModel;
  readonly idle: IdleModel;
  /** the attract screen's buttons */
  readonly features: ReadonlySignal<readonly ButtonFeature[]>;
  /** every feature this kiosk has (checkin, gym …) */
  readonly kioskFeatures: ReadonlySignal<readonly Feature[]>;
  readonly member: MemberModel;
  readonly gym: GymModel;
  readonly keypad: KeypadModel;
  readonly book: BookModel;
  readonly scanner: ScannerModel;
  readonly enrollment: EnrollmentModel;
  readonly sync: SyncModel;
  readonly staff: StaffModel;
  readonly rating: RatingModel;
  readonly suggestion: SuggestionModel;
  readonly poll: PollModel;
  readonly update: ReadonlySignal<UpdateState>;
  readonly version: string;
  readonly reload: () => void;
}

/** Reads the models and hands plain values to the screen that is showing. */
export function App({ models }: { models: AppModels }) {
  const { language, snapshot: snap, schedule, navigation, idle, staff, sync, enrollment, member, keypad, scanner } = models;
  const lang = language.lang.value;
  const now = models.clock.now.value;
  const snapshot = snap.snapshot.value;
  const timeZone = schedule.timeZone.value;
  const lookup = useMemo(() => createLookup(snapshot, lang), [snapshot, lang]);
  const freshness = deriveFreshnessLabel(lang, snap.freshness.value, now, timeZone);
  const countdown = idle.countdown.value;
  const connection = snap.connection.value;

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const largeText = models.textSize.large.value;
  useEffect(() => {
    document.documentElement.dataset.text = largeText ? 'large' : 'normal';
  }, [largeText]);
  useScreenFit(snapshot?.kiosk.orientation);
  const bookable = models.kioskFeatures.value.includes('book');
  useEffect(() => void (bookable && preloadBookScreen().catch(() => {})), [bookable]);
  const checksIn = models.kioskFeatures.value.includes('checkin');
  useEffect(() => void (checksIn && preloadMemberScreen().catch(() => {})), [checksIn]);
  const [rates, suggests] = [models.kioskFeatures.value.includes('rate'), models.kioskFeatures.value.includes('suggest')];
  useEffect(() => void (rates && preloadRateScreen().catch(() => {})), [rates]);
  useEffect(() => void (suggests && preloadSuggestScreen().catch(() => {})), [suggests]);
  const polls = models.poll.polls.value;
  const pollCount = suggests ? { open: polls.open.length, results: polls.results.length } : { open: 0, results: 0 };
  const showsPolls = pollCount.open + pollCount.results > 0;
  useEffect(() => void (showsPolls && preloadPollScreen().catch(() => {})), [showsPolls]);

  const common = { lang, now, timeZone, lookup, freshness, connection, pending: sync.pending.value, hasSnapshot: snapshot !== null, onToggleLang: language.toggle,
    largeText: models.textSize.large.value, onToggleText: models.textSize.toggle };
  // every step that waits for a badge shows the camera the same way (ScanPrompt)
  const camera = { holdHint: scanner.hint.value, preview: snapshot?.kiosk.cameraPreview ?? true };
  // one entry per screen; a screen missing here shows the attract screen
  const screens: Partial<Record<Screen, () => JSX.Element>> = {
    attract: () => (
      <AttractScreen
        {...common}
        centerName={snapshot ? pick(snapshot.center.name, lang) : null}
        nowNext={schedule.nowNext.value}
        features={models.features.value}
        checkin={models.kioskFeatures.value.includes('checkin')}
        occupancy={models.gym.occupancy.value}
        notices={member.notices.value} board={snapshot?.board} polls={pollCount} onPolls={() => navigation.open('poll')}
        camera={camera}
        onKeypad={() => {
          keypad.clear();
          navigation.open('keypad');
        }}
        notSetUp={enrollment.state.value === 'none'}
        onStaff={staff.open}
        onOpen={(f) => {
          schedule.reset();
          navigation.open(f);
        }}
      />
    ),
    schedule: () => (
      <ScheduleScreen {...common} view={schedule.view.value} onBack={navigation.home} onSelectDay={schedule.selectDay} onSelectCategory={schedule.selectCategory} />
    ),
    book: () => (
      <LazyBookScreen
        {...common} view={models.book.view.value} onKind={models.book.chooseKind} onDay={models.book.chooseDay} onSlot={models.book.chooseSlot}
        onBack={models.book.back} onHome={navigation.home} camera={camera}
      />
    ),
    rate: () => <LazyRateScreen {...common} model={models.rating} onDone={navigation.home} />,
    member: () => {
      const session = member.session.value;
      const options = member.options.value;
      if (!session || !options) return screens.attract!();
      return (
        <LazyMemberScreen
          {...common} session={session} options={options} busy={member.busy.value}
          onClass={(id) => void member.checkInClass(id)} onGym={(g) => void member.gym(g)} onLeaveQueue={() => void member.leaveQueue()} onDone={member.forget}
          bookingTaps={member} replies={member.replies.value} onReplyRead={(id) => void member.markReplyRead(id)}
        />
      );
    },
    keypad: () => (
      <KeypadScreen
        {...common} digits={keypad.digits.value} busy={member.busy.value} onKey={keypad.press} onCancel={navigation.home}
        onOk={() => {
          const no = keypad.take();
          if (no !== null) void member.keypad(no);
        }}
      />
    ),
    suggest: () => (
      <LazySuggestScreen {...common} camera={camera} model={models.suggestion} origin={location.origin} kioskId={enrollment.device.value?.kioskId ?? null} onDone={navigation.home} />
    ),
    poll: () => <LazyPollScreen {...common} camera={camera} model={models.poll} onDone={navigation.home} />,
  };
  const mode = staff.mode.value;
  const outcome = member.outcome.value;
  return (
    <>
      {(screens[navigation.screen.value] ?? screens.attract!)()}
      {mode !== 'closed' && (
        <LazyStaffScreen
          lang={lang}
          mode={mode}
          pin={staff.pin.value}
          panel={deriveStaffPanel({
            kioskId: enrollment.device.value?.kioskId ?? null, refused: enrollment.refused.value, online: connection === 'online',
            stats: sync.stats.value, lastSuccessAt: sync.lastSuccessAt.value, lastError: sync.lastError.value, stopped: sync.stopped.value,
            retryAt: sync.retryAt.value, storage: staff.storage.value, now,
          })}
          deadLetters={staff.deadLetters.value}
          enrollError={enrollment.lastError.value}
          version={models.version}
          update={models.update.value}
          syncing={staff.busy.value || sync.syncing.value}
          timeZone={timeZone}
          onDigit={staff.digit}
          onClear={staff.clear}
          onSubmit={() => void staff.submit()}
          onClose={staff.close}
          onSyncNow={() => void staff.syncNow()}
          onExport={() => void staff.exportPending()}
          onReload={models.reload}
          camera={models.kioskFeatures.value.includes('checkin') ? {
            view: deriveCameraView({
              state: scanner.state.value, cameras: scanner.cameras.value, selected: scanner.selected.value,
              testing: scanner.testing.value, testRead: scanner.testRead.value,
            }),
            onChoose: scanner.chooseCamera, onTest: scanner.test, onStopTest: scanner.stopTest,
          } : undefined}
        />
      )}
      {outcome && <OutcomeBanner lang={lang} code={outcome.code} tone={outcome.tone} offline={outcome.offline} text={outcomeText(lang, outcome, lookup, timeZone)} placement={navigation.screen.value === 'attract' ? 'top' : 'bottom'} />}
      {countdown !== null && <IdleCountdown lang={lang} seconds={countdown} onMore={idle.touch} />}
    </>
  );
}
