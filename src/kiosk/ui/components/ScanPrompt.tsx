import type { Lang } from '../../../domain/text';
import { t } from '../../i18n/t';
import { CameraSlot } from './CameraSlot';

/** The camera as a screen that takes a badge shows it (kiosk config and the scanner's hint). */
export interface ScanCamera {
  /** the camera sees a code it cannot read (issue 11): say how to hold the card instead */
  readonly holdHint: boolean;
  /** kiosk config `cameraPreview`: false shows a "camera on" mark instead of the picture */
  readonly preview: boolean;
}

/**
 * Where to hold the card and what to do, on every step that waits for a badge (the attract screen, Book's
 * scan step, the suggestion's and the poll's sign steps): a worker aims a card better when they see it,
 * and "hold it still" must reach them on every such step, not only on the start screen. The hint takes
 * the place of `text` rather than adding a line, so nothing below it moves under a finger.
 */
export function ScanPrompt({ lang, camera, text, busy = false, testId }: {
  lang: Lang;
  camera: ScanCamera;
  text: string;
  /** the badge is being checked: `text` says so, and the hold hint would only confuse */
  busy?: boolean;
  testId: string;
}) {
  const hold = camera.holdHint && !busy;
  return (
    <>
      <CameraSlot lang={lang} preview={camera.preview} />
      <p class={hold ? 'scan-hint scan-hint-hold' : 'scan-hint'} data-testid={testId} aria-live="polite">
        {hold ? t(lang, 'scan.holdHint') : text}
      </p>
    </>
  );
}
