// How one call is said (pure): a chime, then the sentence in Mandarin, then in the resident's
// language when the display speaks it — by the browser's voice where one exists (and the display
// allows it), else by the shipped clips; a language with neither is left out. The whole is said
// `repeat` times, the chime once.
import { DISPLAY_SPEECH } from '@jiaohao/shared/catalogs';
import type { DisplaySettings, Language } from '@jiaohao/shared/schemas';
import { clipSequence, type ClipManifest } from './clips';
import type { CallJob } from './queue';

export type Step =
  | { readonly kind: 'chime'; readonly file: string }
  | { readonly kind: 'speech'; readonly lang: Language; readonly text: string }
  | { readonly kind: 'clips'; readonly lang: Language; readonly files: readonly string[] };

export type SpeechSettings = Pick<DisplaySettings, 'languages' | 'repeat' | 'voice'>;

/** The languages a call is said in: Mandarin always, then the resident's if the display speaks it. */
export function callLanguages(job: Pick<CallJob, 'language'>, settings: Pick<SpeechSettings, 'languages'>): Language[] {
  return job.language !== 'zh-TW' && settings.languages.includes(job.language) ? ['zh-TW', job.language] : ['zh-TW'];
}

/** A ticket number as a voice should read it: one character at a time ("A 1 0 2 3"), not "one thousand…". */
export const spelled = (number: string): string => [...number].join(' ');

/** The sentence a voice reads for a call in `lang`. */
export function callSentence(lang: Language, number: string, counterNumber: number): string {
  return DISPLAY_SPEECH.t(lang, 'speech.call').replace('{{number}}', spelled(number)).replace('{{counter}}', String(counterNumber));
}

export interface SpeechMeans {
  /** Whether the browser has a voice for `lang`. */
  hasVoice(lang: Language): boolean;
  /** The clips shipped with the display, or null while (or if never) loaded. */
  readonly manifest: ClipManifest | null;
}

export function planCall(job: CallJob, counterNumber: number, settings: SpeechSettings, means: SpeechMeans): Step[] {
  const sentence: Step[] = [];
  for (const lang of callLanguages(job, settings)) {
    if (settings.voice === 'auto' && means.hasVoice(lang)) {
      sentence.push({ kind: 'speech', lang, text: callSentence(lang, job.number, counterNumber) });
      continue;
    }
    const files = means.manifest ? clipSequence(means.manifest, lang, job.number, counterNumber) : null;
    if (files) sentence.push({ kind: 'clips', lang, files });
  }
  const chime: Step[] = means.manifest?.chime ? [{ kind: 'chime', file: means.manifest.chime }] : [];
  const times = Math.max(1, settings.repeat);
  return [...chime, ...Array.from({ length: times }, () => sentence).flat()];
}
