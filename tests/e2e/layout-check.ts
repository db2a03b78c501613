import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';

// The layout checker (issue 12): what a person at the screen would see wrong, asserted from the live page.
// A finding names the rule, the element (a short CSS path and its text) and its box. On a failure the
// screen is attached with the offending boxes outlined.

/** The lobby screens the kiosk is laid out for. `scale`: device pixels per CSS pixel. */
export const SIZES = [
  { name: '1920×1080', width: 1920, height: 1080, scale: 1 },
  { name: '1366×768', width: 1366, height: 768, scale: 1 },
  { name: '1280×800', width: 1280, height: 800, scale: 1 },
  { name: '1080×1920 portrait', width: 1080, height: 1920, scale: 1 },
  { name: '800×1280 portrait', width: 800, height: 1280, scale: 1 },
  { name: '4K at 200 %', width: 1920, height: 1080, scale: 2 },
] as const;
export type Size = (typeof SIZES)[number];

export interface Finding {
  readonly rule: 'clipped' | 'outside parent' | 'overlap' | 'off screen' | 'small target' | 'small text' | 'camera covers' | 'page scrolls' | 'hidden scroll' | `axe: ${string}`;
  readonly what: string;
  readonly box: { x: number; y: number; width: number; height: number } | null;
}

/** The sizes a person needs, at 1080p; the checker scales them to the viewport as the kiosk's zoom does. */
export interface CheckOptions {
  readonly minTouchPx: number;
  readonly minTextPx: number;
}
export const KIOSK_RULES: CheckOptions = { minTouchPx: 64, minTextPx: 24 };

