import type { Lang } from '../../../domain/text';
import { t } from '../../i18n/t';
import type { KeypadKey } from '../../state/checkin/keypad-model';
import type { Connection } from '../../state/sync/snapshot-model';
import { StatusBar } from '../components/StatusBar';

export interface KeypadScreenProps {
  readonly lang: Lang;
  readonly connection: Connection;
  readonly pending?: number;
  readonly digits: string;
  readonly busy: boolean;
  readonly onKey: (key: KeypadKey) => void;
  readonly onOk: () => void;
  readonly onCancel: () => void;
  readonly onToggleLang: () => void;
  /** large text (大字) is on; the switch is on every screen */
  readonly largeText: boolean;
  readonly onToggleText: () => void;
}

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/** The member number on on-screen digits, for a forgotten badge: a visit only, recorded as unverified. */
export function KeypadScreen(p: KeypadScreenProps) {
  const { lang } = p;
  return (
    <main class="screen keypad-screen" data-testid="keypad">
      <header class="member-header">
        <h1>{t(lang, 'keypad.heading')}</h1>
        <StatusBar lang={lang} connection={p.connection} pending={p.pending} onToggleLang={p.onToggleLang} largeText={p.largeText} onToggleText={p.onToggleText} />
      </header>
      <div class="keypad-body">
        <output class="keypad-digits" data-testid="keypad-digits" aria-label={t(lang, 'keypad.entered', { count: p.digits.length })}>{p.digits || ' '}</output>
        <p class="member-note">{t(lang, 'keypad.note')}</p>
        <div class="keypad-keys">
          {DIGITS.map((d) => (
            <button key={d} type="button" data-testid={`key-${d}`} onClick={() => p.onKey(d)}>{d}</button>
          ))}
          <button type="button" data-testid="key-back" onClick={() => p.onKey('back')}>{t(lang, 'keypad.back')}</button>
          <button type="button" data-testid="key-0" onClick={() => p.onKey('0')}>0</button>
          <button type="button" class="keypad-ok" data-testid="key-ok" disabled={p.busy || p.digits === ''} onClick={p.onOk}>{t(lang, 'keypad.ok')}</button>
        </div>
      </div>
      <footer class="member-footer">
        <button type="button" class="back-button" data-testid="keypad-cancel" onClick={p.onCancel}>{t(lang, 'keypad.cancel')}</button>
      </footer>
    </main>
  );
}
