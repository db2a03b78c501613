import type { Lang } from '../../domain/text';
import { tStaff } from '../i18n/staff-t';
import type { SyncError } from '../state/sync/sync-model';

// Staff mode's numbers in words, through the catalogs.

/** "45 s", "12 min", "3 h 5 min", "2 d 4 h". */
export function formatAge(lang: Lang, ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return tStaff(lang, 'age.seconds', { n: s });
  const min = Math.floor(s / 60);
  if (min < 60) return tStaff(lang, 'age.minutes', { n: min });
  const h = Math.floor(min / 60);
  if (h < 24) return tStaff(lang, 'age.hours', { h, m: min % 60 });
  return tStaff(lang, 'age.days', { d: Math.floor(h / 24), h: h % 24 });
}

export const formatAgo = (lang: Lang, ms: number) => tStaff(lang, 'age.ago', { age: formatAge(lang, ms) });

/** Bytes as KB/MB/GB with one decimal where it helps. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let n = Math.max(0, bytes);
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${i === 0 || n >= 10 ? Math.round(n) : n.toFixed(1)} ${units[i]}`;
}

/** The last sync error in plain words, with the hub's own message after it when it gave one. */
export function syncErrorLabel(lang: Lang, e: SyncError): string {
  switch (e.kind) {
    case 'auth':
    case 'http': {
      const text = tStaff(lang, e.kind === 'auth' ? 'syncError.auth' : 'syncError.http', { status: e.status });
      return e.message ? `${text} ${e.message}` : text;
    }
    case 'invalid':
      return tStaff(lang, 'syncError.invalid');
    default:
      return tStaff(lang, `syncError.${e.kind}`);
  }
}
