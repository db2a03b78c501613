import type { Lang } from '../../../domain/text';
import { t } from '../../i18n/t';
import type { Connection } from '../../state/sync/snapshot-model';
import type { ScheduleView } from '../../state/shell/schedule-model';
import { CategoryFilter } from '../components/CategoryFilter';
import { DayTabs } from '../components/DayTabs';
import { EntryCard } from '../components/EntryCard';
import { FreshnessLine } from '../components/FreshnessLine';
import { StatusBar } from '../components/StatusBar';
import type { FreshnessLabel } from '../format';
import type { Lookup } from '../lookup';

export interface ScheduleScreenProps {
  readonly lang: Lang;
  readonly now: number;
  readonly timeZone: string;
  readonly hasSnapshot: boolean;
  readonly view: ScheduleView;
  readonly lookup: Lookup;
  readonly freshness: FreshnessLabel;
  readonly connection: Connection;
  readonly pending?: number;
  readonly onBack: () => void;
  readonly onSelectDay: (index: number) => void;
  readonly onSelectCategory: (category: string | null) => void;
  readonly onToggleLang: () => void;
  /** large text (大字) is on; the switch is on every screen */
  readonly largeText: boolean;
  readonly onToggleText: () => void;
}

const PANEL = 'schedule-day-panel';

export function ScheduleScreen(p: ScheduleScreenProps) {
  const { lang, view } = p;
  return (
    <main class="screen schedule" data-testid="schedule-screen">
      <header class="schedule-header">
        <button type="button" class="back-button" onClick={p.onBack}>
          <span aria-hidden="true">‹ </span>
          {t(lang, 'schedule.back')}
        </button>
        <h1>{t(lang, 'schedule.heading')}</h1>
        <FreshnessLine label={p.freshness} />
        <StatusBar lang={lang} connection={p.connection} pending={p.pending} onToggleLang={p.onToggleLang} largeText={p.largeText} onToggleText={p.onToggleText} />
      </header>
      {p.hasSnapshot ? (
        <>
          <DayTabs lang={lang} days={view.days} selected={view.dayIndex} panelId={PANEL} onSelect={p.onSelectDay} />
          <CategoryFilter lang={lang} categories={view.categories} selected={view.category} lookup={p.lookup} onSelect={p.onSelectCategory} />
          <div class="day-panel" id={PANEL} role="tabpanel" tabIndex={0} aria-labelledby={`day-tab-${view.dayIndex}`}>
            {view.entries.length === 0 ? (
              <p class="schedule-empty" data-testid="schedule-empty">{t(lang, 'schedule.empty')}</p>
            ) : (
              <ul class="entries" data-testid="schedule-entries">
                {view.entries.map((e) => (
                  <EntryCard key={e.id} lang={lang} entry={e} lookup={p.lookup} now={p.now} timeZone={p.timeZone} />
                ))}
              </ul>
            )}
          </div>
        </>
      ) : (
        <p class="waiting" data-testid="waiting-for-hub">{t(lang, 'schedule.waiting')}</p>
      )}
    </main>
  );
}
