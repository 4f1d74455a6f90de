import { describe, expect, it } from 'vitest';
import { EVENT_AUDIENCES, isSentTo } from './event-audiences';
import { DOMAIN_EVENT_TYPES } from './events.schemas';

describe('EVENT_AUDIENCES', () => {
  it('covers every event type and no other', () => {
    expect(Object.keys(EVENT_AUDIENCES).sort()).toEqual([...DOMAIN_EVENT_TYPES].sort());
  });

  it('staff are sent everything; the public nothing (it reads the aggregate status)', () => {
    for (const type of DOMAIN_EVENT_TYPES) {
      expect(isSentTo('staff', type), type).toBe(true);
      expect(isSentTo('public', type), type).toBe(false);
    }
  });

  it('displays and kiosks get the queue, counters, lines, office and day, but no account or device changes', () => {
    for (const audience of ['display', 'kiosk'] as const) {
      expect(isSentTo(audience, 'staff:changed')).toBe(false);
      expect(isSentTo(audience, 'device:changed')).toBe(false);
      for (const type of ['ticket:called', 'ticket:recalled', 'counter:paused', 'service:updated', 'office:updated', 'policy:updated', 'day:started'] as const) {
        expect(isSentTo(audience, type), `${audience} ${type}`).toBe(true);
      }
    }
  });
});
