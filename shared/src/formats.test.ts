import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { IsoDateTime } from './domain.schemas';
import './formats';

describe('date-time format', () => {
  it('accepts ISO 8601 date-times with a zone, and nothing else', () => {
    expect(Value.Check(IsoDateTime, '2026-12-01T01:00:00.000Z')).toBe(true);
    expect(Value.Check(IsoDateTime, '2026-12-01T09:00:00+08:00')).toBe(true);
    expect(Value.Check(IsoDateTime, 'tomorrow')).toBe(false);
    expect(Value.Check(IsoDateTime, '2026-12-01 09:00')).toBe(false);
    expect(Value.Check(IsoDateTime, '2026-12-01T09:00:00')).toBe(false); // no zone: ambiguous
    expect(Value.Check(IsoDateTime, '2026-13-45T25:00:00Z')).toBe(false); // right shape, not a date
  });
});
