import { describe, expect, it } from 'vitest';
import {
  clampText,
  createSuggestionModel,
  deriveContact,
  deriveSuggestionMax,
  deriveSuggestionView,
} from '../../../src/kiosk/state/feedback/suggestion-model';
import { feedbackPorts, flush } from './feedback-fakes';
import { CARD, T0, badge, kioskSnapshot } from './member-fixture';

describe('deriveSuggestionView', () => {
  it('counts, allows sending only real text, and says when the limit is reached', () => {
    expect(deriveSuggestionView('', 500)).toEqual({ count: 0, max: 500, atLimit: false, canSend: false });
    expect(deriveSuggestionView('  \n\t ', 500)).toMatchObject({ count: 5, canSend: false });
    expect(deriveSuggestionView('more yoga', 500)).toMatchObject({ count: 9, atLimit: false, canSend: true });
    expect(deriveSuggestionView('x'.repeat(500), 500)).toMatchObject({ count: 500, atLimit: true, canSend: true });
    expect(deriveSuggestionView('x'.repeat(501), 500)).toMatchObject({ canSend: false });
  });

  it('counts like valibot maxLength: UTF-16 code units (a CJK character is 1, an emoji 2)', () => {
    expect(deriveSuggestionView('希望增加晚间瑜伽课', 500).count).toBe(9);
    expect(deriveSuggestionView('👍', 500).count).toBe(2);
  });
});

describe('clampText, deriveSuggestionMax, deriveContact', () => {
  it('cuts at the limit without splitting an emoji', () => {
    expect(clampText('abc', 5)).toBe('abc');
    expect(clampText('abcdef', 5)).toBe('abcde');
    expect(clampText('abcd👍', 5)).toBe('abcd');
  });

  it('takes the center rule but never more than the event schema allows', () => {
    expect(deriveSuggestionMax({ suggestionMaxChars: 300 })).toBe(300);
    expect(deriveSuggestionMax({ suggestionMaxChars: 900 })).toBe(500);
    expect(deriveSuggestionMax({ suggestionMaxChars: 0 })).toBe(500);
  });

  it('sends a trimmed contact, or null when empty', () => {
    expect(deriveContact('  ')).toBeNull();
    expect(deriveContact(' 138 0000 0000 ')).toBe('138 0000 0000');
  });
});

describe('SuggestionModel', () => {
  function setup() {
    const f = feedbackPorts();
    const model = createSuggestionModel(f.ports);
    model.open();
    return { ...f, model };
  }

  it('records the suggestion before the thank-you, then is done after thankYouSeconds', async () => {
    const { model, sink, time } = setup();
    model.selectTopic('gym');
    model.setText('  more evening yoga \n');
    sink.hold();
    const sent = model.send();
    expect(model.step.value).toBe('saving');
    await flush();
    expect(model.step.value).toBe('saving');
    await sink.release();
    await sent;
    expect(sink.calls).toEqual([{ kind: 'suggestion', payload: { topic: 'gym', text: 'more evening yoga', contact: null } }]);
    expect(model.step.value).toBe('thanks');
    expect(model.text.value).toBe('');
    await time.advance(3_000);
    expect(model.step.value).toBe('done');
  });

  it('sends the contact when one is left', async () => {
    const { model, sink } = setup();
    model.setText('Fix the shower');
    model.setContact(' li@example.com ');
    await model.send();
    expect(sink.calls[0]!.payload).toEqual({ topic: null, text: 'Fix the shower', contact: 'li@example.com' });
  });

  it('keeps out of the box what the hub would refuse (a pasted control or text-direction character), so the event always goes through', async () => {
    const { model, sink } = setup();
    expect(model.setText('淋浴\u0000间\u202e热水')).toBe('淋浴间热水');
    expect(model.setContact('138\u0007 0000')).toBe('138 0000');
    await model.send();
    expect(sink.calls[0]!.payload).toEqual({ topic: null, text: '淋浴间热水', contact: '138 0000' });
  });

  it('does not send an empty or white-space text', async () => {
    const { model, sink } = setup();
    await model.send();
    model.setText('   ');
    await model.send();
    expect(sink.calls).toHaveLength(0);
    expect(model.view.value.canSend).toBe(false);
  });

  it('refuses text beyond the limit', () => {
    const { model } = setup();
    expect(model.setText('字'.repeat(600))).toBe('字'.repeat(500));
    expect(model.view.value).toMatchObject({ count: 500, atLimit: true, canSend: true });
  });

  it('keeps the text when saving fails, and sends it on the next try', async () => {
    const { model, sink } = setup();
    model.setText('Longer opening hours');
    model.setContact('Wang');
    sink.fail('storage_full');
    await model.send();
    expect(model.step.value).toBe('failed');
    expect(model.text.value).toBe('Longer opening hours');
    expect(model.contact.value).toBe('Wang');
    sink.fail(null);
    await model.send();
    expect(model.step.value).toBe('thanks');
    expect(sink.calls).toHaveLength(2);
  });

  it('sends once for a double tap on Send', async () => {
    const { model, sink } = setup();
    model.setText('Hot water please');
    await Promise.all([model.send(), model.send()]);
    expect(sink.calls).toHaveLength(1);
  });

  it('empties the form when the worker leaves, so the next one never sees it', () => {
    const { model } = setup();
    model.selectTopic('staff');
    model.setText('private words');
    model.setContact('138');
    model.leave();
    expect([model.text.value, model.contact.value, model.topic.value, model.step.value]).toEqual(['', '', null, 'edit']);
  });
});

