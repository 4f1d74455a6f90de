import { describe, expect, it } from 'vitest';
import { sortStaff, toStaffCreate } from './staff-form';

describe('a new staff account', () => {
  it('maps to staff:create; the password is taken as typed and must be long enough', () => {
    expect(toStaffCreate({ username: ' mei ', displayName: '林美', role: 'clerk', password: ' twelve chars ' })).toEqual({
      ok: true,
      value: { username: 'mei', displayName: '林美', role: 'clerk', password: ' twelve chars ' },
    });
    const short = toStaffCreate({ username: 'mei', displayName: '林美', role: 'clerk', password: 'short' });
    expect(short.ok ? null : short.problems).toEqual({ '/password': { key: 'admin.problem.tooShort', values: { min: 12 } } });
  });
});

describe('the staff list', () => {
  it('active accounts first, then by username', () => {
    const s = (username: string, active = true) => ({ id: username, username, displayName: username, role: 'clerk' as const, active });
    expect(sortStaff([s('mei'), s('ann', false), s('hua')]).map((x) => x.username)).toEqual(['hua', 'mei', 'ann']);
  });
});
