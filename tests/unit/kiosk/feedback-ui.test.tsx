import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { createRatingModel } from '../../../src/kiosk/state/feedback/rating-model';
import { createSuggestionModel } from '../../../src/kiosk/state/feedback/suggestion-model';
import { phoneFormUrl, qrPath } from '../../../src/kiosk/ui/components/PhoneQr';
import { RateScreen } from '../../../src/kiosk/ui/screens/RateScreen';
import { SuggestScreen } from '../../../src/kiosk/ui/screens/SuggestScreen';
import { feedbackPorts } from './feedback-fakes';

const noop = () => {};
const common = { lang: 'en', connection: 'online', pending: 0, onDone: noop, onToggleLang: noop, largeText: false, onToggleText: noop } as const;

describe('rate screen (rendered to HTML)', () => {
  function rate() {
    const f = feedbackPorts();
    return { ...f, model: createRatingModel(f.ports) };
  }

  it('shows the topic chips with the center overall pressed, and four named faces', () => {
    const { model } = rate();
    const html = renderToString(<RateScreen {...common} model={model} />);
    expect(html).toMatch(/aria-pressed="true"[^>]*>The center overall</);
    expect(html).toMatch(/aria-pressed="false"[^>]*>Gym</);
    for (const word of ['Very unhappy', 'Unhappy', 'Happy', 'Very happy']) expect(html).toContain(`<span class="face-word">${word}</span>`);
    expect(html).not.toContain('data-testid="thank-you"');
  });

  it('shows reason chips and Send after a low score, the countdown only in the last 5 s', async () => {
    const { model, time } = rate();
    await model.rate(0);
    let html = renderToString(<RateScreen {...common} model={model} />);
    for (const reason of ['Long wait', 'Too crowded', 'Not clean', 'Something broken', 'Staff', 'Something else']) expect(html).toContain(reason);
    expect(html).toContain('>Send</button>');
    expect(html).not.toContain('reason-countdown');
    expect(html).not.toContain('face-word');
    await time.advance(6_000);
    html = renderToString(<RateScreen {...common} model={model} />);
    expect(html).toMatch(/data-testid="reason-countdown"[^>]*>Continuing in 4 s</);
  });

  it('thanks only after the write, and says plainly when it could not save', async () => {
    const ok = rate();
    await ok.model.rate(3);
    expect(renderToString(<RateScreen {...common} model={ok.model} />)).toContain('data-testid="thank-you"');
    const bad = rate();
    bad.sink.fail('storage_full');
    await bad.model.rate(3);
    const html = renderToString(<RateScreen {...common} model={bad.model} />);
    expect(html).toContain('Sorry, this kiosk could not save that. Please tell the staff.');
    expect(html).not.toContain('thank-you');
  });
});

describe('suggestion screen (rendered to HTML)', () => {
  function suggest() {
    const f = feedbackPorts();
    return { ...f, model: createSuggestionModel(f.ports) };
  }
  const props = { ...common, origin: 'http://hub.local:8080', kioskId: 'lobby-1', camera: { holdHint: false, preview: true } };

  it('labels the text box and contact, counts, keeps Send disabled while empty, and says it is anonymous', () => {
    const { model } = suggest();
    const html = renderToString(<SuggestScreen {...props} model={model} />);
    expect(html).toContain('<label class="field-label" for="suggest-text">Your suggestion</label>');
    expect(html).toContain('<label class="field-label" for="suggest-contact">Contact (optional)</label>');
    expect(html).toMatch(/<textarea[^>]*maxlength="500"/i);
    expect(html).toMatch(/data-testid="char-count"[^>]*>0\/500</);
    expect(html).toMatch(/<button type="submit" class="send-button" disabled[^>]*>Send</);
    expect(html).toContain('Anonymous by default');
    model.setText('   ');
    expect(renderToString(<SuggestScreen {...props} model={model} />)).toMatch(/<button type="submit" class="send-button" disabled/);
    model.setText('字'.repeat(500));
    const full = renderToString(<SuggestScreen {...props} model={model} />);
    expect(full).toMatch(/data-testid="char-count"[^>]*>500\/500</);
    expect(full).toContain('That is the limit of 500 characters.');
    expect(full).not.toMatch(/<button type="submit" class="send-button" disabled/);
  });

  it('shows the camera on the sign step, with where to hold the badge, and how to hold it when the camera cannot read it', () => {
    const { model } = suggest();
    model.setText('更衣室的柜子不够用');
    model.askToSign();
    const html = renderToString(<SuggestScreen {...props} model={model} />);
    expect(html).toContain('data-testid="suggest-sign"');
    expect(html).toContain('data-testid="camera-slot"');
    expect(html).toMatch(/class="scan-hint" data-testid="sign-scan-hint"[^>]*>Hold your badge to the camera, or swipe your card</);
    expect(html).toContain('Your suggestion is sent with your name');
    const hold = renderToString(<SuggestScreen {...props} camera={{ holdHint: true, preview: true }} model={model} />);
    expect(hold).toMatch(/class="scan-hint scan-hint-hold" data-testid="sign-scan-hint"[^>]*>Hold the card still, 20–30 cm from the camera</);
    const hidden = renderToString(<SuggestScreen {...props} camera={{ holdHint: false, preview: false }} model={model} />);
    expect(hidden).toContain('data-testid="camera-on"');
    expect(hidden).not.toContain('camera-slot');
  });

  it('draws the phone QR for this kiosk and language, none before enrollment', () => {
    const { model } = suggest();
    const html = renderToString(<SuggestScreen {...props} model={model} />);
    expect(html).toContain('data-url="http://hub.local:8080/suggest?k=lobby-1&amp;lang=en"');
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-label="QR code for the form on a phone"/);
    expect(html).toContain('Continue on your phone');
    expect(renderToString(<SuggestScreen {...props} kioskId={null} model={model} />)).not.toContain('phone-qr');
  });

  it('builds the phone address and one path rectangle per run of dark modules', () => {
    expect(phoneFormUrl('http://10.0.0.2:8080/', 'gym-1', 'zh-CN')).toBe('http://10.0.0.2:8080/suggest?k=gym-1&lang=zh-CN');
    const grid = [[1, 1, 0], [0, 0, 0], [1, 0, 1]];
    expect(qrPath(3, (r, c) => grid[r]![c] === 1)).toBe('M4 4h2v1h-2zM4 6h1v1h-1zM6 6h1v1h-1z');
  });
});
