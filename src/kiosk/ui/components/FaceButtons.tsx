import type { Score } from '../../../domain/events';
import { SCORES } from '../../../domain/events';
import type { Lang } from '../../../domain/text';
import { tFeedback } from '../../i18n/feedback-t';

// Four faces, very unhappy … very happy (0–3), no neutral middle. Colour, mouth shape and a word each,
// so no face depends on colour alone.

const COLORS: Record<Score, string> = { 0: '#ff6b6b', 1: '#ffa94d', 2: '#b5e655', 3: '#4cd486' };
const INK = '#0b1622';

function Mouth({ score }: { score: Score }) {
  const stroke = { stroke: INK, 'stroke-width': 6, 'stroke-linecap': 'round', fill: 'none' } as const;
  if (score === 0) return <path d="M30 76 Q50 54 70 76" {...stroke} />;
  if (score === 1) return <path d="M33 72 Q50 62 67 72" {...stroke} />;
  if (score === 2) return <path d="M33 64 Q50 76 67 64" {...stroke} />;
  return <path d="M28 58 Q50 90 72 58 Z" fill={INK} stroke={INK} stroke-width={4} stroke-linejoin="round" />;
}

export function Face({ score }: { score: Score }) {
  return (
    <svg class="face-svg" viewBox="0 0 100 100" aria-hidden="true" focusable="false">
      <circle cx="50" cy="50" r="46" fill={COLORS[score]} stroke="#ffffff" stroke-width="3" />
      <circle cx="35" cy="40" r="6" fill={INK} />
      <circle cx="65" cy="40" r="6" fill={INK} />
      {score === 0 && <path d="M24 28 L42 34 M76 28 L58 34" stroke={INK} stroke-width="5" stroke-linecap="round" />}
      <Mouth score={score} />
    </svg>
  );
}

interface Props {
  readonly lang: Lang;
  readonly disabled?: boolean;
  readonly onRate: (score: Score) => void;
}

/** The buttons are named by their word ("Very unhappy" …); the drawing is decoration. */
export function FaceButtons({ lang, disabled, onRate }: Props) {
  return (
    <div class="faces" role="group" aria-label={tFeedback(lang, 'rate.faces')}>
      {SCORES.map((score) => (
        <button
          key={score}
          type="button"
          class={`face-button face-${score}`}
          style={{ '--face': COLORS[score] }}
          data-score={score}
          disabled={disabled}
          onClick={() => onRate(score)}
        >
          <Face score={score} />
          <span class="face-word">{tFeedback(lang, `rate.face.${score}`)}</span>
        </button>
      ))}
    </div>
  );
}
