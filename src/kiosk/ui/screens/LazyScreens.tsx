import { lazyScreen } from '../lazy-screen';
import type { BookScreenProps } from './BookScreen';
import type { MemberScreenProps } from './MemberScreen';
import type { RateScreenProps } from './RateScreen';
import type { StaffScreenProps } from './StaffScreen';
import type { SuggestScreenProps } from './SuggestScreen';
import type { PollScreenProps } from './PollScreen';

// Book, the member screen, staff mode, Rate and Suggestion are chunks of their own, so the JavaScript the kiosk
// loads at start stays within its budget (BENCHMARKS.md). App preloads each one as soon as the kiosk's
// features say it can be needed (Book, the member screen after a scan, Rate, Suggestion), so a tap or
// a scan does not wait; staff mode loads when staff open it.
const book = lazyScreen<BookScreenProps>(
  () => import('./BookScreen').then((m) => m.BookScreen),
  () => <main class="screen book" data-testid="book-screen" aria-busy="true" />,
);
export const LazyBookScreen = book.Screen;
export const preloadBookScreen = book.preload;

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

// Polls (issue 16): loaded when the attract screen shows its button, like Suggestion.
const poll = lazyScreen<PollScreenProps>(
  () => import('./PollScreen').then((m) => m.PollScreen),
  () => <main class="screen poll" aria-busy="true" />,
);
export const LazyPollScreen = poll.Screen;
export const preloadPollScreen = poll.preload;
