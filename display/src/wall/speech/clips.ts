// Which recorded clips speak one call, and in what order: 「請 A 一零二三 號，到 五 號櫃台」,
// "Number, A one zero two three, please go to counter five". The clips and their names come from
// public/clips/manifest.json (display/scripts/make-clips.sh, CLIPS.md beside it); the player
// fetches, decodes and joins the files this returns. A pure function, so no call is ever spoken
// with a hole in it: a clip the manifest lacks makes the whole language silent instead.
import type { Language } from '@jiaohao/shared/schemas';

/** One language's clips: a clip's name (`please`, `digit-0`, `letter-A`, `counter-12`, …) → its file. */
export interface ClipSet {
  readonly clips: Readonly<Record<string, string>>;
}

/**
 * The shape of manifest.json. File names are relative to the clips folder (`zh-TW/please.mp3`), in
 * any format the browser decodes: an office's own recordings may change the extension.
 */
export interface ClipManifest {
  /** The format make-clips.sh wrote ("mp3"); for people only, each file's name says its own. */
  readonly format?: string;
  /** The chime before a call, once, whatever the languages; never part of a sentence. */
  readonly chime?: string;
  readonly languages: Readonly<Record<string, ClipSet | undefined>>;
}

const TICKET = { slot: 'ticket' } as const;
const COUNTER = { slot: 'counter' } as const;
/** A clip's name, or a slot: the ticket number letter by letter and digit by digit, or the counter. */
type Part = string | typeof TICKET | typeof COUNTER;

/** A language is spoken when it has a sentence here and its clips in the manifest. */
const SENTENCES: Readonly<Partial<Record<Language, readonly Part[]>>> = {
  // 請 一零二三 號，到 五 號櫃台
  'zh-TW': ['please', TICKET, 'number-suffix', 'to-counter', COUNTER, 'counter-suffix'],
  // Number, one zero two three, please go to counter twelve
  en: ['number', TICKET, 'please-go-to-counter', COUNTER],
};

// As in shared's schemas: a range's prefix is at most two capital letters and it shows at most six
// digits (NumberRange); a counter is numbered 1–999 (CounterNumber).
const TICKET_NUMBER = /^([A-Z]{0,2})([0-9]{1,6})$/;
const MAX_COUNTER = 999;
/** Counters up to here have a clip of their own (十二, "twelve"); above, one clip per digit. */
const WHOLE_COUNTERS = 99;

const own = <T>(record: Readonly<Record<string, T>>, key: string): T | undefined =>
  Object.hasOwn(record, key) ? record[key] : undefined;

const digitClips = (digits: string) => [...digits].map((d) => `digit-${d}`);

/**
 * The files to play, in order, for one call in one language (paths relative to the clips folder), or
 * null when the manifest cannot say it whole: no sentence or no clips for `lang`, a clip missing, a
 * ticket number that is not up to two capital letters then up to six digits (`A1023`), or a counter
 * outside 1–999. The ticket number is said letter by letter and digit by digit; counters 1–99 are
 * one clip each (`counter-12`: 十二, "twelve"); above 99, `counter-N` when the manifest has one, else
 * the digits one by one. The chime is not included (`manifest.chime`).
 */
export function clipSequence(
  manifest: ClipManifest,
  lang: Language | string,
  ticketNumber: string,
  counterNumber: number,
): string[] | null {
  const sentence = own(SENTENCES as Readonly<Record<string, readonly Part[]>>, lang);
  const set = own(manifest.languages, lang);
  if (!sentence || !set) return null;

  const ticket = TICKET_NUMBER.exec(ticketNumber);
  if (!ticket || !Number.isInteger(counterNumber) || counterNumber < 1 || counterNumber > MAX_COUNTER) return null;
  const [, letters = '', digits = ''] = ticket;
  const wholeCounter = `counter-${counterNumber}`;
  const counterClips =
    counterNumber <= WHOLE_COUNTERS || own(set.clips, wholeCounter) ? [wholeCounter] : digitClips(String(counterNumber));

  const names = sentence.flatMap((part) => {
    if (typeof part === 'string') return [part];
    if (part.slot === 'counter') return counterClips;
    return [...[...letters].map((l) => `letter-${l}`), ...digitClips(digits)];
  });
  const files: string[] = [];
  for (const name of names) {
    const file = own(set.clips, name);
    if (!file) return null;
    files.push(file);
  }
  return files;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isFile = (value: unknown): value is string => typeof value === 'string' && value !== '';

/**
 * manifest.json as fetched, checked: the manifest, or null when it is not one (an office edits this
 * file by hand, so a slip must be caught here, not as a call with a hole in it).
 */
export function parseClipManifest(value: unknown): ClipManifest | null {
  if (!isRecord(value) || !isRecord(value.languages)) return null;
  const { format, chime, languages } = value;
  if (format !== undefined && typeof format !== 'string') return null;
  if (chime !== undefined && !isFile(chime)) return null;
  const sets: [string, ClipSet][] = [];
  for (const [lang, set] of Object.entries(languages)) {
    if (!isRecord(set) || !isRecord(set.clips)) return null;
    const clips = Object.entries(set.clips);
    if (!clips.every(([, file]) => isFile(file))) return null;
    // fromEntries, not assignment: a key "__proto__" stays a key.
    sets.push([lang, { clips: Object.fromEntries(clips) as Record<string, string> }]);
  }
  return {
    ...(format === undefined ? {} : { format }),
    ...(chime === undefined ? {} : { chime }),
    languages: Object.fromEntries(sets),
  };
}