/** Everything the page does wrong by the rules above, measured in the page. */
export async function findLayoutProblems(page: Page, rules: CheckOptions = KIOSK_RULES): Promise<Finding[]> {
  return page.evaluate((rules) => {
    const findings: { rule: string; what: string; box: { x: number; y: number; width: number; height: number } | null }[] = [];
    const vw = innerWidth;
    const vh = innerHeight;
    const [long, short] = vw >= vh ? [vw, vh] : [vh, vw];
    const scale = Math.min(long / 1920, short / 1080);
    const path = (el: Element): string => {
      const parts: string[] = [];
      for (let e: Element | null = el; e && e !== document.body && parts.length < 3; e = e.parentElement) {
        const id = e.getAttribute('data-testid');
        parts.unshift(id ? `[data-testid=${id}]` : `${e.tagName.toLowerCase()}${e.classList.length ? `.${[...e.classList].join('.')}` : ''}`);
      }
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      return `${parts.join(' > ')}${text ? ` "${text}"` : ''}`;
    };
    const boxOf = (r: DOMRect) => ({ x: Math.round(r.x), y: Math.round(r.y), width: Math.round(r.width), height: Math.round(r.height) });
    const add = (rule: string, el: Element, r: DOMRect | null = el.getBoundingClientRect()) => findings.push({ rule, what: path(el), box: r && boxOf(r) });
    const shown = (el: Element): boolean => {
      const s = getComputedStyle(el);
      if (s.visibility === 'hidden' || s.display === 'none' || Number(s.opacity) === 0) return false;
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0;
    };
    const scrolls = (el: Element) => /(auto|scroll)/.test(getComputedStyle(el).overflowY + getComputedStyle(el).overflowX);
    const clips = (el: Element) => /(hidden|clip|auto|scroll)/.test(getComputedStyle(el).overflowY + getComputedStyle(el).overflowX);
    const scroller = (el: Element): Element | null => {
      for (let e = el.parentElement; e && e !== document.body && e !== document.documentElement; e = e.parentElement) if (scrolls(e)) return e;
      return null;
    };
    const ownText = (el: Element) => [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
    const inside = (a: DOMRect, b: DOMRect, slack = 1) => a.left >= b.left - slack && a.top >= b.top - slack && a.right <= b.right + slack && a.bottom <= b.bottom + slack;
    // the kiosk's own UI (the Preact root); the camera box is checked as a whole below
    const app = document.getElementById('app') ?? document.body;
    const all = [...app.querySelectorAll('*')].filter((el) => !(el instanceof SVGElement && el.tagName !== 'svg'));
    // under a modal layer (staff mode over the attract screen), or under the outcome banner, nothing is
    // there for the eye or a finger: what is checked is what is on top, or inside a scrolling region
    const onTop = (el: Element) => {
      const r = el.getBoundingClientRect();
      const hit = document.elementFromPoint(Math.min(vw - 1, Math.max(0, r.left + r.width / 2)), Math.min(vh - 1, Math.max(0, r.top + r.height / 2)));
      return hit !== null && (el.contains(hit) || hit.contains(el));
    };

    // the page itself never scrolls: lists scroll in their own regions
    const root = document.scrollingElement ?? document.documentElement;
    if (root.scrollHeight > root.clientHeight + 1 || root.scrollWidth > root.clientWidth + 1) {
      findings.push({ rule: 'page scrolls', what: `page ${root.scrollWidth}×${root.scrollHeight} in ${root.clientWidth}×${root.clientHeight}`, box: null });
    }

    // a region with more than it shows says so: its edge fades towards what lies beyond (kiosk.css scroll-cue)
    for (const el of all) {
      if (!shown(el) || !scrolls(el) || el.scrollHeight <= el.clientHeight + 1) continue;
      const fade = (name: string) => parseFloat(getComputedStyle(el).getPropertyValue(name)) || 0;
      const more = el.scrollTop + el.clientHeight < el.scrollHeight - 1;
      if (more && fade('--fade-end') < 24) add('hidden scroll', el);
    }

    for (const el of all) {
      if (!shown(el)) continue;
      const r0 = el.getBoundingClientRect();
      const onScreen = r0.right > 0 && r0.bottom > 0 && r0.left < vw && r0.top < vh;
      if (onScreen && scroller(el) === null && !onTop(el)) continue;
      const text = ownText(el);
      const r = el.getBoundingClientRect();
      if (text) {
        // its own box cuts its text
        if (clips(el) && !scrolls(el) && (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1)) add('clipped', el);
        // its text runs out of its parent's box (a hint below a button's bottom edge)
        let parent = el.parentElement; // the nearest ancestor with a box of its own
        while (parent && getComputedStyle(parent).display === 'contents') parent = parent.parentElement;
        if (parent && parent !== document.body && !scrolls(parent) && getComputedStyle(el).position !== 'fixed' && !inside(r, parent.getBoundingClientRect(), 2)) add('outside parent', el);
        const size = parseFloat(getComputedStyle(el).fontSize);
        if (size < rules.minTextPx * scale - 0.5) add('small text', el);
      }
      // on screen, unless it lies in a region that scrolls
      const s = scroller(el);
      const area = s ? s.getBoundingClientRect() : new DOMRect(0, 0, vw, vh);
      if ((text || el.matches('button, a[href], input, select, textarea')) && s === null && !inside(r, area, 1)) add('off screen', el);
    }

    const controls = all.filter((el) => el.matches('button, a[href], input:not([type=hidden]), select, textarea, [role=button], [role=tab]') && shown(el) && (scroller(el) !== null || onTop(el)));
    for (const el of controls) {
      const r = el.getBoundingClientRect();
      const min = rules.minTouchPx * scale - 0.5;
      if ((r.width < min || r.height < min) && !el.matches('textarea, input[type=text]')) add('small target', el);
    }
    // no two controls overlap, and the camera preview covers none of them nor the schedule
    const visibleBox = (el: Element) => {
      const r = el.getBoundingClientRect();
      const s = scroller(el);
      if (!s) return r;
      const c = s.getBoundingClientRect();
      const x = Math.max(r.left, c.left);
      const y = Math.max(r.top, c.top);
      return new DOMRect(x, y, Math.max(0, Math.min(r.right, c.right) - x), Math.max(0, Math.min(r.bottom, c.bottom) - y));
    };
    const overlapArea = (a: DOMRect, b: DOMRect) => Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left)) * Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));
    for (let i = 0; i < controls.length; i++) {
      for (let j = i + 1; j < controls.length; j++) {
        const [a, b] = [controls[i]!, controls[j]!];
        if (a.contains(b) || b.contains(a)) continue;
        if (overlapArea(visibleBox(a), visibleBox(b)) > 4) add('overlap', a), add('overlap', b);
      }
    }
    const camera = document.getElementById('scanner');
    if (camera && camera.childElementCount > 0 && getComputedStyle(camera).visibility !== 'hidden') {
      const c = camera.getBoundingClientRect();
      // what is drawn over the camera box (a higher z-index) is not covered by it
      const layer = (el: Element) => {
        for (let e: Element | null = el; e; e = e.parentElement) {
          const z = getComputedStyle(e).zIndex;
          if (z !== 'auto') return Number(z);
        }
        return 0;
      };
      const cameraLayer = layer(camera);
      for (const el of [...controls, ...document.querySelectorAll('.now-next, .strip, [data-testid=outcome]')]) {
        if (layer(el) <= cameraLayer && overlapArea(c, visibleBox(el)) > 4) add('camera covers', el);
      }
      if (!inside(c, new DOMRect(0, 0, vw, vh), 1)) add('off screen', camera, c);
    }
    return findings;
  }, rules) as Promise<Finding[]>;
}

