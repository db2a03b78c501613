import { zonedParts, type CenterConfig, type Lang } from '../../../domain/index';
import { wordOr } from '../i18n';
import type { PageContext } from '../layout';

// How the Bookings page and its CSV write times, members, facilities and codes.

export const REASON_MAX = 200;

export const hhmm = (ms: number, tz: string) => zonedParts(ms, tz).time;

/** "2026-03-04 10:00" in the center's zone. */
export function stamp(ms: number, tz: string): string {
  const p = zonedParts(ms, tz);
  return `${p.date} ${p.time}`;
}

/** "2026-03-04 10:00–11:00", or both dates when the time runs into another day (a long block). */
export function spanText(b: { startsAt: number; endsAt: number }, tz: string): string {
  const s = zonedParts(b.startsAt, tz);
  const e = zonedParts(b.endsAt, tz);
  return s.date === e.date ? `${s.date} ${s.time}–${e.time}` : `${s.date} ${s.time} – ${e.date} ${e.time}`;
}

/** Masked name and member number, as the Today page shows people. */
export const memberText = (b: { maskedName: string | null; memberNo: string | null }) => `${b.maskedName ?? ''} (${b.memberNo ?? ''})`;

export const facilityName = (config: CenterConfig, id: string, lang: Lang) => config.facilities.find((f) => f.id === id)?.name[lang] ?? id;

/** A status or refusal code in words; one a later hub version adds shows as its code. */
export function codeText(ctx: PageContext, prefix: 'status_' | 'refusal_' | 'freed_', code: string): string {
  return wordOr(ctx, `bookings.${prefix}${code}`, code);
}
