import { pick, type Lang } from '../../../domain/text';
import type { FeedbackTopic } from '../../state/feedback/feedback-topic';
import { tFeedback } from '../../i18n/feedback-t';

interface Props {
  readonly lang: Lang;
  readonly topics: readonly FeedbackTopic[];
  /** null: the center overall */
  readonly selected: string | null;
  readonly disabled?: boolean;
  readonly onSelect: (topic: string | null) => void;
}

/** "The center overall" and each configured topic, as toggle buttons; nothing when none is configured. */
export function TopicChips({ lang, topics, selected, disabled, onSelect }: Props) {
  if (topics.length === 0) return null;
  const chip = (id: string | null, name: string) => (
    <button
      key={id ?? ''}
      type="button"
      class="topic-chip"
      aria-pressed={selected === id}
      data-topic={id ?? ''}
      disabled={disabled}
      onClick={() => onSelect(id)}
    >
      {name}
    </button>
  );
  return (
    <div class="topic-chips" role="group" aria-labelledby="topic-chips-label">
      <span class="topic-chips-label" id="topic-chips-label">{tFeedback(lang, 'feedback.topics')}</span>
      {chip(null, tFeedback(lang, 'feedback.topic.all'))}
      {topics.map((topic) => chip(topic.id, pick(topic.name, lang)))}
    </div>
  );
}
