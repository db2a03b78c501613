import type { NowNext } from '../../../domain/schedule';
import type { Lang } from '../../../domain/text';
import { t } from '../../i18n/t';
import type { OccupancyRow } from '../../state/checkin/gym-model';
import type { ButtonFeature } from '../../state/shell/navigation-model';
import type { Connection } from '../../state/sync/snapshot-model';
import { BigClock } from '../components/BigClock';
import { ScanPrompt, type ScanCamera } from '../components/ScanPrompt';
import { FreshnessLine } from '../components/FreshnessLine';
import { GymPanel } from '../components/GymPanel';
import { NowNextStrip } from '../components/NowNextStrip';
import { PlaceNotices } from '../components/PlaceNotices';
import { BoardPanel } from '../components/BoardPanel';
import type { BoardPost } from '../../../domain/protocol';
import type { PlaceFreedNotice } from '../../state/book/member-bookings';
import { StatusBar } from '../components/StatusBar';
import type { FreshnessLabel } from '../format';
import type { Lookup } from '../lookup';
import { useLongPress } from '../long-press';

export interface AttractScreenProps {
  readonly lang: Lang;
  readonly now: number;
  readonly timeZone: string;
  readonly centerName: string | null;
  readonly hasSnapshot: boolean;
  readonly nowNext: NowNext;
  readonly lookup: Lookup;
  readonly features: readonly ButtonFeature[];
  /** the kiosk checks members in: the scan hint and the keypad button */
  readonly checkin?: boolean;
  /** equipment groups (gym feature), empty otherwise */
  readonly occupancy?: readonly OccupancyRow[];
  /** class places freed and given to the first waiting (member model `notices`) */
  readonly notices?: readonly PlaceFreedNotice[];
  /** "you said, we did" from the snapshot (issue 16) */
  readonly board?: readonly BoardPost[];
  /** polls open now and published results (issue 16): a button when there are any */
  readonly polls?: { readonly open: number; readonly results: number };
  readonly onPolls?: () => void;
  readonly onKeypad?: () => void;
  /** the camera picture and the hold hint (none: a picture, no hint) */
  readonly camera?: ScanCamera;
  readonly freshness: FreshnessLabel;
  readonly connection: Connection;
  readonly pending?: number;
  /** never enrolled: a calm note for staff instead of the features */
  readonly notSetUp?: boolean;
  /** the hidden staff gesture: a press of 2 s on the center name */
  readonly onStaff?: () => void;
  readonly onOpen: (feature: ButtonFeature) => void;
  readonly onToggleLang: () => void;
  /** large text (大字) is on; the switch is on every screen */
  readonly largeText: boolean;
  readonly onToggleText: () => void;
}

const HINTS = { schedule: 'feature.schedule.hint', book: 'feature.book.hint', rate: 'feature.rate.hint', suggest: 'feature.suggest.hint' } as const satisfies Record<ButtonFeature, string>;

export function AttractScreen(p: AttractScreenProps) {
  const { lang } = p;
  const press = useLongPress(2000, () => p.onStaff?.());
  const checkin = p.checkin === true && !p.notSetUp;
  const occupancy = p.notSetUp ? [] : (p.occupancy ?? []);
  const polls = p.polls && p.polls.open + p.polls.results > 0 ? p.polls : null;
  return (
    <main class={`screen attract${occupancy.length > 0 ? ' attract-gym' : ''}`} data-testid="attract-screen">
      <header class="attract-header">
        <h1 class="center-name" data-testid="logo" {...press}>{p.centerName ?? t(lang, 'app.fallbackName')}</h1>
        <StatusBar lang={lang} connection={p.connection} pending={p.pending} onToggleLang={p.onToggleLang} largeText={p.largeText} onToggleText={p.onToggleText} />
      </header>
      <div class="attract-body">
        <div class="attract-left">
          <div class="attract-top">
            <BigClock lang={lang} now={p.now} timeZone={p.timeZone} />
            {checkin && (
              <section class="scan-here" aria-label={t(lang, 'attract.scanHint')}>
                <ScanPrompt lang={lang} camera={p.camera ?? { holdHint: false, preview: true }} text={t(lang, 'attract.scanHint')} testId="scan-hint" />
                {/* the other way in, beside the camera it stands in for */}
                <button type="button" class="keypad-button" data-testid="open-keypad" onClick={() => p.onKeypad?.()}>
                  {t(lang, 'attract.keypad')}
                </button>
              </section>
            )}
          </div>
          {p.notSetUp ? (
            <p class="waiting" data-testid="not-set-up">{t(lang, 'setup.notSetUp')}</p>
          ) : p.hasSnapshot ? (
            <NowNextStrip lang={lang} nowNext={p.nowNext} lookup={p.lookup} now={p.now} timeZone={p.timeZone} />
          ) : (
            <p class="waiting" data-testid="waiting-for-hub">{t(lang, 'attract.waiting')}</p>
          )}
          {!p.notSetUp && <PlaceNotices lang={lang} notices={p.notices ?? []} timeZone={p.timeZone} />}
          {!p.notSetUp && <BoardPanel lang={lang} posts={p.board ?? []} />}
        </div>
        <div class="attract-right">
          {/* on a gym kiosk the equipment is what people come for: first in the column they reach for */}
          {occupancy.length > 0 && <GymPanel lang={lang} rows={occupancy} timeZone={p.timeZone} />}
          {p.features.length > 0 && !p.notSetUp && (
            <nav class="feature-buttons" aria-label={t(lang, 'attract.features')}>
              {p.features.map((f) => (
                <button key={f} type="button" class="feature-button" data-feature={f} onClick={() => p.onOpen(f)}>
                  <span class="feature-name">{t(lang, `feature.${f}`)}</span>
                  <span class="feature-hint" aria-hidden="true">{t(lang, HINTS[f])}</span>
                </button>
              ))}
              {polls && (
                <button type="button" class="feature-button" data-feature="poll" onClick={() => p.onPolls?.()}>
                  <span class="feature-name">{t(lang, 'poll.button')}</span>
                  <span class="feature-hint">{polls.open > 0 ? t(lang, 'poll.button.open', { n: polls.open }) : t(lang, 'poll.button.results')}</span>
                </button>
              )}
            </nav>
          )}
        </div>
      </div>
      <footer class="attract-footer">
        <FreshnessLine label={p.freshness} />
      </footer>
    </main>
  );
}
