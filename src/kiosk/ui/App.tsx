import { useEffect, useMemo } from 'preact/hooks';
import type { ClockModel } from '../state/clock-model';
import type { IdleModel } from '../state/idle-model';
import type { LanguageModel } from '../state/language-model';
import type { Feature, NavigationModel } from '../state/navigation-model';
import type { ScheduleModel } from '../state/schedule-model';
import type { SnapshotModel } from '../state/snapshot-model';
import type { ReadonlySignal } from '@preact/signals';
import { IdleCountdown } from './components/IdleCountdown';
import { deriveFreshnessLabel } from './format';
import { createLookup } from './lookup';
import { AttractScreen } from './screens/AttractScreen';
import { ScheduleScreen } from './screens/ScheduleScreen';
import { pick } from '../../domain/text';

export interface AppModels {
  readonly clock: ClockModel;
  readonly language: LanguageModel;
  readonly snapshot: SnapshotModel;
  readonly schedule: ScheduleModel;
  readonly navigation: NavigationModel;
  readonly idle: IdleModel;
  readonly features: ReadonlySignal<readonly Feature[]>;
}

/** Reads the models and hands plain values to the screen that is showing. */
export function App({ models }: { models: AppModels }) {
  const { language, snapshot: snap, schedule, navigation, idle } = models;
  const lang = language.lang.value;
  const now = models.clock.now.value;
  const snapshot = snap.snapshot.value;
  const timeZone = schedule.timeZone.value;
  const lookup = useMemo(() => createLookup(snapshot, lang), [snapshot, lang]);
  const freshness = deriveFreshnessLabel(lang, snap.freshness.value, now, timeZone);
  const countdown = idle.countdown.value;

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const common = { lang, now, timeZone, lookup, freshness, connection: snap.connection.value, hasSnapshot: snapshot !== null, onToggleLang: language.toggle };
  return (
    <>
      {navigation.screen.value === 'schedule' ? (
        <ScheduleScreen
          {...common}
          view={schedule.view.value}
          onBack={navigation.home}
          onSelectDay={schedule.selectDay}
          onSelectCategory={schedule.selectCategory}
        />
      ) : (
        <AttractScreen
          {...common}
          centerName={snapshot ? pick(snapshot.center.name, lang) : null}
          nowNext={schedule.nowNext.value}
          features={models.features.value}
          onOpen={(f) => {
            schedule.reset();
            navigation.open(f);
          }}
        />
      )}
      {countdown !== null && <IdleCountdown lang={lang} seconds={countdown} />}
    </>
  );
}
