import { signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import { deriveInitialLang, deriveOtherLang, createLanguageModel } from '../../../src/kiosk/state/shell/language-model';
import { createNavigationModel, deriveFeatureButtons, deriveNavigation } from '../../../src/kiosk/state/shell/navigation-model';

describe('deriveFeatureButtons', () => {
  it('offers only configured features that have a working screen, once each', () => {
    expect(deriveFeatureButtons(['checkin', 'schedule', 'rate', 'schedule', 'book', 'pay', 'suggest'])).toEqual(['schedule', 'rate', 'book', 'suggest']);
  });

  it('offers nothing before the kiosk has a snapshot', () => {
    expect(deriveFeatureButtons(null)).toEqual([]);
  });
});

describe('deriveNavigation', () => {
  it('opens an offered feature and goes home from anywhere', () => {
    expect(deriveNavigation('attract', { type: 'open', screen: 'schedule' }, ['schedule'])).toBe('schedule');
    expect(deriveNavigation('schedule', { type: 'home' }, ['schedule'])).toBe('attract');
  });

  it('stays put when asked to open a feature that is not offered', () => {
    expect(deriveNavigation('attract', { type: 'open', screen: 'schedule' }, [])).toBe('attract');
  });

  it('drives the NavigationModel', () => {
    const nav = createNavigationModel(signal(['schedule'] as const));
    nav.open('schedule');
    expect(nav.screen.value).toBe('schedule');
    nav.home();
    expect(nav.screen.value).toBe('attract');
  });
});

describe('language', () => {
  it('starts in zh-CN unless the URL says ?lang=en', () => {
    expect(deriveInitialLang('')).toBe('zh-CN');
    expect(deriveInitialLang('?kiosk=lobby-1&lang=en')).toBe('en');
    expect(deriveInitialLang('?lang=fr')).toBe('zh-CN');
  });

  it('toggles between the two languages and resets to the starting one', () => {
    expect(deriveOtherLang('zh-CN')).toBe('en');
    const model = createLanguageModel('zh-CN');
    model.toggle();
    expect(model.lang.value).toBe('en');
    model.reset();
    expect(model.lang.value).toBe('zh-CN');
  });
});
