import { describe, expect, it } from 'vitest';
import { deriveScheduleView, deriveTimeZone } from '../../../src/kiosk/state/shell/schedule-model';
import { placesText } from '../../../src/kiosk/ui/format';
import { NOON_ISH, snapshot } from '../../fixtures/snapshot';

const TZ = 'Asia/Shanghai';

describe('deriveScheduleView', () => {
  it('shows today and the next 7 days, today selected, every category in use in the configured order', () => {
    const view = deriveScheduleView(snapshot(), NOON_ISH, TZ, 0, null);
    expect(view.days).toHaveLength(8);
    expect(view.days[0]!.isToday).toBe(true);
    expect(view.categories).toEqual(['health', 'fitness']);
    expect(view.entries.map((e) => e.id)).toEqual(['yoga']);
  });

  it('filters every day by the chosen category', () => {
    const view = deriveScheduleView(snapshot(), NOON_ISH, TZ, 1, 'fitness');
    expect(view.entries).toEqual([]);
    expect(deriveScheduleView(snapshot(), NOON_ISH, TZ, 1, 'health').entries.map((e) => e.id)).toEqual(['check']);
  });

  it('falls back to all categories when the chosen one is no longer in use', () => {
    const view = deriveScheduleView(snapshot(), NOON_ISH, TZ, 0, 'cultural');
    expect(view.category).toBeNull();
    expect(view.entries).toHaveLength(1);
  });

  it('keeps the day index within the shown days', () => {
    expect(deriveScheduleView(snapshot(), NOON_ISH, TZ, 99, null).dayIndex).toBe(7);
    expect(deriveScheduleView(snapshot(), NOON_ISH, TZ, -3, null).dayIndex).toBe(0);
  });

  it('shows empty days when there is no snapshot yet', () => {
    const view = deriveScheduleView(null, NOON_ISH, TZ, 0, null);
    expect(view.days).toHaveLength(8);
    expect(view.categories).toEqual([]);
  });

  it('uses the center time zone once known, else the fallback', () => {
    expect(deriveTimeZone(snapshot({ center: { ...snapshot().center, timeZone: 'Europe/Berlin' } }), 'UTC')).toBe('Europe/Berlin');
    expect(deriveTimeZone(null, 'UTC')).toBe('UTC');
  });
});

describe('placesText', () => {
  it('says places left, full, or open to all', () => {
    expect(placesText('en', 20, 5)).toBe('5 places left');
    expect(placesText('en', 20, 1)).toBe('1 place left');
    expect(placesText('en', 20, 0)).toBe('Full');
    expect(placesText('en', null, null)).toBe('Open to all');
    expect(placesText('zh-CN', 20, 0)).toBe('已满');
  });
});
