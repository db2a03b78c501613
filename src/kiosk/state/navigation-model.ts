import { signal, type ReadonlySignal } from '@preact/signals';

/** Features that have a working screen. A configured feature not listed here gets no button. */
export const IMPLEMENTED_FEATURES = ['schedule', 'rate', 'suggest'] as const;
export type Feature = (typeof IMPLEMENTED_FEATURES)[number];
export type Screen = 'attract' | Feature;

export type NavAction = { readonly type: 'open'; readonly screen: Feature } | { readonly type: 'home' };

/** The buttons of the attract screen: configured features that work, in the kiosk's order. */
export function deriveFeatureButtons(configured: readonly string[] | null): Feature[] {
  if (configured === null) return [];
  const known = new Set<string>(IMPLEMENTED_FEATURES);
  return [...new Set(configured)].filter((f): f is Feature => known.has(f));
}

/** The next screen: opening a feature that is not offered, or that has no data yet, stays put. */
export function deriveNavigation(current: Screen, action: NavAction, offered: readonly Feature[]): Screen {
  if (action.type === 'home') return 'attract';
  return offered.includes(action.screen) ? action.screen : current;
}

export interface NavigationModel {
  readonly screen: ReadonlySignal<Screen>;
  open(screen: Feature): void;
  home(): void;
}

export function createNavigationModel(offered: ReadonlySignal<readonly Feature[]>): NavigationModel {
  const screen = signal<Screen>('attract');
  const apply = (action: NavAction) => (screen.value = deriveNavigation(screen.value, action, offered.value));
  return {
    screen,
    open: (s) => apply({ type: 'open', screen: s }),
    home: () => apply({ type: 'home' }),
  };
}
