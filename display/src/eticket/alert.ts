// The call alert on the resident's phone: a vibration and a short beep (Web Audio, no sound file),
// where the phone allows. Browsers allow sound (and Chrome vibration) only after the person touched
// the page, so the first touch anywhere, or the page's "turn on the call alert" button, unlocks it.

export interface CallAlert {
  /** Sound is allowed now (the page was touched since it loaded). */
  readonly ready: boolean;
  /** Called from a touch or a key press: lets the page play sound from now on. */
  unlock(): void;
  /** Vibrates and beeps; silently does what the phone allows. */
  play(): void;
  onChange(listener: () => void): () => void;
}

/** Three short rising beeps, about 1 s in all, and a vibration of the same rhythm. */
const BEEPS: readonly { at: number; hz: number }[] = [
  { at: 0, hz: 880 },
  { at: 0.3, hz: 988 },
  { at: 0.6, hz: 1175 },
];
const BEEP_S = 0.2;
const VIBRATION: readonly number[] = [200, 100, 200, 100, 400];

type AudioContextCtor = new () => AudioContext;

export function createCallAlert(win: Window = window): CallAlert {
  const listeners = new Set<() => void>();
  let ctx: AudioContext | null = null;
  let ready = false;
  // Older Safari names it webkitAudioContext.
  const audio = win as Window & { AudioContext?: AudioContextCtor; webkitAudioContext?: AudioContextCtor };
  const Ctor = audio.AudioContext ?? audio.webkitAudioContext;

  const beep = () => {
    if (!ctx || ctx.state !== 'running') return;
    const start = ctx.currentTime + 0.05;
    for (const { at, hz } of BEEPS) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = hz;
      // A short fade in and out: no click.
      gain.gain.setValueAtTime(0, start + at);
      gain.gain.linearRampToValueAtTime(0.35, start + at + 0.02);
      gain.gain.linearRampToValueAtTime(0, start + at + BEEP_S);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start + at);
      osc.stop(start + at + BEEP_S + 0.02);
    }
  };

  return {
    get ready() {
      return ready;
    },
    unlock() {
      if (!ctx && Ctor) {
        try {
          ctx = new Ctor();
        } catch {
          ctx = null;
        }
      }
      void ctx?.resume().catch(() => undefined);
      if (!ready) {
        ready = true;
        for (const l of listeners) l();
      }
    },
    play() {
      try {
        win.navigator.vibrate?.([...VIBRATION]);
      } catch {
        // Not allowed yet (no touch since the page loaded) or no motor: the screen says it anyway.
      }
      if (ctx && ctx.state !== 'running') void ctx.resume().then(beep, () => undefined);
      else beep();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
