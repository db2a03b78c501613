import { describe, expect, it } from 'vitest';
import { createRatingModel, deriveRateView, deriveToggledReasons, type RateState } from '../../../src/kiosk/state/feedback/rating-model';
import { feedbackPorts, flush } from './feedback-fakes';

describe('deriveRateView', () => {
  const reasons = (until: number, sending = false): RateState => ({ step: 'reasons', ratingId: 'r1', until, chosen: ['dirty'], sending });

  it('hides the countdown until the last 5 seconds of the reason chips', () => {
    expect(deriveRateView(reasons(10_000), 0).countdown).toBeNull();
    expect(deriveRateView(reasons(10_000), 4_999).countdown).toBeNull();
    expect(deriveRateView(reasons(10_000), 5_000).countdown).toBe(5);
    expect(deriveRateView(reasons(10_000), 8_200).countdown).toBe(2);
    expect(deriveRateView(reasons(10_000), 9_999).countdown).toBe(1);
    expect(deriveRateView(reasons(10_000), 10_000).countdown).toBeNull();
  });

  it('shows the chosen reasons only on the reasons step, and busy only while saving', () => {
    expect(deriveRateView(reasons(10_000), 0)).toMatchObject({ step: 'reasons', chosen: ['dirty'], busy: false });
    expect(deriveRateView({ step: 'saving' }, 0)).toEqual({ step: 'saving', chosen: [], countdown: null, busy: true });
    expect(deriveRateView({ step: 'thanks', until: 3_000 }, 0)).toMatchObject({ step: 'thanks', countdown: null, busy: false });
    expect(deriveRateView(reasons(10_000, true), 6_000)).toEqual({ step: 'reasons', chosen: ['dirty'], countdown: null, busy: true });
  });
});

describe('deriveToggledReasons', () => {
  it('adds and removes a reason, in the order of RATING_REASONS, once each', () => {
    expect(deriveToggledReasons([], 'other')).toEqual(['other']);
    expect(deriveToggledReasons(['other'], 'waiting')).toEqual(['waiting', 'other']);
    expect(deriveToggledReasons(['waiting', 'other'], 'waiting')).toEqual(['other']);
  });
});

