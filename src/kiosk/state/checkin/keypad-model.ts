import { computed, signal, type ReadonlySignal } from '@preact/signals';
import { MEMBER_NO_MAX } from '../../../domain/identity';

// The member-number keypad (DESIGN §4.1: for a forgotten badge; a visit only, unverified).

export type KeypadKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | 'back';

/** The digits after a key press: digits up to the longest member number, back removes the last. */
export function deriveKeypadDigits(digits: string, key: KeypadKey, max = MEMBER_NO_MAX): string {
  if (key === 'back') return digits.slice(0, -1);
  return digits.length >= max ? digits : digits + key;
}

export interface KeypadModel {
  readonly digits: ReadonlySignal<string>;
  /** OK does something: at least one digit */
  readonly ready: ReadonlySignal<boolean>;
  press(key: KeypadKey): void;
  /** hands the number over and starts empty again */
  take(): string | null;
  clear(): void;
}

export function createKeypadModel(): KeypadModel {
  const digits = signal('');
  return {
    digits,
    ready: computed(() => digits.value.length > 0),
    press: (key) => (digits.value = deriveKeypadDigits(digits.value, key)),
    take() {
      const no = digits.value;
      digits.value = '';
      return no === '' ? null : no;
    },
    clear: () => (digits.value = ''),
  };
}
