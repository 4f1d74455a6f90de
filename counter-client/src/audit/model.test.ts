// The audit view's words cover every code the server records: a reason, a pick rule or a kind of
// move without a label would show the bare code to the supervisor.
import { describe, expect, it } from 'vitest';
import { COUNTER_AUDIT } from '@jiaohao/shared/catalogs';
import { PICK_REASONS, REASONS, SYSTEM_REASONS } from '@jiaohao/shared/rules';
import { AUDIT_ENTRY_KINDS } from '@jiaohao/shared/schemas';
import { dateTime, timeOfDay } from './model';

const keys = new Set<string>(COUNTER_AUDIT.keys);

describe('the audit labels', () => {
  it('name every reason a ticket move records, the server’s own included', () => {
    const moves = ['call', 'no_show', 'requeue', 'transfer', 'cancel', 'expire', 'return'] as const;
    const codes = [...moves.flatMap((m) => REASONS[m]), ...Object.values(SYSTEM_REASONS).flat()];
    expect(codes.filter((c) => !keys.has(`audit.reason.${c}`))).toEqual([]);
  });

  it('name every rule of call-next and every kind of entry', () => {
    expect(PICK_REASONS.filter((r) => !keys.has(`audit.rule.${r}`))).toEqual([]);
    expect(AUDIT_ENTRY_KINDS.filter((k) => !keys.has(`audit.kind.${k}`))).toEqual([]);
  });
});

describe('times in the office’s zone', () => {
  it('shows the time of day to the second, and a date with its time', () => {
    expect(timeOfDay('2024-05-06T01:15:30.250Z', 'Asia/Taipei')).toBe('09:15:30');
    expect(timeOfDay('2024-05-06T15:59:59.000Z', 'Asia/Taipei')).toBe('23:59:59');
    expect(dateTime('2024-05-06T16:05:00.000Z', 'Asia/Taipei')).toBe('2024-05-07 00:05');
  });
});
