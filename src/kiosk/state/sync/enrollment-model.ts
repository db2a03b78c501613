import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import { classifyStatus } from '../../../domain/backoff';
import type { Result } from '../../../domain/result';
import type { ApiFailure } from '../../data/api';
import type { DeviceCredentials, DeviceStore } from '../../data/device';
import type { Clock } from '../../platform/clock';

// Enrollment: the device token this kiosk uses for every call to the hub. Opened once from an
// enrollment link (?enroll=CODE); the code is spent, so it leaves the address bar either way.

export type EnrollmentState = 'loading' | 'none' | 'enrolled';
export type EnrollError = 'bad_code' | 'unreachable' | 'not_saved';

/** The one-time code from the address, if any. */
export function deriveEnrollCode(search: string): string | null {
  const code = new URLSearchParams(search).get('enroll')?.trim() ?? '';
  return code.length > 0 && code.length <= 512 ? code : null;
}

/** The same address without the enrollment code (other parameters stay, ?kiosk= included, ignored). */
export function deriveAddressWithoutEnroll(href: string): string {
  const url = new URL(href);
  url.searchParams.delete('enroll');
  return url.pathname + url.search + url.hash;
}

/** What an enrollment answer means: keep the token, give up on the code, or try again later. */
export function deriveEnrollOutcome(result: Result<DeviceCredentials, ApiFailure>): 'enrolled' | 'bad_code' | 'retry' {
  if (result.ok) return 'enrolled';
  const e = result.error;
  if (e.kind === 'http') return classifyStatus(e.status) === 'retry' ? 'retry' : 'bad_code';
  return 'retry'; // network, timeout, an unreadable answer: the hub may be starting
}

export interface EnrollmentModel {
  readonly state: ReadonlySignal<EnrollmentState>;
  readonly device: ReadonlySignal<DeviceCredentials | null>;
  /** the last 401/403 the hub gave this token, until it is replaced */
  readonly refused: ReadonlySignal<number | null>;
  readonly lastError: ReadonlySignal<EnrollError | null>;
  token(): string | null;
  markRefused(status: number): void;
  /** reads the stored token, then redeems a code from the address if there is one */
  start(): Promise<void>;
}

export interface EnrollmentPorts {
  readonly devices: DeviceStore;
  readonly enroll: (code: string) => Promise<Result<DeviceCredentials, ApiFailure>>;
  readonly clock: Clock;
  readonly search: string;
  readonly href: string;
  readonly replaceAddress: (url: string) => void;
  readonly retryMs?: number;
}

export function createEnrollmentModel(p: EnrollmentPorts): EnrollmentModel {
  const device = signal<DeviceCredentials | null>(null);
  const loaded = signal(false);
  const refused = signal<number | null>(null);
  const lastError = signal<EnrollError | null>(null);
  const code = deriveEnrollCode(p.search);

  const redeem = async (c: string): Promise<void> => {
    const result = await p.enroll(c);
    const outcome = deriveEnrollOutcome(result);
    if (outcome === 'retry') {
      lastError.value = 'unreachable';
      p.clock.after(p.retryMs ?? 10_000, () => void redeem(c)); // the code stays in the address for a reload
      return;
    }
    p.replaceAddress(deriveAddressWithoutEnroll(p.href));
    if (!result.ok) {
      lastError.value = 'bad_code';
      return;
    }
    const saved = await p.devices.save(result.value);
    batch(() => {
      device.value = result.value;
      refused.value = null;
      lastError.value = saved ? null : 'not_saved';
    });
  };

  return {
    state: computed(() => (device.value ? 'enrolled' : loaded.value ? 'none' : 'loading')),
    device,
    refused,
    lastError,
    token: () => device.value?.token ?? null,
    markRefused: (status) => (refused.value = status),
    async start() {
      const stored = await p.devices.load();
      batch(() => {
        device.value = stored;
        loaded.value = code === null || stored !== null;
      });
      if (code !== null) {
        await redeem(code);
        loaded.value = true;
      }
    },
  };
}
