import type { OutcomeTone } from '../../../domain/outcome';
import type { Lang } from '../../../domain/text';
import { t } from '../../i18n/t';
import type { ShownCode } from '../../state/checkin/member-model';

export interface OutcomeBannerProps {
  readonly lang: Lang;
  readonly code: ShownCode;
  readonly tone: OutcomeTone;
  readonly offline: boolean;
  /** the outcome's words (ui/checkin-format outcomeText) */
  readonly text: string;
  /** top over the attract screen's clock; bottom on member screens, whose top is the member's name */
  readonly placement?: 'top' | 'bottom';
}

const MARK: { readonly [K in OutcomeTone]: string } = { success: '✓', info: 'i', refused: '!', failed: '✕' };

/** The result of a scan or a tap, on any screen: large words, the tone's colour and mark. */
export function OutcomeBanner({ lang, code, tone, offline, text, placement = 'top' }: OutcomeBannerProps) {
  return (
    <div
      class={`outcome outcome-${tone} outcome-${placement}`}
      role={tone === 'failed' || tone === 'refused' ? 'alert' : 'status'}
      aria-live="assertive"
      data-testid="outcome"
      data-outcome={code}
      data-tone={tone}
      data-offline={String(offline)}
    >
      <span class="outcome-mark" aria-hidden="true">{MARK[tone]}</span>
      <span class="outcome-words">
        <span class="outcome-text">{text}</span>
        {offline && <span class="outcome-offline">{t(lang, 'outcome.offline')}</span>}
      </span>
    </div>
  );
}
