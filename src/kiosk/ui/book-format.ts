import { IDENTIFY_FAILURES, type IdentifyFailure } from '../../domain/checkin';
import type { Lang } from '../../domain/text';
import { zonedParts } from '../../domain/time';
import { t } from '../i18n/t';
import type { BookFailure } from '../state/book/book-model';
import { dateShort, timeOf } from './format';
import { tBook } from '../i18n/book-t';

// Pure text of the Book screen: when a slot is, and why a booking was refused, through the catalogs.

/** "13 May, 10:00–11:00": the slot's calendar date (a late slot after midnight shows the next day's). */
export function slotWhen(lang: Lang, startsAt: number, endsAt: number, timeZone: string): string {
  return tBook(lang, 'book.when', { date: dateShort(lang, zonedParts(startsAt, timeZone).date), start: timeOf(startsAt, timeZone), end: timeOf(endsAt, timeZone) });
}

/** "13 May 00:00": when a rule will allow it. */
export function momentText(lang: Lang, at: number, timeZone: string): string {
  return `${dateShort(lang, zonedParts(at, timeZone).date)} ${timeOf(at, timeZone)}`;
}

const isIdentifyFailure = (code: BookFailure): code is IdentifyFailure => (IDENTIFY_FAILURES as readonly string[]).includes(code);

/** The refusal in the worker's words; a badge or card that could not be read says so as check-in does. */
export function refusalText(lang: Lang, code: BookFailure, allowsAt: number | null, timeZone: string): string {
  if (isIdentifyFailure(code)) return t(lang, `outcome.${code}`);
  return tBook(lang, `book.refusal.${code}`, allowsAt === null ? {} : { when: momentText(lang, allowsAt, timeZone) });
}
