import { describe, expect, it } from 'vitest';
import { ifNoneMatchHits } from './etag';

describe('ifNoneMatchHits (RFC 9110 weak comparison)', () => {
  const etag = '"abc"';

  it.each([
    ['"abc"', true],
    ['W/"abc"', true],
    ['*', true],
    [' * ', true],
    ['"x", "abc"', true],
    ['"x",W/"abc"', true],
    ['"x" , "y"', false],
    ['"abcd"', false],
    ['"ab"', false],
    ['abc', false],
    ['', false],
    ['W/"x", *', false],
  ])('%j → %s', (header, hit) => {
    expect(ifNoneMatchHits(header, etag)).toBe(hit);
  });

  it('a weak current ETag matches its strong form too', () => {
    expect(ifNoneMatchHits('"abc"', 'W/"abc"')).toBe(true);
  });

  it('reads repeated headers and an absent one', () => {
    expect(ifNoneMatchHits(['"x"', '"abc"'], etag)).toBe(true);
    expect(ifNoneMatchHits(undefined, etag)).toBe(false);
  });
});
