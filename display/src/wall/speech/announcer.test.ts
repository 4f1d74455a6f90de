import { describe, expect, it } from 'vitest';
import type { Language, RecentCall } from '@jiaohao/shared/schemas';
import manifestText from '../../../public/clips/manifest.json?raw';
import { parseClipManifest } from './clips';
import { createAnnouncer, type AnnouncerSettings } from './announcer';
import type { SoundOutput } from './output';
import type { Step } from './plan';

const T = Date.parse('2026-12-02T01:00:00.000Z');
const call = (seq: number, number: string, over: Partial<RecentCall> = {}): RecentCall => ({
  seq,
  at: new Date(T).toISOString(),
  ticketId: `t${number}`,
  number,
  serviceId: 'household',
  counterId: 'c5',
  language: 'zh-TW',
  recall: false,
  ...over,
});

/** A loudspeaker that records what it plays; each step ends when the test says so. */
class FakeOutput implements SoundOutput {
  blocked = false;
  readonly manifest = parseClipManifest(JSON.parse(manifestText));
  readonly played: Step[] = [];
  private ends: (() => void)[] = [];
  constructor(private readonly voices: Language[] = ['zh-TW', 'en']) {}
  hasVoice = (lang: Language) => this.voices.includes(lang);
  unlock() {
    this.blocked = false;
  }
  setVolume() {}
  play(step: Step) {
    this.played.push(step);
    return new Promise<void>((resolve) => this.ends.push(resolve));
  }
  /** Ends the step playing now; lets the announcer go on to the next. */
  async finishOne() {
    this.ends.shift()?.();
    await new Promise((r) => setTimeout(r, 0));
  }
  async finishAll() {
    while (this.ends.length > 0) await this.finishOne();
  }
  onChange() {
    return () => undefined;
  }
  spoken = () => this.played.flatMap((s) => (s.kind === 'speech' ? [s.text] : []));
}

const settings: AnnouncerSettings = { languages: ['en'], repeat: 1, voice: 'auto', volume: 80 };
const setup = (over: Partial<AnnouncerSettings> = {}) => {
  const output = new FakeOutput();
  const started: string[] = [];
  const announcer = createAnnouncer({ output, settings: () => ({ ...settings, ...over }), counterNumber: (id) => (id === 'c5' ? 5 : undefined), onSpeak: (j) => started.push(j.number) });
  // The display's first state (seq 9) is history; the calls offered after it are new.
  announcer.offer([], 9, T);
  return { output, announcer, started };
};

describe('the announcer', () => {
  it('says calls that arrive together one after another, never cutting one off', async () => {
    const { output, announcer, started } = setup();
    announcer.offer([call(10, '1001')], 10, T);
    announcer.offer([call(11, '1002'), call(10, '1001')], 11, T);
    announcer.offer([call(12, '1003', { language: 'en' }), call(11, '1002'), call(10, '1001')], 12, T);
    // The first call is still being said: nothing of the second has started.
    expect(started).toEqual(['1001']);
    expect(output.played.map((s) => s.kind)).toEqual(['chime']);
    await output.finishAll();
    await announcer.idle();
    expect(started).toEqual(['1001', '1002', '1003']);
    expect(output.spoken()).toEqual([
      '請 1 0 0 1 號，到 5 號櫃台',
      '請 1 0 0 2 號，到 5 號櫃台',
      '請 1 0 0 3 號，到 5 號櫃台',
      'Number 1 0 0 3, please go to counter 5',
    ]);
  });

  it('says a recall again, and a call replayed by a snapshot not at all', async () => {
    const { output, announcer } = setup();
    announcer.offer([call(10, '1001')], 10, T);
    await output.finishAll();
    announcer.offer([call(10, '1001')], 10, T + 2_000);
    announcer.offer([call(11, '1001', { recall: true, at: new Date(T + 60_000).toISOString() }), call(10, '1001')], 11, T + 60_000);
    await output.finishAll();
    await announcer.idle();
    expect(output.spoken()).toEqual(['請 1 0 0 1 號，到 5 號櫃台', '請 1 0 0 1 號，到 5 號櫃台']);
  });

  it('stays silent while sound is blocked or the volume is 0, and does not read the backlog out later', async () => {
    const { output, announcer } = setup();
    output.blocked = true;
    announcer.offer([call(10, '1001')], 10, T);
    await announcer.idle();
    output.unlock();
    announcer.offer([call(10, '1001')], 10, T);
    await announcer.idle();
    expect(output.played).toEqual([]);
    const muted = setup({ volume: 0 });
    muted.announcer.offer([call(10, '1001')], 10, T);
    await muted.announcer.idle();
    expect(muted.output.played).toEqual([]);
  });

  it('skips a call to a counter it does not know instead of stopping', async () => {
    const { output, announcer, started } = setup();
    announcer.offer([call(10, '1001', { counterId: 'gone' }), call(11, '1002')], 11, T);
    await output.finishAll();
    await announcer.idle();
    expect(started).toEqual(['1002']);
  });
});
