import { describe, expect, it } from 'vitest';
import { eTicketPath } from './links';

describe('links', () => {
  it('puts the tracking token in the e-ticket path, escaped', () => {
    expect(eTicketPath('abc_DEF-123')).toBe('/t/abc_DEF-123');
    expect(eTicketPath('a/b')).toBe('/t/a%2Fb');
  });
});
