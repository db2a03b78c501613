import { describe, expect, it } from 'vitest';
import { RATING_REASONS } from '../../../src/domain/events';
import { tFeedback } from '../../../src/kiosk/i18n/feedback-t';
import { t } from '../../../src/kiosk/i18n/t';

// The English names the issue-3 contract binds (e2e tests and people look for these).
describe('feedback words', () => {
  it('names the attract buttons, faces and form controls as the contract says', () => {
    expect(t('en', 'feature.rate')).toBe('Rate us');
    expect(t('en', 'feature.suggest')).toBe('Suggestion');
    expect([0, 1, 2, 3].map((s) => tFeedback('en', `rate.face.${s as 0 | 1 | 2 | 3}`))).toEqual(['Very unhappy', 'Unhappy', 'Happy', 'Very happy']);
    expect(tFeedback('en', 'suggest.text')).toBe('Your suggestion');
    expect(tFeedback('en', 'suggest.contact')).toBe('Contact (optional)');
    expect(tFeedback('en', 'suggest.send')).toBe('Send');
    expect(tFeedback('en', 'rate.send')).toBe('Send');
    expect(tFeedback('en', 'suggest.count', { count: 12, max: 500 })).toBe('12/500');
    expect(tFeedback('en', 'feedback.error')).toBe('Sorry, this kiosk could not save that. Please tell the staff.');
  });

  it('has a distinct name for every rating reason in both languages', () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      const names = RATING_REASONS.map((r) => tFeedback(lang, `rate.reason.${r}`));
      expect(new Set(names).size, lang).toBe(RATING_REASONS.length);
    }
  });
});
