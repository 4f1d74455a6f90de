import { describe, expect, it } from 'vitest';
import type { Language } from '@jiaohao/shared/schemas';
import manifestText from '../../../public/clips/manifest.json?raw';
import { parseClipManifest } from './clips';
import { callLanguages, callSentence, planCall, spelled, type SpeechMeans } from './plan';
import type { CallJob } from './queue';

const manifest = parseClipManifest(JSON.parse(manifestText))!;
const job = (over: Partial<CallJob> = {}): CallJob => ({ seq: 1, number: '1023', counterId: 'c5', language: 'zh-TW', recall: false, ...over });
const means = (voices: Language[] = []): SpeechMeans => ({ hasVoice: (l) => voices.includes(l), manifest });
const settings = { languages: ['en'] as Language[], repeat: 1, voice: 'auto' as const };

describe('saying a call', () => {
  it('speaks Mandarin always, and the resident’s language only when the display speaks it', () => {
    expect(callLanguages(job(), settings)).toEqual(['zh-TW']);
    expect(callLanguages(job({ language: 'en' }), settings)).toEqual(['zh-TW', 'en']);
    expect(callLanguages(job({ language: 'vi' }), settings)).toEqual(['zh-TW']);
    expect(callLanguages(job({ language: 'vi' }), { languages: ['vi'] })).toEqual(['zh-TW', 'vi']);
  });

  it('reads the number one character at a time, in each language’s sentence', () => {
    expect(spelled('A012')).toBe('A 0 1 2');
    expect(callSentence('zh-TW', '1023', 5)).toBe('請 1 0 2 3 號，到 5 號櫃台');
    expect(callSentence('en', '1023', 5)).toBe('Number 1 0 2 3, please go to counter 5');
  });

  it('uses the browser’s voice where there is one, else the clips: chime, then the sentence', () => {
    const steps = planCall(job({ language: 'en' }), 5, settings, means(['zh-TW']));
    expect(steps.map((s) => s.kind)).toEqual(['chime', 'speech', 'clips']);
    expect(steps[1]).toEqual({ kind: 'speech', lang: 'zh-TW', text: '請 1 0 2 3 號，到 5 號櫃台' });
    expect(steps[2]).toMatchObject({ kind: 'clips', lang: 'en' });
    const clips = steps[2]!.kind === 'clips' ? steps[2]!.files : [];
    const en = manifest.languages.en!.clips;
    expect(clips).toEqual(['number', 'digit-1', 'digit-0', 'digit-2', 'digit-3', 'please-go-to-counter', 'counter-5'].map((n) => en[n]));
  });

  it('always uses the clips (an office’s own recordings) when set so, and repeats the sentence, not the chime', () => {
    const steps = planCall(job(), 12, { ...settings, voice: 'clips', repeat: 2 }, means(['zh-TW', 'en']));
    expect(steps.map((s) => s.kind)).toEqual(['chime', 'clips', 'clips']);
    expect(steps[1]).toEqual(steps[2]);
  });

  it('leaves out a language with neither a voice nor clips rather than saying half of it', () => {
    const steps = planCall(job({ language: 'th' }), 5, { ...settings, languages: ['th'] }, means());
    expect(steps.map((s) => (s.kind === 'chime' ? 'chime' : s.lang))).toEqual(['chime', 'zh-TW']);
    // Before the manifest loads, and with no voice: nothing to say at all.
    expect(planCall(job(), 5, settings, { hasVoice: () => false, manifest: null })).toEqual([]);
  });
});
