import { describe, expect, it } from 'vitest';
import { pairingLink, sortDevices } from './devices';

describe('pairing a device', () => {
  it('the link opens the client of its kind with the token in the fragment', () => {
    expect(pairingLink('https://office.example', 'display', 'dev_abc-123')).toBe('https://office.example/display/#token=dev_abc-123');
    expect(pairingLink('https://office.example', 'kiosk', 'a+b')).toBe('https://office.example/kiosk/#token=a%2Bb');
  });

  it('lists devices in use first, newest first', () => {
    const d = (id: string, createdAt: string, revokedAt: string | null = null) => ({ id, kind: 'kiosk' as const, name: id, createdAt, revokedAt, lastSeenAt: null, display: null });
    expect(sortDevices([d('old', '2024-01-01T00:00:00Z'), d('gone', '2024-06-01T00:00:00Z', '2024-06-02T00:00:00Z'), d('new', '2024-05-01T00:00:00Z')]).map((x) => x.id)).toEqual(['new', 'old', 'gone']);
  });
});
