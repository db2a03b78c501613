import { pick, type Lang } from '../../../domain/text';
import type { BookView } from '../../state/book/book-model';
import type { Connection } from '../../state/sync/snapshot-model';
import { slotWhen } from '../book-format';
import { BookResult } from '../components/BookResult';
import { SlotGrid } from '../components/SlotGrid';
import { StatusBar } from '../components/StatusBar';
import { dateShort, dayName } from '../format';
import type { Lookup } from '../lookup';
import { ScanPrompt, type ScanCamera } from '../components/ScanPrompt';
import '../book.css';
import { tBook } from '../../i18n/book-t';

export interface BookScreenProps {
  readonly lang: Lang;
  readonly timeZone: string;
  readonly hasSnapshot: boolean;
  readonly lookup: Lookup;
  readonly connection: Connection;
  readonly pending?: number;
  readonly view: BookView;
  readonly onKind: (kindId: string) => void;
  readonly onDay: (day: string) => void;
  readonly onSlot: (facilityId: string, startsAt: number) => void;
  /** one step back: scan or result → grid, grid → kinds */
  readonly onBack: () => void;
  /** to the attract screen */
  readonly onHome: () => void;
  readonly onToggleLang: () => void;
  /** large text (大字) is on; the switch is on every screen */
  readonly largeText: boolean;
  readonly onToggleText: () => void;
  /** the scan step's camera picture and hold hint */
  readonly camera: ScanCamera;
}

function Kinds({ lang, view, onKind }: Pick<BookScreenProps, 'lang' | 'view' | 'onKind'>) {
  if (view.kinds.length === 0) return <p class="waiting" data-testid="book-no-kinds">{tBook(lang, 'book.noKinds')}</p>;
  return (
    <section class="book-kinds" aria-labelledby="book-kinds-heading">
      <h2 id="book-kinds-heading">{tBook(lang, 'book.kinds')}</h2>
      <ul>
        {view.kinds.map((k) => (
          <li key={k.id}>
            <button type="button" class="book-kind" data-testid={`book-kind-${k.id}`} onClick={() => onKind(k.id)}>
              <span class="book-kind-name">{pick(k.name, lang)}</span>
              <span class="book-kind-count">{tBook(lang, 'book.kind.count', { count: k.facilities })}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Grid(p: BookScreenProps) {
  const { lang, view } = p;
  return (
    <>
      <div class="day-tabs book-days" role="tablist" aria-label={tBook(lang, 'book.days')}>
        {view.days.map((d, i) => (
          <button key={d} type="button" role="tab" class="day-tab" aria-selected={d === view.day} data-testid={`book-day-${d}`} onClick={() => p.onDay(d)}>
            <span class="day-tab-name">{dayName(lang, d, i)}</span> <span class="day-tab-date">{dateShort(lang, d)}</span>
          </button>
        ))}
      </div>
      <p class="book-hint">{tBook(lang, view.grid && view.grid.free === 0 ? 'book.noFree' : 'book.tapFree')}</p>
      <div class="book-panel" role="tabpanel" tabIndex={0}>{view.grid && <SlotGrid lang={lang} grid={view.grid} onSlot={p.onSlot} />}</div>
    </>
  );
}

function Scan(p: BookScreenProps) {
  const { lang, view } = p;
  const s = view.selected!;
  return (
    <section class="book-scan" data-testid="book-scan" aria-live="polite" aria-busy={view.busy}>
      <h2>{tBook(lang, 'book.scan.heading')}</h2>
      <p class="book-what">{`${p.lookup.room(s.facilityId)} · ${slotWhen(lang, s.startsAt, s.endsAt, p.timeZone)}`}</p>
      <ScanPrompt lang={lang} camera={p.camera} busy={view.busy} text={tBook(lang, view.busy ? 'book.scan.checking' : 'book.scan.hint')} testId="book-scan-hint" />
      <p class="book-note">{tBook(lang, 'book.scan.noKeypad')}</p>
      <button type="button" class="book-another" data-testid="book-scan-cancel" disabled={view.busy} onClick={p.onBack}>{tBook(lang, 'book.scan.cancel')}</button>
    </section>
  );
}

/** Book a facility: kind → day and slot grid → scan to confirm → the code, or why not. */
export function BookScreen(p: BookScreenProps) {
  const { lang, view } = p;
  const kind = view.kinds.find((k) => k.id === view.kind);
  return (
    <main class="screen book" data-testid="book-screen" data-step={view.step}>
      <header class="book-header">
        <button type="button" class="back-button" data-testid="book-back" disabled={view.busy} onClick={view.step === 'kind' ? p.onHome : p.onBack}>
          <span aria-hidden="true">‹ </span>
          {tBook(lang, view.step === 'grid' ? 'book.changeKind' : 'book.back')}
        </button>
        <h1>{kind ? pick(kind.name, lang) : tBook(lang, 'book.heading')}</h1>
        <StatusBar lang={lang} connection={p.connection} pending={p.pending} onToggleLang={p.onToggleLang} largeText={p.largeText} onToggleText={p.onToggleText} />
      </header>
      {!p.hasSnapshot ? (
        <p class="waiting" data-testid="waiting-for-hub">{tBook(lang, 'book.waiting')}</p>
      ) : view.step === 'kind' ? (
        <Kinds lang={lang} view={view} onKind={p.onKind} />
      ) : view.step === 'grid' ? (
        <Grid {...p} />
      ) : view.step === 'scan' ? (
        <Scan {...p} />
      ) : (
        <BookResult
          lang={lang} timeZone={p.timeZone} result={view.result!} status={view.status} hubRefusal={view.hubRefusal}
          facilityName={p.lookup.room} onAnother={p.onBack} onDone={p.onHome}
        />
      )}
    </main>
  );
}
