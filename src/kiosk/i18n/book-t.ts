import type { Catalogs } from '../../domain/text';
import { bookEn } from './book.en';
import { bookZhCN } from './book.zh-CN';
import { wordsFor } from './t';

// t() for the Book screen's words, imported only by its chunk (see t.ts wordsFor). The attract screen's
// Book button is in the main catalogs.

export type BookKey = keyof typeof bookEn;
export const BOOK_CATALOGS: Catalogs<BookKey> = { en: bookEn, 'zh-CN': bookZhCN };

export const tBook = wordsFor(BOOK_CATALOGS);
