import type { Lang } from '../../../domain/text';
import { tFeedback } from '../../i18n/feedback-t';

interface Props {
  readonly lang: Lang;
  readonly id: string;
  readonly count: number;
  readonly max: number;
  readonly atLimit: boolean;
}

/** "12/500" under the text box, and a calm note (announced once) when the box is full. */
export function CharCount({ lang, id, count, max, atLimit }: Props) {
  return (
    <div class="char-count-row">
      <span class={atLimit ? 'char-count char-count-full' : 'char-count'} id={id} data-testid="char-count">
        {tFeedback(lang, 'suggest.count', { count, max })}
      </span>
      <span class="char-limit-note" role="status">
        {atLimit ? tFeedback(lang, 'suggest.limit', { max }) : ''}
      </span>
    </div>
  );
}
