import { lazyScreen } from '../lazy-screen';
import type { BookScreenProps } from './BookScreen';

// The Book screen in its own chunk: the attract screen and every check-in scan would otherwise load its
// grid, result and styles at start. App preloads it as soon as the kiosk has the Book feature.
const book = lazyScreen<BookScreenProps>(
  () => import('./BookScreen').then((m) => m.BookScreen),
  () => <main class="screen book" data-testid="book-screen" aria-busy="true" />,
);
export const LazyBookScreen = book.Screen;
export const preloadBookScreen = book.preload;
