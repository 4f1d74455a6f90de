import { describe, expect, it } from 'vitest';
// ?raw: the file as text, the way the display fetches it (and no JSON import from outside src/).
import shippedText from '../../../public/clips/manifest.json?raw';
import { clipSequence, parseClipManifest, type ClipManifest } from './clips';

const LETTERS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Every clip make-clips.sh writes, named as it names them; `drop` leaves some out. */
function manifest({ drop = [] as string[], add = [] as string[] } = {}): ClipManifest {
  const common = [
    ...range(0, 9).map((d) => `digit-${d}`),
    ...LETTERS.map((l) => `letter-${l}`),
    ...range(1, 99).map((n) => `counter-${n}`),
  ];
  const set = (lang: string, phrases: string[]) => ({
    clips: Object.fromEntries(
      [...phrases, ...common, ...add]
        .filter((name) => !drop.includes(`${lang}/${name}`))
        .map((name) => [name, `${lang}/${name}.mp3`]),
    ),
  });
  return {
    format: 'mp3',
    chime: 'chime.mp3',
    languages: {
      'zh-TW': set('zh-TW', ['please', 'number-suffix', 'to-counter', 'counter-suffix']),
      en: set('en', ['number', 'please-go-to-counter']),
    },
  };
}

/** The sequence without folder and extension, to read like the sentence. */
const say = (m: ClipManifest, lang: string, ticket: string, counter: number) =>
  clipSequence(m, lang, ticket, counter)?.map((file) => file.replace(/^[^/]+\//, '').replace(/\.mp3$/, '')) ?? null;

describe('clipSequence', () => {
  const m = manifest();

  it('says 「請 一零二三 號，到 五 號櫃台」, digit by digit, the counter as a number', () => {
    expect(clipSequence(m, 'zh-TW', '1023', 5)).toEqual([
      'zh-TW/please.mp3',
      'zh-TW/digit-1.mp3',
      'zh-TW/digit-0.mp3',
      'zh-TW/digit-2.mp3',
      'zh-TW/digit-3.mp3',
      'zh-TW/number-suffix.mp3',
      'zh-TW/to-counter.mp3',
      'zh-TW/counter-5.mp3',
      'zh-TW/counter-suffix.mp3',
    ]);
  });

  it('says "Number, one zero two three, please go to counter five"', () => {
    expect(clipSequence(m, 'en', '1023', 5)).toEqual([
      'en/number.mp3',
      'en/digit-1.mp3',
      'en/digit-0.mp3',
      'en/digit-2.mp3',
      'en/digit-3.mp3',
      'en/please-go-to-counter.mp3',
      'en/counter-5.mp3',
    ]);
  });

  it('says a letter prefix letter by letter before the digits', () => {
    expect(say(m, 'zh-TW', 'A0042', 3)).toEqual([
      'please',
      'letter-A',
      'digit-0',
      'digit-0',
      'digit-4',
      'digit-2',
      'number-suffix',
      'to-counter',
      'counter-3',
      'counter-suffix',
    ]);
    expect(say(m, 'en', 'PB7', 3)).toEqual(['number', 'letter-P', 'letter-B', 'digit-7', 'please-go-to-counter', 'counter-3']);
    expect(say(m, 'en', 'Z123456', 1)?.length).toBe(10);
  });

  it('says counters up to 99 as one number (十二, "twelve") and above 99 digit by digit', () => {
    expect(say(m, 'zh-TW', '1023', 12)?.slice(-2)).toEqual(['counter-12', 'counter-suffix']);
    expect(say(m, 'en', '1023', 12)?.slice(-1)).toEqual(['counter-12']);
    expect(say(m, 'zh-TW', '1023', 120)?.slice(-4)).toEqual(['digit-1', 'digit-2', 'digit-0', 'counter-suffix']);
    expect(say(m, 'en', '1023', 120)?.slice(-4)).toEqual(['please-go-to-counter', 'digit-1', 'digit-2', 'digit-0']);
    expect(say(m, 'en', '1023', 999)?.slice(-3)).toEqual(['digit-9', 'digit-9', 'digit-9']);
  });

  it('uses a whole-number clip above 99 when the office recorded one', () => {
    expect(say(manifest({ add: ['counter-120'] }), 'zh-TW', '1023', 120)?.slice(-2)).toEqual([
      'counter-120',
      'counter-suffix',
    ]);
  });

  it('gives null for a language it has no sentence or no clips for', () => {
    expect(clipSequence(m, 'vi', '1023', 5)).toBeNull(); // a kiosk language, not spoken (yet)
    expect(clipSequence(m, 'fr', '1023', 5)).toBeNull();
    expect(clipSequence(m, 'constructor', '1023', 5)).toBeNull();
    expect(clipSequence(m, '__proto__', '1023', 5)).toBeNull();
    expect(clipSequence({ languages: { 'zh-TW': m.languages['zh-TW'] } }, 'en', '1023', 5)).toBeNull();
    expect(clipSequence({ languages: { vi: m.languages.en } }, 'vi', '1023', 5)).toBeNull();
  });

  it('gives null, never a sentence with a hole, when the manifest lacks a clip the call needs', () => {
    const noSeven = manifest({ drop: ['zh-TW/digit-7'] });
    expect(clipSequence(noSeven, 'zh-TW', '1023', 5)).not.toBeNull();
    expect(clipSequence(noSeven, 'zh-TW', '1073', 5)).toBeNull();
    expect(clipSequence(noSeven, 'zh-TW', '1023', 107)).toBeNull();
    expect(clipSequence(noSeven, 'en', '1073', 5)).not.toBeNull(); // the other language is whole
    // A whole-number counter is never stood in for by its digits.
    expect(clipSequence(manifest({ drop: ['zh-TW/counter-12'] }), 'zh-TW', '1023', 12)).toBeNull();
    expect(clipSequence(manifest({ drop: ['en/please-go-to-counter'] }), 'en', '1023', 5)).toBeNull();
    expect(clipSequence(manifest({ drop: ['en/letter-Q'] }), 'en', 'Q1', 5)).toBeNull();
    // A clip name the manifest does not have as its own key.
    expect(clipSequence(m, 'en', 'A1', 5)).not.toBeNull();
    const withoutNumber = { languages: { en: { clips: { ...m.languages.en?.clips, number: '' } } } };
    expect(clipSequence(withoutNumber, 'en', 'A1', 5)).toBeNull();
  });

  it('gives null for a ticket number that is not letters then digits, or a counter outside 1–999', () => {
    for (const bad of ['', 'A', 'a12', 'ABC1', '1234567', '10-23', ' 1023', '1023 ', '1A23', '１０２３', '12.5']) {
      expect(clipSequence(m, 'en', bad, 5), bad).toBeNull();
    }
    for (const bad of [0, -1, 1000, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(clipSequence(m, 'en', '1023', bad), String(bad)).toBeNull();
    }
  });
});

describe('parseClipManifest', () => {
  it('takes a manifest as make-clips.sh writes it', () => {
    const m = manifest();
    expect(parseClipManifest(JSON.parse(JSON.stringify(m)))).toEqual(m);
    expect(parseClipManifest({ languages: {} })).toEqual({ languages: {} });
  });

  it('refuses what is not one', () => {
    for (const bad of [
      null,
      'manifest',
      [],
      {},
      { languages: [] },
      { languages: { en: { clips: { number: 1 } } } },
      { languages: { en: { clips: { number: '' } } } },
      { languages: { en: { number: 'en/number.mp3' } } },
      { languages: {}, chime: '' },
      { languages: {}, format: 3 },
    ]) {
      expect(parseClipManifest(bad), JSON.stringify(bad)).toBeNull();
    }
  });

  it('keeps a language named "__proto__" as a key, not a prototype', () => {
    const parsed = parseClipManifest(JSON.parse('{"languages":{"__proto__":{"clips":{"number":"x.mp3"}}}}'));
    expect(parsed && Object.hasOwn(parsed.languages, '__proto__')).toBe(true);
    expect(parsed && Object.getPrototypeOf(parsed.languages)).toBe(Object.prototype);
  });
});

describe('the shipped clips (public/clips/manifest.json)', () => {
  const shipped = parseClipManifest(JSON.parse(shippedText));

  it('is a manifest with a chime', () => {
    expect(shipped).not.toBeNull();
    expect(shipped?.chime).toBeTruthy();
  });

  it.each(['zh-TW', 'en'])('say every letter, digit and counter 1–999 in %s', (lang) => {
    if (!shipped) throw new Error('manifest.json did not parse');
    for (const letter of LETTERS) expect(clipSequence(shipped, lang, `${letter}${letter}012345`, 1), letter).not.toBeNull();
    expect(clipSequence(shipped, lang, '6789', 1)).not.toBeNull();
    for (const counter of range(1, 999)) expect(clipSequence(shipped, lang, '1', counter), String(counter)).not.toBeNull();
  });
});
