import { describe, expect, it } from 'vitest';
import { office } from '@jiaohao/shared/testing';
import type { SpecialDay } from '@jiaohao/shared/schemas';
import { newSession, newSpecialDay, officeFields, officeToForm, toOfficePatch, type SpecialDayForm } from './office-form';

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

  describe('holidays and make-up days', () => {
    const newYear: SpecialDay = { date: '2027-01-01', kind: 'closed', name: { 'zh-TW': '元旦', en: "New Year's Day", vi: 'Tết Dương lịch' } };
    const makeUp: SpecialDay = { date: '2026-12-05', kind: 'open', name: { 'zh-TW': '補班' }, sessionsOf: 5 };
    const withDays = office({ specialDays: [makeUp, newYear] });
    const day = (over: Partial<SpecialDayForm>): SpecialDayForm => ({ ...newSpecialDay(), ...over });
    const problems = (r: ReturnType<typeof toOfficePatch>) => (r.ok ? null : r.problems);

    it('round-trip: unchanged sends nothing (the languages not shown are kept); a new one is sent with the rest', () => {
      const form = officeToForm(withDays);
      expect(form.specialDays.map((d) => [d.date, d.kind, d.sessionsOf, d.name.vi])).toEqual([
        ['2026-12-05', 'open', 5, ''],
        ['2027-01-01', 'closed', 1, 'Tết Dương lịch'],
      ]);
      expect(toOfficePatch(form, withDays)).toEqual({ ok: true, value: null });
      const added = [...form.specialDays, day({ date: '2026-12-25', name: { ...newSpecialDay().name, 'zh-TW': ' 行憲紀念日 ' } })];
      const closed: SpecialDay = { date: '2026-12-25', kind: 'closed', name: { 'zh-TW': '行憲紀念日' } };
      // In the form's order (the server sorts them), so a refusal's row is the form's.
      expect(toOfficePatch({ ...form, specialDays: added }, withDays)).toEqual({ ok: true, value: { specialDays: [makeUp, newYear, closed] } });
    });

    it('only another order is no change; a closed day has no weekday, an open one has its own', () => {
      const form = officeToForm(withDays);
      expect(toOfficePatch({ ...form, specialDays: [...form.specialDays].reverse() }, withDays)).toEqual({ ok: true, value: null });
      const switched = form.specialDays.map((d) => ({ ...d, kind: d.kind === 'open' ? ('closed' as const) : ('open' as const) }));
      expect(toOfficePatch({ ...form, specialDays: switched }, withDays)).toEqual({
        ok: true,
        value: { specialDays: [{ date: makeUp.date, kind: 'closed', name: makeUp.name }, { ...newYear, kind: 'open', sessionsOf: 1 }] },
      });
    });

    it('a date is required, must exist and may be in the list once; the Chinese name is required', () => {
      const form = officeToForm(withDays);
      const r = toOfficePatch(
        { ...form, specialDays: [...form.specialDays, day({ name: { ...newSpecialDay().name, 'zh-TW': '休' } }), day({ date: '2026-02-29', name: { ...newSpecialDay().name, 'zh-TW': '休' } }), day({ date: '2027-01-01' })] },
        withDays,
      );
      expect(problems(r)).toEqual({
        '/specialDays/2/date': { key: 'admin.problem.required' },
        '/specialDays/3/date': { key: 'admin.problem.date' },
        '/specialDays/4/date': { key: 'admin.problem.dateTwice' },
        '/specialDays/4/name/zh-TW': { key: 'admin.problem.required' },
      });
    });

    it('at most 100, said beside the list; every field shown can take a refusal', () => {
      const form = officeToForm(before);
      const many = Array.from({ length: 101 }, (_, i) => day({ date: new Date(Date.UTC(2027, 0, 1 + i)).toISOString().slice(0, 10), name: { ...newSpecialDay().name, 'zh-TW': '休' } }));
      expect(problems(toOfficePatch({ ...form, specialDays: many }, before))).toEqual({ '/specialDays': { key: 'admin.problem.tooMany', values: { max: 100 } } });
      expect(officeFields(0, 1)).toEqual(expect.arrayContaining(['/specialDays', '/specialDays/0/date', '/specialDays/0/kind', '/specialDays/0/sessionsOf', '/specialDays/0/name/zh-TW', '/specialDays/0/name/en']));
      expect(officeFields(0, 1)).not.toContain('/specialDays/0');
    });
  });
});
