import { describe, expect, it } from 'vitest';
import { office } from '@jiaohao/shared/testing';
import { newSession, officeToForm, toOfficePatch } from './office-form';

describe('the office form', () => {
  const before = office();

  it('unchanged, sends nothing; changed, sends only the changes', () => {
    const form = officeToForm(before);
    expect(toOfficePatch(form, before)).toEqual({ ok: true, value: null });
    expect(toOfficePatch({ ...form, tel: ' 04-2236-4000 ' }, before)).toEqual({ ok: true, value: { tel: '04-2236-4000' } });
  });

  it('sessions: added after the last, for some lines only, and checked end after start', () => {
    const form = officeToForm(before);
    const added = newSession(form.sessions);
    expect(added).toEqual({ weekday: 2, start: '08:00', end: '17:00', kind: 'regular', serviceIds: null });
    const sessions = [...form.sessions, { ...added, start: '18:00', end: '20:00', kind: 'evening' as const, serviceIds: ['household'] }];
    expect(toOfficePatch({ ...form, sessions }, before)).toEqual({ ok: true, value: { sessions } });
    const wrong = toOfficePatch({ ...form, sessions: [{ ...added, start: '12:00', end: '08:00' }] }, before);
    expect(wrong.ok ? null : wrong.problems).toEqual({ '/sessions/0/end': { key: 'admin.problem.endAfterStart' } });
  });

  it('a session for some lines needs at least one line', () => {
    const form = officeToForm(before);
    const r = toOfficePatch({ ...form, sessions: [{ ...form.sessions[0]!, serviceIds: [] }] }, before);
    expect(r.ok ? null : r.problems).toEqual({ '/sessions/0/serviceIds': { key: 'admin.problem.chooseOne' } });
  });
});
