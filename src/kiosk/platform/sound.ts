import type { OutcomeTone } from '../../domain/outcome';

// A short tone for every scan result (DESIGN §4.6), made with WebAudio: no sound files to cache. Rising
// notes for success, one soft note for information, falling for a refusal, a low double buzz for a
// failure. Audio the browser blocks (no gesture yet, no device) is skipped silently.

type Note = readonly [frequencyHz: number, startS: number, lengthS: number];

const NOTES: { readonly [K in OutcomeTone]: { readonly wave: OscillatorType; readonly notes: readonly Note[] } } = {
  success: { wave: 'sine', notes: [[660, 0, 0.12], [990, 0.12, 0.18]] },
  info: { wave: 'sine', notes: [[740, 0, 0.18]] },
  refused: { wave: 'triangle', notes: [[520, 0, 0.14], [390, 0.16, 0.2]] },
  failed: { wave: 'square', notes: [[180, 0, 0.14], [180, 0.2, 0.14]] },
};

export interface Sound {
  play(tone: OutcomeTone): void;
}

export function createSound(volume = 0.2): Sound {
  let ctx: AudioContext | null = null;
  return {
    play(tone) {
      try {
        ctx ??= new AudioContext();
        if (ctx.state === 'suspended') void ctx.resume().catch(() => {});
        const t0 = ctx.currentTime + 0.01;
        const { wave, notes } = NOTES[tone];
        for (const [hz, start, length] of notes) {
          const osc = ctx.createOscillator();
          const gain = ctx.createGain();
          osc.type = wave;
          osc.frequency.value = hz;
          // a short fade in and out: no clicks
          gain.gain.setValueAtTime(0, t0 + start);
          gain.gain.linearRampToValueAtTime(volume, t0 + start + 0.015);
          gain.gain.linearRampToValueAtTime(0, t0 + start + length);
          osc.connect(gain).connect(ctx.destination);
          osc.start(t0 + start);
          osc.stop(t0 + start + length + 0.02);
        }
      } catch {
        // no audio on this device: the colour and the words still say it
      }
    },
  };
}
