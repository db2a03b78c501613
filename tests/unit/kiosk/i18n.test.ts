import { describe, expect, it } from 'vitest';
import { en } from '../../../src/kiosk/i18n/en';
import { placeholders, t } from '../../../src/kiosk/i18n/t';
import { zhCN } from '../../../src/kiosk/i18n/zh-CN';
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

  it('keeps the words of staff mode in both languages, with the same placeholders, apart from the main catalogs', () => {
    const [enStaff, zhStaff] = [STAFF_CATALOGS.en, STAFF_CATALOGS['zh-CN']];
    expect(Object.keys(zhStaff).sort()).toEqual(Object.keys(enStaff).sort());
    for (const [key, value] of Object.entries(enStaff) as [keyof typeof enStaff, string][]) {
      expect(value.trim(), key).not.toBe('');
      expect(zhStaff[key].trim(), key).not.toBe('');
      expect(placeholders(zhStaff[key]), key).toEqual(placeholders(value));
      expect(Object.hasOwn(en, key), `${key} is in both the main and the staff catalog`).toBe(false);
    }
    expect(tStaff('en', 'staff.retryIn', { age: '5 s' })).toBe('Next try in 5 s');
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
