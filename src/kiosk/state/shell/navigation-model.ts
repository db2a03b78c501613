import { signal, type ReadonlySignal } from '@preact/signals';

/** Features that work on this kiosk. A configured feature not listed here is ignored. */
export const IMPLEMENTED_FEATURES = ['schedule', 'book', 'rate', 'suggest', 'checkin', 'gym'] as const;
export type Feature = (typeof IMPLEMENTED_FEATURES)[number];
/**
 * Features with their own button on the attract screen. Check-in and the gym live on the attract screen
 * itself (scanning, the keypad button, the equipment panel) and open the member screens.
 */
export const BUTTON_FEATURES = ['schedule', 'book', 'rate', 'suggest'] as const satisfies readonly Feature[];
export type ButtonFeature = (typeof BUTTON_FEATURES)[number];
/** Screens of the check-in feature: the identified member, and the member-number keypad. */
export type MemberScreen = 'member' | 'keypad';
/** Screens opened from the attract screen's panels rather than a feature button: polls (issue 16). */
export type PanelScreen = 'poll';
export type Screen = 'attract' | ButtonFeature | MemberScreen | PanelScreen;
type Openable = ButtonFeature | MemberScreen | PanelScreen;

export type NavAction = { readonly type: 'open'; readonly screen: Openable } | { readonly type: 'home' };

/** The feature a screen belongs to: without it the screen does not open. Polls live with the suggestion box (意见征集). */
const FEATURE_OF: Record<Openable, Feature> = { member: 'checkin', keypad: 'checkin', poll: 'suggest', schedule: 'schedule', book: 'book', rate: 'rate', suggest: 'suggest' };

const known = (list: readonly string[]) => new Set<string>(list);

/** The configured features that work here, once each, in the kiosk's order. */
export function deriveFeatures(configured: readonly string[] | null): Feature[] {
  const ok = known(IMPLEMENTED_FEATURES);
  return [...new Set(configured ?? [])].filter((f): f is Feature => ok.has(f));
}

/** The buttons of the attract screen: configured features that have a screen of their own, in the kiosk's order. */
export function deriveFeatureButtons(configured: readonly string[] | null): ButtonFeature[] {
  const ok = known(BUTTON_FEATURES);
  return deriveFeatures(configured).filter((f): f is ButtonFeature => ok.has(f));
}

/** The next screen: opening a feature that is not offered, or that has no data yet, stays put. */
export function deriveNavigation(current: Screen, action: NavAction, offered: readonly Feature[]): Screen {
  if (action.type === 'home') return 'attract';
  return offered.includes(FEATURE_OF[action.screen]) ? action.screen : current;
}

export interface NavigationModel {
  readonly screen: ReadonlySignal<Screen>;
  open(screen: Openable): void;
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
