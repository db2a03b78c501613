import type { Lang } from '../../../domain/text';
import { tStaff } from '../../i18n/staff-t';
import type { PinView } from '../../state/shell/staff-model';

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
      <h2>{tStaff(lang, 'pin.heading')}</h2>
      {!view.configured ? (
        <p class="pin-note" data-testid="pin-not-configured">{tStaff(lang, 'pin.notConfigured')}</p>
      ) : (
        <>
          <p class="pin-dots" role="status" aria-label={tStaff(lang, 'pin.entered', { count: view.entered })} data-testid="pin-dots">
            <span aria-hidden="true">{view.entered > 0 ? '●'.repeat(view.entered) : ' '}</span>
          </p>
          <p class="pin-note" role="alert" data-testid="pin-message">
            {view.checking
              ? tStaff(lang, 'pin.checking')
              : view.waitSeconds > 0
                ? `${tStaff(lang, 'pin.wrong')} ${tStaff(lang, 'pin.wait', { seconds: view.waitSeconds })}`
                : view.wrong
                  ? tStaff(lang, 'pin.wrong')
                  : ''}
          </p>
          <div class="pin-keys">
            {DIGITS.map((d) => (
              <button key={d} type="button" disabled={locked} onClick={() => onDigit(d)}>{d}</button>
            ))}
            <button type="button" onClick={onClear}>{tStaff(lang, 'pin.clear')}</button>
            <button type="button" disabled={locked} onClick={() => onDigit('0')}>0</button>
            <button type="button" class="pin-ok" disabled={locked || view.entered === 0} onClick={onSubmit}>{tStaff(lang, 'pin.ok')}</button>
          </div>
        </>
      )}
      <button type="button" class="pin-cancel" onClick={onCancel}>{tStaff(lang, 'pin.cancel')}</button>
    </div>
  );
}
