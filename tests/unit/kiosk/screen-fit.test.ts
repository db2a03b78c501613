import { describe, expect, it } from 'vitest';
import { createTextSizeModel } from '../../../src/kiosk/state/shell/text-size-model';
import { deriveScreenFit } from '../../../src/kiosk/ui/screen-fit';

describe('deriveScreenFit', () => {
  it('draws a 1080p landscape screen at zoom 1 on the 1920×1080 canvas', () => {
    expect(deriveScreenFit(1920, 1080)).toEqual({ orientation: 'landscape', zoom: 1, width: 1920, height: 1080 });
  });

  it('shrinks the same canvas onto a 1366×768 panel (a hair wider than 16:9, so a pixel wider)', () => {
    const fit = deriveScreenFit(1366, 768);
    expect(fit.orientation).toBe('landscape');
    expect(fit.zoom).toBeCloseTo(768 / 1080);
    expect(fit.height).toBeCloseTo(1080);
    expect(fit.width).toBeGreaterThanOrEqual(1920);
    expect(fit.width).toBeLessThan(1922);
  });

  it('gives a squarer 1280×800 panel a taller canvas, never a narrower one', () => {
    const fit = deriveScreenFit(1280, 800);
    expect(fit.width).toBeCloseTo(1920);
    expect(fit.height).toBeCloseTo(1200);
  });

  it('lays a portrait totem out on the 1080-wide canvas, 800×1280 included', () => {
    expect(deriveScreenFit(1080, 1920)).toEqual({ orientation: 'portrait', zoom: 1, width: 1080, height: 1920 });
    const small = deriveScreenFit(800, 1280);
    expect(small.orientation).toBe('portrait');
    expect(small.height).toBeCloseTo(1920);
    expect(small.width).toBeCloseTo(1200);
  });

  it('follows the kiosk config over the window when it names an orientation', () => {
    expect(deriveScreenFit(1920, 1080, 'portrait').orientation).toBe('portrait');
    expect(deriveScreenFit(1080, 1920, 'landscape').orientation).toBe('landscape');
    expect(deriveScreenFit(1080, 1920, 'auto').orientation).toBe('portrait');
  });

  it('survives a window of no size (a minimised kiosk) without dividing by zero', () => {
    const fit = deriveScreenFit(0, 0);
    expect(Number.isFinite(fit.zoom) && fit.zoom > 0).toBe(true);
  });
});

describe('large text', () => {
  it('turns on with one tap, off with the next, and ends when the worker walks away', () => {
    const m = createTextSizeModel();
    expect(m.large.value).toBe(false);
    m.toggle();
    expect(m.large.value).toBe(true);
    m.toggle();
    expect(m.large.value).toBe(false);
    m.toggle();
    m.reset();
    expect(m.large.value).toBe(false);
  });
});
