import { lazyScreen } from '../lazy-screen';
import type { MemberScreenProps } from './MemberScreen';
import type { RateScreenProps } from './RateScreen';
import type { StaffScreenProps } from './StaffScreen';
import type { SuggestScreenProps } from './SuggestScreen';

// The member screen (with the member's bookings and class places) and staff mode, each in a chunk of
// its own, so the JavaScript the kiosk loads at start stays within its budget (BENCHMARKS.md). App
// preloads the member screen when the kiosk checks people in, so the screen after a scan does not wait;
// staff mode loads when staff open it.
const member = lazyScreen<MemberScreenProps>(
  () => import('./MemberScreen').then((m) => m.MemberScreen),
  () => <main class="screen member" aria-busy="true" />,
);
export const LazyMemberScreen = member.Screen;
export const preloadMemberScreen = member.preload;

const staff = lazyScreen<StaffScreenProps>(
  () => import('./StaffScreen').then((m) => m.StaffScreen),
  () => <div class="staff-overlay" role="dialog" aria-modal="true" aria-busy="true" />,
);
export const LazyStaffScreen = staff.Screen;
export const preloadStaffScreen = staff.preload;

// Rate and Suggestion: preloaded when the kiosk offers them, like Book.
const rate = lazyScreen<RateScreenProps>(
  () => import('./RateScreen').then((m) => m.RateScreen),
  () => <main class="screen rate" aria-busy="true" />,
);
export const LazyRateScreen = rate.Screen;
export const preloadRateScreen = rate.preload;

const suggest = lazyScreen<SuggestScreenProps>(
  () => import('./SuggestScreen').then((m) => m.SuggestScreen),
  () => <main class="screen suggest" aria-busy="true" />,
);
export const LazySuggestScreen = suggest.Screen;
export const preloadSuggestScreen = suggest.preload;
