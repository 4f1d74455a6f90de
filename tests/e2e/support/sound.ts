// Listening to a wall display: sound-spy.js, loaded before the page's own scripts, records what the
// page asks speechSynthesis to say (window.__spoken) and every audio buffer it plays (window.__played).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

const SOUND_SPY = join(dirname(fileURLToPath(import.meta.url)), 'sound-spy.js');

export interface Spoken {
  readonly text: string;
  readonly lang: string;
}

/** Spies on the page's speech and audio before it loads, with a Mandarin and an English voice, or none. */
export async function spyOnSound(page: Page, voices: 'voices' | 'none'): Promise<void> {
  await page.addInitScript(`window.__spyVoices = ${voices === 'voices'};`);
  await page.addInitScript({ path: SOUND_SPY });
}

/** What the page said so far, oldest first. */
export const spoken = (page: Page): Promise<Spoken[]> => page.evaluate('window.__spoken') as Promise<Spoken[]>;

/** How a wall display says a call in Mandarin: digit by digit, then the counter. */
export const spokenCall = (number: string, counter: number): string => `請 ${[...number].join(' ')} 號，到 ${counter} 號櫃台`;