describe('RatingModel', () => {
  function setup() {
    const f = feedbackPorts();
    const model = createRatingModel(f.ports);
    model.open();
    return { ...f, model };
  }

  it('records the rating before showing thanks', async () => {
    const { model, sink } = setup();
    sink.hold();
    const done = model.rate(3);
    expect(sink.calls).toEqual([{ kind: 'rating', payload: { topic: null, score: 3 } }]);
    expect(model.view.value.step).toBe('saving');
    await flush();
    expect(model.view.value.step).toBe('saving'); // not yet durable: no thank-you
    await sink.release();
    await done;
    expect(model.view.value.step).toBe('thanks');
  });

  it('shows the thank-you for thankYouSeconds, then is done', async () => {
    const { model, time } = setup();
    await model.rate(2);
    await time.advance(2_999);
    expect(model.view.value.step).toBe('thanks');
    await time.advance(1);
    expect(model.view.value.step).toBe('done');
  });

  it('records the chosen topic, and falls back to the center overall for a topic that is gone', async () => {
    const { model, sink, snapshot } = setup();
    model.selectTopic('gym');
    expect(model.topic.value).toBe('gym');
    await model.rate(2);
    expect(sink.calls[0]!.payload).toEqual({ topic: 'gym', score: 2 });
    model.open();
    expect(model.topic.value).toBeNull();
    model.selectTopic('staff');
    snapshot.value = { feedbackTopics: [] } as never;
    expect(model.topic.value).toBeNull();
  });

  it('shows reason chips only after a low score', async () => {
    for (const [score, step] of [[0, 'reasons'], [1, 'reasons'], [2, 'thanks'], [3, 'thanks']] as const) {
      const { model } = setup();
      await model.rate(score);
      expect(model.view.value.step, `score ${score}`).toBe(step);
    }
  });

  it('counts down in the last 5 s of the reason chips and continues to thanks when nothing was chosen', async () => {
    const { model, sink, time } = setup();
    await model.rate(0);
    expect(model.view.value.countdown).toBeNull();
    await time.advance(5_000);
    expect(model.view.value.countdown).toBe(5);
    await time.advance(4_000);
    expect(model.view.value.countdown).toBe(1);
    await time.advance(1_000);
    expect(model.view.value.step).toBe('thanks');
    expect(sink.calls.map((c) => c.kind)).toEqual(['rating']);
  });

  it('sends chosen reasons once at timeout, with the rating id', async () => {
    const { model, sink, time } = setup();
    await model.rate(1);
    model.toggleReason('dirty');
    model.toggleReason('waiting');
    await time.advance(10_000);
    void model.sendReasons(); // a late tap on Send sends nothing more
    await time.advance(5_000);
    expect(sink.calls).toEqual([
      { kind: 'rating', payload: { topic: null, score: 1 } },
      { kind: 'rating_reason', payload: { ratingId: '0190-id-1', reasons: ['waiting', 'dirty'] } },
    ]);
    expect(model.view.value.step).toBe('done');
  });

  it('sends chosen reasons on Send, then thanks; Send with nothing chosen just continues', async () => {
    const { model, sink } = setup();
    await model.rate(0);
    model.toggleReason('broken');
    sink.hold();
    const sending = model.sendReasons();
    expect(model.view.value).toMatchObject({ step: 'reasons', busy: true });
    model.toggleReason('other'); // no change while the reasons are being saved
    void model.sendReasons();
    await sink.release();
    await sending;
    expect(sink.calls).toHaveLength(2);
    expect(sink.calls[1]).toEqual({ kind: 'rating_reason', payload: { ratingId: '0190-id-1', reasons: ['broken'] } });
    expect(model.view.value.step).toBe('thanks');

    const other = setup();
    await other.model.rate(0);
    await other.model.sendReasons();
    expect(other.sink.calls).toHaveLength(1);
    expect(other.model.view.value.step).toBe('thanks');
  });

  it('says it could not save, and shows no thanks, when the sink fails or throws', async () => {
    for (const failure of ['storage_full', 'storage_failed', 'throw'] as const) {
      const { model, sink, time } = setup();
      sink.fail(failure);
      await model.rate(3);
      expect(model.view.value.step).toBe('failed');
      await time.advance(60_000);
      expect(model.view.value.step).toBe('failed');
      model.retry();
      expect(model.view.value.step).toBe('choose');
    }
  });

  it('says it could not save when the reasons fail', async () => {
    const { model, sink } = setup();
    await model.rate(0);
    model.toggleReason('staff');
    sink.fail('storage_full');
    await model.sendReasons();
    expect(model.view.value.step).toBe('failed');
  });

  it('records every press, one per visit, and ignores a second tap while saving', async () => {
    const { model, sink } = setup();
    sink.hold();
    void model.rate(3);
    void model.rate(0);
    await sink.release();
    expect(sink.calls).toHaveLength(1);
    for (let i = 0; i < 4; i++) {
      model.open();
      await model.rate(3);
    }
    expect(sink.calls).toHaveLength(5);
  });

  it('still sends chosen reasons when the worker leaves, and starts over', async () => {
    const { model, sink, time } = setup();
    model.selectTopic('gym');
    await model.rate(0);
    model.toggleReason('crowded');
    model.leave();
    await flush();
    expect(sink.calls[1]).toEqual({ kind: 'rating_reason', payload: { ratingId: '0190-id-1', reasons: ['crowded'] } });
    expect(model.view.value.step).toBe('choose');
    expect(model.topic.value).toBeNull();
    await time.advance(20_000);
    expect(sink.calls).toHaveLength(2);
    expect(time.pending()).toBe(0);
  });

  it('ignores the answer of a visit the worker already left', async () => {
    const { model, sink } = setup();
    sink.hold();
    const done = model.rate(0);
    model.leave();
    await sink.release();
    await done;
    expect(model.view.value.step).toBe('choose');
  });
});
