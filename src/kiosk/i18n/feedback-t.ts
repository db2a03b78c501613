import type { Catalogs } from '../../domain/text';
import { feedbackEn } from './feedback.en';
import { feedbackZhCN } from './feedback.zh-CN';
import { wordsFor } from './t';

// t() for the words of the Rate, Suggestion and Polls screens, imported only by their chunks (see t.ts
// wordsFor). The attract screen's buttons for them are in the main catalogs.

export type FeedbackKey = keyof typeof feedbackEn;
export const FEEDBACK_CATALOGS: Catalogs<FeedbackKey> = { en: feedbackEn, 'zh-CN': feedbackZhCN };

export const tFeedback = wordsFor(FEEDBACK_CATALOGS);