describe('signing a suggestion to get the answer at the kiosk (issue 16)', () => {
  async function signing() {
    const k = await kioskSnapshot();
    const f = feedbackPorts({ badgeKeys: k.badgeKeys, cardMap: k.cardMap, revokedMembers: [] }, T0);
    const model = createSuggestionModel(f.ports);
    model.open();
    model.setText('更衣室柜子不够');
    return { ...f, model };
  }

  it('sends the suggestion with the badge shown on the sign step, after recording the visit', async () => {
    const { model, sink } = await signing();
    model.askToSign();
    expect(model.step.value).toBe('sign');
    expect(model.waiting.value).toBe(true);
    expect(sink.calls).toEqual([]); // nothing is sent before the scan
    await model.scan(await badge(), 'camera');
    expect(sink.calls.map((c) => c.kind)).toEqual(['visit', 'suggestion']);
    expect(sink.calls[1]!.payload).toEqual({
      topic: null, text: '更衣室柜子不够', contact: null, signedBy: { via: 'badge', memberId: '42', badgeId: expect.any(String) },
    });
    expect(model.step.value).toBe('thanks');
    expect(model.signed.value).toBe(true);
  });

  it('signs with a card the kiosk maps to a member', async () => {
    const { model, sink } = await signing();
    model.askToSign();
    await model.scan(CARD, 'wedge');
    expect(sink.calls[1]!.payload).toMatchObject({ signedBy: { via: 'card', memberId: '7' } });
  });

  it('keeps the text and asks again when the scan names nobody it can vouch for, and sends no suggestion', async () => {
    const { model, sink } = await signing();
    model.askToSign();
    await model.scan('99999999', 'wedge'); // a card the kiosk does not know, online: not a member
    expect(model.step.value).toBe('sign');
    expect(model.signError.value).toBe('unknown_member');
    await model.scan('hello', 'camera');
    expect(model.signError.value).toBe('not_our_code');
    // each failed scan is logged with its reason, as everywhere; the suggestion waits for a good one
    expect(sink.calls.map((c) => c.kind)).toEqual(['scan_failed', 'scan_failed']);
    expect(model.text.value).toBe('更衣室柜子不够');
    await model.scan(await badge(), 'camera');
    expect(sink.calls.map((c) => c.kind)).toEqual(['scan_failed', 'scan_failed', 'visit', 'suggestion']);
  });

  it('sends anonymously from the sign step, or goes back to the text, as the worker chooses', async () => {
    const { model, sink } = await signing();
    model.askToSign();
    model.cancelSign();
    expect(model.step.value).toBe('edit');
    model.askToSign();
    await model.send();
    expect(sink.calls.map((c) => c.kind)).toEqual(['suggestion']);
    expect(sink.calls[0]!.payload).not.toHaveProperty('signedBy');
    expect(model.signed.value).toBe(false);
  });

  it('takes no scan unless the sign step is showing', async () => {
    const { model, sink } = await signing();
    expect(model.waiting.value).toBe(false);
    await model.scan(await badge(), 'camera');
    expect(sink.calls).toEqual([]);
    expect(model.step.value).toBe('edit');
  });
});
