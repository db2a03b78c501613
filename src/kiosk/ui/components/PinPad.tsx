import type { Lang } from '../../../domain/text';
import { t } from '../../i18n/t';
import type { PinView } from '../../state/staff-model';

export interface PinPadProps {
  readonly lang: Lang;
  readonly view: PinView;
  readonly onDigit: (d: string) => void;
  readonly onClear: () => void;
  readonly onSubmit: () => void;
  readonly onCancel: () => void;
}

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** On-screen digits, "Clear" and "OK"; the PIN shows as dots; after wrong tries a countdown. */
export function PinPad({ lang, view, onDigit, onClear, onSubmit, onCancel }: PinPadProps) {
  const locked = view.waitSeconds > 0 || view.checking;
  return (
    <div class="pin-pad" data-testid="pin-pad">
      <h2>{t(lang, 'pin.heading')}</h2>
      {!view.configured ? (
        <p class="pin-note" data-testid="pin-not-configured">{t(lang, 'pin.notConfigured')}</p>
      ) : (
        <>
          <p class="pin-dots" role="status" aria-label={t(lang, 'pin.entered', { count: view.entered })} data-testid="pin-dots">
            <span aria-hidden="true">{view.entered > 0 ? '●'.repeat(view.entered) : ' '}</span>
          </p>
          <p class="pin-note" role="alert" data-testid="pin-message">
            {view.checking
              ? t(lang, 'pin.checking')
              : view.waitSeconds > 0
                ? `${t(lang, 'pin.wrong')} ${t(lang, 'pin.wait', { seconds: view.waitSeconds })}`
                : view.wrong
                  ? t(lang, 'pin.wrong')
                  : ''}
          </p>
          <div class="pin-keys">
            {DIGITS.map((d) => (
              <button key={d} type="button" disabled={locked} onClick={() => onDigit(d)}>{d}</button>
            ))}
            <button type="button" onClick={onClear}>{t(lang, 'pin.clear')}</button>
            <button type="button" disabled={locked} onClick={() => onDigit('0')}>0</button>
            <button type="button" class="pin-ok" disabled={locked || view.entered === 0} onClick={onSubmit}>{t(lang, 'pin.ok')}</button>
          </div>
        </>
      )}
      <button type="button" class="pin-cancel" onClick={onCancel}>{t(lang, 'pin.cancel')}</button>
    </div>
  );
}