/** axe-core, WCAG 2.1 A and AA: the serious and critical findings. */
export async function axeProblems(page: Page): Promise<Finding[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).exclude('#scanner').analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.slice(0, 5).map((n) => ({ rule: `axe: ${v.id}` as const, what: `${n.target.join(' ')}: ${v.help}`, box: null })));
}

/** The screen with each finding's box outlined in red, for the report. */
export async function attachFindings(page: Page, info: TestInfo, name: string, findings: readonly Finding[]): Promise<void> {
  await page.evaluate((boxes) => {
    for (const b of boxes) {
      const d = document.createElement('div');
      d.className = 'layout-finding';
      d.style.cssText = `position:fixed;left:${b.x}px;top:${b.y}px;width:${b.width}px;height:${b.height}px;outline:4px solid red;z-index:99999;pointer-events:none`;
      document.body.append(d);
    }
  }, findings.flatMap((f) => (f.box ? [f.box] : [])));
  await info.attach(`${name}.png`, { body: await page.screenshot(), contentType: 'image/png' });
  await page.evaluate(() => document.querySelectorAll('.layout-finding').forEach((d) => d.remove()));
}

/**
 * Every outcome text in the banner as it stands on this screen (top over the attract screen, bottom on
 * the others). The banner on show is copied in place, so the copy has its placement, zoom and text size;
 * each text is put into the copy with the "offline" line under it (the tallest a banner gets), and the
 * copy must stay on screen, keep its words inside it, and leave every control it does not cover by design
 * (the bottom banner stays clear of Done) free.
 */
export async function bannerProblems(page: Page, texts: readonly string[], offlineLine: string): Promise<Finding[]> {
  await expect(page.getByTestId('outcome')).toBeVisible();
  return page.evaluate(([texts, offlineLine]) => {
    const live = document.querySelector('[data-testid=outcome]')!;
    const copy = live.cloneNode(true) as HTMLElement;
    copy.removeAttribute('data-testid');
    copy.style.animation = 'none';
    live.parentElement!.append(copy);
    (live as HTMLElement).style.visibility = 'hidden';
    const words = copy.querySelector('.outcome-words')!;
    if (!copy.querySelector('.outcome-offline')) {
      const line = document.createElement('span');
      line.className = 'outcome-offline';
      line.textContent = offlineLine;
      words.append(line);
    }
    const [vw, vh] = [innerWidth, innerHeight];
    const done = document.querySelector('[data-testid=member-done]');
    const findings: { rule: string; what: string; box: { x: number; y: number; width: number; height: number } | null }[] = [];
    const boxOf = (r: DOMRect) => ({ x: Math.round(r.x), y: Math.round(r.y), width: Math.round(r.width), height: Math.round(r.height) });
    const over = (a: DOMRect, b: DOMRect) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 2 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 2;
    for (const text of texts) {
      copy.querySelector('.outcome-text')!.textContent = text;
      const r = copy.getBoundingClientRect();
      const w = words.getBoundingClientRect();
      if (r.left < -1 || r.top < -1 || r.right > vw + 1 || r.bottom > vh + 1) findings.push({ rule: 'off screen', what: `banner "${text}"`, box: boxOf(r) });
      if (w.right > r.right + 1 || w.bottom > r.bottom + 1 || w.top < r.top - 1) findings.push({ rule: 'outside parent', what: `banner words "${text}"`, box: boxOf(w) });
      if (done && over(r, done.getBoundingClientRect())) findings.push({ rule: 'overlap', what: `banner "${text}" over Done`, box: boxOf(r) });
    }
    copy.remove();
    (live as HTMLElement).style.visibility = '';
    return findings;
  }, [texts, offlineLine] as const) as Promise<Finding[]>;
}
