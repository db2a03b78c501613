import { describe, expect, it } from 'vitest';
import { en } from '../../../src/kiosk/i18n/en';
import { placeholders, t } from '../../../src/kiosk/i18n/t';
import { zhCN } from '../../../src/kiosk/i18n/zh-CN';
import { BOOK_CATALOGS, tBook } from '../../../src/kiosk/i18n/book-t';
import { FEEDBACK_CATALOGS, tFeedback } from '../../../src/kiosk/i18n/feedback-t';
import { MEMBER_CATALOGS, tMember } from '../../../src/kiosk/i18n/member-t';
import { STAFF_CATALOGS, tStaff } from '../../../src/kiosk/i18n/staff-t';

describe('kiosk catalogs', () => {
  it('zh-CN has every key of en, non-empty', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(zhCN[key], key).toBeTypeOf('string');
      expect(zhCN[key].trim(), key).not.toBe('');
    }
  });

  it('en has every key of zh-CN, non-empty', () => {
    for (const [key, value] of Object.entries(zhCN)) {
      expect(Object.hasOwn(en, key), key).toBe(true);
      expect(en[key as keyof typeof en].trim(), key).not.toBe('');
      expect(value.trim(), key).not.toBe('');
    }
  });

  it('uses the same placeholders for a key in both languages', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(zhCN[key]), key).toEqual(placeholders(en[key]));
    }
  });

  const lazy = [
    ['staff mode', STAFF_CATALOGS],
    ['the Book screen', BOOK_CATALOGS],
    ['the member screen', MEMBER_CATALOGS],
    ['the Rate, Suggestion and Polls screens', FEEDBACK_CATALOGS],
  ] as const;
  it.each(lazy)('keeps the words of %s in both languages, with the same placeholders, apart from the main catalogs', (_, catalogs) => {
    const [enLazy, zhLazy] = [catalogs.en as Readonly<Record<string, string>>, catalogs['zh-CN'] as Readonly<Record<string, string>>];
    expect(Object.keys(zhLazy).sort()).toEqual(Object.keys(enLazy).sort());
    for (const [key, value] of Object.entries(enLazy)) {
      expect(value.trim(), key).not.toBe('');
      expect(zhLazy[key]!.trim(), key).not.toBe('');
      expect(placeholders(zhLazy[key]!), key).toEqual(placeholders(value));
      expect(Object.hasOwn(en, key), `${key} is in both the main catalog and a lazy one`).toBe(false);
    }
  });

  it('gives no key to two lazy catalogs', () => {
    const keys = lazy.flatMap(([, c]) => Object.keys(c.en));
    expect(keys.length).toBe(new Set(keys).size);
  });

  it("fills the lazy catalogs' placeholders as the main ones", () => {
    expect(tStaff('en', 'staff.retryIn', { age: '5 s' })).toBe('Next try in 5 s');
    expect(tBook('zh-CN', 'book.heading')).toBe('预约场地');
    expect(tFeedback('en', 'suggest.count', { count: 3, max: 500 })).toBe('3/500');
    expect(tMember('en', 'member.gym.free', { free: 2, total: 6 })).toBe('2 of 6 free');
  });

  it('fills placeholders and leaves unknown ones as written', () => {
    expect(t('en', 'fresh.updated', { time: '14:05' })).toBe('Updated 14:05');
    expect(t('zh-CN', 'fresh.updated', { time: '14:05' })).toBe('更新于 14:05');
    expect(t('en', 'idle.countdown', { seconds: 5 })).toBe('Returning to the start in 5 s');
    expect(t('en', 'fresh.updated')).toBe('Updated {time}');
  });

  it('names the language switch by the other language', () => {
    expect(t('zh-CN', 'lang.switch')).toBe('English');
    expect(t('en', 'lang.switch')).toBe('中文');
  });

  it('gives the English main controls the names tests and people look for', () => {
    expect(t('en', 'feature.schedule')).toBe('Schedule');
    expect(t('en', 'schedule.heading')).toBe('Schedule');
    expect(t('en', 'schedule.back')).toBe('Back');
    expect(t('en', 'fresh.stale')).toBe('The schedule may be out of date');
  });
});
