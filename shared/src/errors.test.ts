import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { DomainError, ERROR_CODES, ERROR_STATUS, ErrorBody, ErrorResponse, type ErrorCode } from './errors';
import { allocateNumber } from './numbering';
import { checkReason } from './tickets.transitions';

describe('ERROR_STATUS', () => {
  it('follows the contract of DESIGN §4', () => {
    expect(ERROR_STATUS.validation_failed).toBe(400);
    expect(ERROR_STATUS.unauthenticated).toBe(401);
    expect(ERROR_STATUS.forbidden).toBe(403);
    expect(ERROR_STATUS.not_found).toBe(404);
    expect(ERROR_STATUS.invalid_transition).toBe(409);
    expect(ERROR_STATUS.rate_limited).toBe(429);
    expect(ERROR_STATUS.internal).toBe(500);
  });

  it('only a bug (internal), a missing client build and the storage faults are server errors', () => {
    expect(ERROR_CODES.filter((c) => ERROR_STATUS[c] >= 500)).toEqual(['internal', 'client_not_built', 'storage_full', 'storage_read_only', 'storage_failed']);
    expect(ERROR_STATUS.storage_full).toBe(507);
  });

  it('has a status for the codes the domain rules return', () => {
    const fromRules: ErrorCode[] = [];
    const reason = checkReason('cancel', null);
    if (!reason.ok) fromRules.push(reason.code);
    const invalid = checkReason('cancel', 'nonsense');
    if (!invalid.ok) fromRules.push(invalid.code);
    const alloc = allocateNumber({ start: 1, end: 1, digits: 1, prefix: '', onExhausted: 'refuse' }, { last: 1, cycle: 0 });
    if (!alloc.ok) fromRules.push(alloc.code);
    expect(fromRules).toEqual(['reason_required', 'invalid_reason', 'range_exhausted']);
    for (const code of fromRules) expect(ERROR_STATUS[code]).toBe(code === 'range_exhausted' ? 409 : 400);
  });
});

describe('DomainError', () => {
  it('is an Error with a name, a code and a message', () => {
    const e = new DomainError('not_found', 'No such ticket');
    expect(e).toBeInstanceOf(Error);
    expect(e).toBeInstanceOf(DomainError);
    expect(e.name).toBe('DomainError');
    expect(e.code).toBe('not_found');
    expect(e.message).toBe('No such ticket');
    expect(e.details).toBeUndefined();
    expect(String(e)).toBe('DomainError: No such ticket');
  });

  it('gives 409 for a wrong state and 429 for a lockout', () => {
    expect(new DomainError('invalid_transition', 'Ticket is done').status).toBe(409);
    expect(new DomainError('locked_out', 'Too many attempts').status).toBe(429);
  });

  it('toBody gives code and message, and no details key without details', () => {
    const body = new DomainError('invalid_transition', 'Cannot finish a waiting ticket').toBody();
    expect(body).toEqual({ code: 'invalid_transition', message: 'Cannot finish a waiting ticket' });
    expect('details' in body).toBe(false);
  });

  it('toBody includes details when given, even falsy ones', () => {
    expect(new DomainError('validation_failed', 'Bad body', { field: 'serviceId' }).toBody()).toEqual({
      code: 'validation_failed',
      message: 'Bad body',
      details: { field: 'serviceId' },
    });
    expect(new DomainError('validation_failed', 'Bad body', null).toBody()).toEqual({
      code: 'validation_failed',
      message: 'Bad body',
      details: null,
    });
    expect(new DomainError('conflict', 'x', 0).toBody().details).toBe(0);
  });

  it('never carries a stack trace in its body', () => {
    const body = new DomainError('internal', 'Something failed', { step: 'commit' }).toBody();
    expect(JSON.stringify(body)).not.toContain('at ');
    expect(Object.keys(body).sort()).toEqual(['code', 'details', 'message']);
  });

  it('its body fits the error response schema', () => {
    for (const code of ERROR_CODES) {
      const body = new DomainError(code, `failed: ${code}`).toBody();
      expect(Value.Check(ErrorBody, body)).toBe(true);
      expect(Value.Check(ErrorResponse, { error: body })).toBe(true);
    }
    expect(Value.Check(ErrorResponse, { error: new DomainError('forbidden', 'no', { role: 'clerk' }).toBody() })).toBe(true);
    // The schema is a closed list: an unknown code does not fit.
    expect(Value.Check(ErrorBody, { code: 'teapot', message: 'x' })).toBe(false);
  });
});
