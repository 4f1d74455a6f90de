// The wall display's spoken-call clips (display/public/clips/, made by display/scripts/make-clips.sh):
// the manifest lists every clip the display's sentences can ask for, in both spoken languages, and
// every file it lists is there, decodes, and is long and loud enough to be a word. Decoded with sox,
// which scripts/setup.sh installs; without it this fails rather than skips.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLIPS = join(ROOT, 'display', 'public', 'clips');

const MIN_SECONDS = 0.15;
/** RMS amplitude (full scale 1) under which a clip counts as silent; the generated ones are ~0.09. */
const MIN_RMS = 0.01;
/** The display may load every clip; the generated set is ~600 KB. */
const MAX_TOTAL_BYTES = 1024 * 1024;

// What display/src/wall/speech/clips.ts asks for (its sentences, and the ticket and counter slots).
const LETTERS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const SLOTS = [
  ...range(0, 9).map((d) => `digit-${d}`),
  ...LETTERS.map((l) => `letter-${l}`),
  ...range(1, 99).map((n) => `counter-${n}`),
];
const NEEDED: Record<string, string[]> = {
  'zh-TW': ['please', 'number-suffix', 'to-counter', 'counter-suffix', ...SLOTS],
  en: ['number', 'please-go-to-counter', ...SLOTS],
};

interface Manifest {
  format?: string;
  chime?: string;
  languages: Record<string, { clips: Record<string, string> } | undefined>;
}

const SETUP_HINT = 'run scripts/setup.sh (as root it installs sox and libsox-fmt-mp3)';

/** sox's `stat` of one file: its length and RMS amplitude; throws with sox's message when it cannot decode it. */
function soxStat(file: string): { seconds: number; rms: number } {
  const run = spawnSync('sox', [file, '-n', 'stat'], { encoding: 'utf8' });
  if (run.error) throw new Error(`cannot run sox (${run.error.message}): ${SETUP_HINT}`);
  if (run.status !== 0) throw new Error(`sox cannot decode it: ${run.stderr.trim()}`);
  const field = (pattern: RegExp) => {
    const value = pattern.exec(run.stderr)?.[1];
    if (value === undefined) throw new Error(`no ${pattern.source} in sox's stat:\n${run.stderr}`);
    return Number(value);
  };
  return { seconds: field(/^Length \(seconds\):\s+([\d.]+)/m), rms: field(/^RMS\s+amplitude:\s+([\d.]+)/m) };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

describe('the display clips', () => {
  let manifest: Manifest;
  let listed: string[];

  beforeAll(() => {
    manifest = JSON.parse(readFileSync(join(CLIPS, 'manifest.json'), 'utf8')) as Manifest;
    listed = [
      ...(manifest.chime ? [manifest.chime] : []),
      ...Object.values(manifest.languages).flatMap((set) => Object.values(set?.clips ?? {})),
    ];
  });

  it('can be decoded here: sox is installed and reads MP3', () => {
    const help = spawnSync('sox', ['-h'], { encoding: 'utf8' });
    if (help.error) throw new Error(`sox is not installed: ${SETUP_HINT}`);
    const formats = /^AUDIO FILE FORMATS:(.*)$/m.exec(help.stdout)?.[1]?.split(/\s+/) ?? [];
    if (!formats.includes('mp3')) throw new Error(`sox cannot read MP3 (libsox-fmt-mp3 is missing): ${SETUP_HINT}`);
  });

  it.each(Object.keys(NEEDED))('lists every clip a call in %s can need', (lang) => {
    const clips = manifest.languages[lang]?.clips ?? {};
    expect(NEEDED[lang]?.filter((name) => !Object.hasOwn(clips, name))).toEqual([]);
  });

  it('lists a chime, and files inside the clips folder only', () => {
    expect(manifest.chime).toBeTruthy();
    const outside = (file: string) =>
      isAbsolute(file) || file.includes(':') || relative(CLIPS, join(CLIPS, file)).startsWith('..');
    expect(listed.filter(outside)).toEqual([]);
  });

  it('has every file it lists, and no file it does not', () => {
    expect(listed.filter((file) => !existsSync(join(CLIPS, file)))).toEqual([]);
    const onDisk = filesUnder(CLIPS).map((path) => relative(CLIPS, path).split(sep).join('/'));
    expect(onDisk.filter((file) => file !== 'manifest.json' && !listed.includes(file))).toEqual([]);
  });

  it(`decodes every file, each at least ${MIN_SECONDS} s long and not silent`, () => {
    const problems: string[] = [];
    for (const file of listed) {
      try {
        const { seconds, rms } = soxStat(join(CLIPS, file));
        if (seconds < MIN_SECONDS) problems.push(`${file}: ${seconds} s long`);
        if (rms < MIN_RMS) problems.push(`${file}: RMS amplitude ${rms}, silent`);
      } catch (error) {
        // sox missing is one failure for all, not one per file.
        if (String(error).includes(SETUP_HINT)) throw error;
        problems.push(`${file}: ${(error as Error).message}`);
      }
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it('stays under 1 MB in all', () => {
    const total = filesUnder(CLIPS).reduce((sum, path) => sum + statSync(path).size, 0);
    expect(total).toBeLessThan(MAX_TOTAL_BYTES);
  });
});
