// The display's loudspeaker: the Web Audio API for the chime and the clips (fetched once, decoded,
// joined gaplessly) and the browser's speech synthesis where it has a voice. Browsers keep audio
// suspended until a person interacts with the page: `unlock()` is called from that click or key,
// and `blocked` says whether sound can play now. Browser code, kept out of the pure plan.
import { LANGUAGE_TAGS } from '@jiaohao/shared/i18n';
import type { Language } from '@jiaohao/shared/schemas';
import { parseClipManifest, type ClipManifest } from './clips';
import type { Step } from './plan';

/** A little silence between two clips, so digits do not run together. */
const CLIP_GAP_S = 0.06;
/** How much longer than its own length a sound may take before it counts as finished anyway. */
const GRACE_MS = 2_000;
/** A spoken sentence that never says it ended (a voice that hangs) is given up after this. */
const SPEECH_LIMIT_MS = 20_000;

export interface SoundOutput {
  /** Sound cannot play until a person interacts with the page. */
  readonly blocked: boolean;
  readonly manifest: ClipManifest | null;
  hasVoice(lang: Language): boolean;
  unlock(): void;
  setVolume(percent: number): void;
  play(step: Step): Promise<void>;
  /** Called when `blocked` or the manifest changes. */
  onChange(listener: () => void): () => void;
}

type Voices = Pick<SpeechSynthesis, 'getVoices' | 'speak' | 'cancel'> & Partial<Pick<SpeechSynthesis, 'addEventListener'>>;

export interface OutputOptions {
  /** Where manifest.json and the clips are (ends with a slash). */
  readonly clipsBase: string;
  readonly fetch?: typeof fetch;
}

/** The voice for a language: its region first (zh-TW, not zh-CN, for Taiwan), then any of the language. */
export function voiceFor(voices: readonly Pick<SpeechSynthesisVoice, 'lang'>[], lang: Language): number {
  const tag = lang === 'zh-TW' ? 'zh-TW' : LANGUAGE_TAGS[lang];
  const norm = (l: string) => l.replace('_', '-').toLowerCase();
  const exact = voices.findIndex((v) => norm(v.lang) === tag.toLowerCase());
  if (exact >= 0) return exact;
  if (lang === 'zh-TW') return voices.findIndex((v) => /^(zh|cmn)-(hant|tw)/.test(norm(v.lang)));
  return voices.findIndex((v) => norm(v.lang).split('-')[0] === tag.split('-')[0]);
}

export function createSoundOutput(options: OutputOptions): SoundOutput {
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const l of listeners) l();
  };
  const Ctx = globalThis.AudioContext as typeof AudioContext | undefined;
  const ctx = Ctx ? new Ctx() : null;
  const gain = ctx?.createGain() ?? null;
  let volume = 0.8;
  if (ctx && gain) {
    gain.gain.value = volume;
    gain.connect(ctx.destination);
  }
  ctx?.addEventListener('statechange', changed);
  const synth: Voices | undefined = globalThis.speechSynthesis;
  let voices: SpeechSynthesisVoice[] = synth?.getVoices() ?? [];
  synth?.addEventListener?.('voiceschanged', () => {
    voices = synth.getVoices();
    changed();
  });
  let manifest: ClipManifest | null = null;
  const buffers = new Map<string, Promise<AudioBuffer>>();

  void fetchFn(`${options.clipsBase}manifest.json`)
    .then((r) => (r.ok ? r.json() : null))
    .then((json: unknown) => {
      manifest = parseClipManifest(json);
      changed();
    })
    .catch(() => undefined);

  const buffer = (file: string): Promise<AudioBuffer> => {
    let found = buffers.get(file);
    if (!found) {
      found = fetchFn(`${options.clipsBase}${file}`)
        .then((r) => {
          if (!r.ok) throw new Error(`${file}: ${r.status}`);
          return r.arrayBuffer();
        })
        .then((data) => ctx!.decodeAudioData(data));
      // A failed fetch is tried again next time, not remembered.
      found.catch(() => buffers.delete(file));
      buffers.set(file, found);
    }
    return found;
  };

  /** Plays the files back to back; resolves when the last one ended. */
  const playFiles = async (files: readonly string[]): Promise<void> => {
    if (!ctx || !gain || files.length === 0) return;
    const decoded = await Promise.all(files.map(buffer));
    let at = ctx.currentTime + 0.05;
    let last: AudioBufferSourceNode | null = null;
    for (const b of decoded) {
      const source = ctx.createBufferSource();
      source.buffer = b;
      source.connect(gain);
      source.start(at);
      at += b.duration + CLIP_GAP_S;
      last = source;
    }
    const lengthMs = (at - ctx.currentTime) * 1000;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, lengthMs + GRACE_MS);
      last?.addEventListener('ended', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  };

  const speak = (text: string, lang: Language): Promise<void> =>
    new Promise((resolve) => {
      if (!synth) return resolve();
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = lang === 'zh-TW' ? 'zh-TW' : LANGUAGE_TAGS[lang];
      utterance.volume = volume;
      const voice = voices[voiceFor(voices, lang)];
      // Only a real voice object is accepted; without one the browser picks by utterance.lang.
      if (voice && typeof SpeechSynthesisVoice !== 'undefined' && voice instanceof SpeechSynthesisVoice) utterance.voice = voice;
      const timer = setTimeout(done, SPEECH_LIMIT_MS);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      utterance.onend = done;
      utterance.onerror = done;
      synth.speak(utterance);
    });

  return {
    get blocked() {
      return ctx === null || ctx.state !== 'running';
    },
    get manifest() {
      return manifest;
    },
    hasVoice: (lang) => voiceFor(voices, lang) >= 0,
    unlock() {
      void ctx?.resume().then(changed, () => undefined);
      // Chromium lets speech synthesis speak only after a gesture too; an empty utterance unlocks it.
      if (synth) synth.speak(new SpeechSynthesisUtterance(''));
    },
    setVolume(percent) {
      volume = Math.min(1, Math.max(0, percent / 100));
      if (gain) gain.gain.value = volume;
    },
    async play(step) {
      try {
        if (step.kind === 'speech') await speak(step.text, step.lang);
        else await playFiles(step.kind === 'chime' ? [step.file] : step.files);
      } catch {
        // A clip that would not load or decode: this step is silent; the next call still plays.
      }
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
