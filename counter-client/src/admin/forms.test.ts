import { describe, expect, it } from 'vitest';
import { ApiError } from '../connection/api';
import { apiError, changed, nearestField, refusalField, refusedPath, withoutPath } from './forms';
import { SERVICE_REFUSALS } from './service-form';
import { COUNTER_REFUSALS } from './counter-form';
import { STAFF_REFUSALS } from './staff-form';

describe('where a refusal is shown', () => {
  it('a validation refusal names its path in the message (socket) or in its details (REST)', () => {
    expect(refusedPath({ code: 'validation_failed', message: '/numbering/start: Expected integer' })).toBe('/numbering/start');
    expect(refusedPath({ code: 'validation_failed', message: 'bad', details: [{ path: '/code', message: 'too long' }] })).toBe('/code');
    expect(refusedPath({ code: 'validation_failed', message: 'payload: invalid' })).toBeNull();
  });

  it('goes beside the nearest field the path falls in, else to the top', () => {
    expect(nearestField('/documents/en/3', SERVICE_REFUSALS.fields)).toBe('/documents/en');
    expect(refusalField({ code: 'validation_failed', message: '/names/zh-TW: Expected string length greater or equal to 1' }, SERVICE_REFUSALS)).toBe('/names/zh-TW');
    expect(refusalField({ code: 'validation_failed', message: '/unknown: no' }, SERVICE_REFUSALS)).toBeNull();
  });

  it('a range refusal goes to the ranges; a duplicate to the field it duplicates', () => {
    expect(refusalField({ code: 'invalid_range', message: 'Number ranges overlap those of passport' }, SERVICE_REFUSALS)).toBe('/ranges');
    expect(refusalField({ code: 'conflict', message: 'Code A is used by household' }, SERVICE_REFUSALS)).toBe('/code');
    // The field the server names comes first, whatever the words.
    expect(refusalField({ code: 'conflict', message: 'Taken', details: [{ path: '/code', message: 'taken' }] }, SERVICE_REFUSALS)).toBe('/code');
    expect(refusalField({ code: 'conflict', message: 'Service household exists' }, SERVICE_REFUSALS)).toBe('/id');
    expect(refusalField({ code: 'conflict', message: 'Counter number 3 is taken' }, COUNTER_REFUSALS)).toBe('/number');
    expect(refusalField({ code: 'validation_failed', message: 'No service nope' }, COUNTER_REFUSALS)).toBe('/serviceIds');
    expect(refusalField({ code: 'conflict', message: 'Username mei is taken' }, STAFF_REFUSALS)).toBe('/username');
    expect(refusalField({ code: 'conflict', message: 'This is the last active admin account; make someone else an admin first' }, STAFF_REFUSALS)).toBeNull();
    expect(refusalField({ code: 'not_connected', message: 'not connected' }, SERVICE_REFUSALS)).toBeNull();
  });

  it('beside its field, the message loses the path', () => {
    expect(withoutPath({ code: 'validation_failed', message: '/code: Expected string' }).message).toBe('Expected string');
  });
});

describe('patches and REST failures', () => {
  it('a patch holds the fields that differ, whatever the key order; null when none do', () => {
    expect(changed({ a: 1, names: { en: 'x', 'zh-TW': 'y' } }, { a: 1, names: { 'zh-TW': 'y', en: 'x' } })).toBeNull();
    expect(changed({ a: 2, b: [1, 2] }, { a: 1, b: [1, 2] })).toEqual({ a: 2 });
  });

  it('a REST failure reads as an ack error', () => {
    expect(apiError(new ApiError(403, { code: 'forbidden', message: 'no' }))).toEqual({ code: 'forbidden', message: 'no' });
    expect(apiError(new ApiError(0, null)).code).toBe('not_connected');
  });
});
