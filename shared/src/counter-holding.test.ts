import { describe, expect, it } from 'vitest';
import { holderOf, isHeldByOther } from './counter-holding';
import { counter } from './testing/builders';

describe('counter holding', () => {
  const me = { id: 'staff-1', role: 'clerk' } as const;
  const other = { id: 'staff-2', role: 'clerk' } as const;

  it('the clerk who opened an open or paused counter holds it; a closed counter is nobody’s', () => {
    expect(holderOf(counter({ staffId: 'staff-1' }))).toBe('staff-1');
    expect(holderOf(counter({ status: 'paused', pauseReason: 'meal' }))).toBe('staff-1');
    expect(holderOf(counter({ status: 'closed' }))).toBeNull();
    expect(holderOf(counter({ staffId: null }))).toBeNull();
  });

  it('another clerk may not work at it; its holder may', () => {
    expect(isHeldByOther(counter(), other)).toBe(true);
    expect(isHeldByOther(counter({ status: 'paused', pauseReason: 'meal' }), other)).toBe(true);
    expect(isHeldByOther(counter(), me)).toBe(false);
    expect(isHeldByOther(counter({ status: 'closed' }), other)).toBe(false);
    expect(isHeldByOther(counter({ staffId: null }), other)).toBe(false);
  });

  it('supervisors and admins may act on any counter', () => {
    expect(isHeldByOther(counter(), { id: 'boss', role: 'supervisor' })).toBe(false);
    expect(isHeldByOther(counter(), { id: 'root', role: 'admin' })).toBe(false);
  });
});
