// Feeds the zone's calls from the store to the announcer as the state changes, and tells the page
// which call is being said. The store stays the one copy of server state; this only reads it.
import { useEffect, useRef, useState } from 'react';
import type { DisplaySettings } from '@jiaohao/shared/schemas';
import type { OfficeStore } from '@jiaohao/web';
import { callsInZone, zoneOf } from './model';
import { createAnnouncer } from './speech/announcer';
import type { SoundOutput } from './speech/output';
import type { CallJob } from './speech/queue';

/** Told on `window` as each call starts being spoken (for the people who test and monitor a display). */
export const ANNOUNCE_EVENT = 'jiaohao:announce';

export function useAnnouncer(store: OfficeStore, output: SoundOutput, settings: DisplaySettings): CallJob | null {
  const [speaking, setSpeaking] = useState<CallJob | null>(null);
  const settingsRef = useRef(settings);
  settingsRef.current = settings;
  useEffect(() => {
    const announcer = createAnnouncer({
      output,
      settings: () => settingsRef.current,
      counterNumber: (id) => store.getState().office?.counters[id]?.number,
      onSpeak: (job) => {
        setSpeaking(job);
        window.dispatchEvent(new CustomEvent(ANNOUNCE_EVENT, { detail: job }));
      },
    });
    const offer = () => {
      const { office, clockOffsetMs, status } = store.getState();
      if (!office || status !== 'online') return;
      announcer.offer(callsInZone(office, zoneOf(settingsRef.current)), office.seq, Date.now() + clockOffsetMs);
    };
    offer();
    return store.subscribe(offer);
  }, [store, output]);
  return speaking;
}
