import { describe, expect, it } from 'vitest';
import { range, service } from '@jiaohao/shared/testing';
import { newServiceForm, previewForm, previewRange, rangeWarnings, serviceToForm, toServiceCreate, toServicePatch, type ServiceForm } from './service-form';

const filled = (over: Partial<ServiceForm> = {}): ServiceForm => {
  const base = newServiceForm([]);
  return { ...base, id: 'passport', code: 'B', names: { ...base.names, 'zh-TW': '護照', en: 'Passports' }, ...over };
};

describe('the service form → service:create', () => {
  it('states every field, numbers parsed, empty languages and blank documents left out', () => {
    const form = filled({ documents: { ...filled().documents, 'zh-TW': '身分證\n\n  照片 2 張  \n', en: '' }, dailyCap: '' });
    expect(toServiceCreate(form)).toEqual({
      ok: true,
      value: {
        id: 'passport',
        code: 'B',
        names: { 'zh-TW': '護照', en: 'Passports' },
        numbering: { start: 1001, end: 1999, digits: 4, prefix: '', onExhausted: 'refuse' },
        priorityNumbering: null,
        appointmentNumbering: null,
        targetWaitMinutes: 20,
        targetHandlingMinutes: 10,
        documents: { 'zh-TW': ['身分證', '照片 2 張'] },
        dailyCap: null,
        allowPriority: true,
        allowAppointment: false,
        active: true,
        sortOrder: 1,
      },
    });
  });

  it('sends a series of its own only when it is switched on', () => {
    const form = filled({ own: { priorityNumbering: true, appointmentNumbering: false }, priorityNumbering: { start: '1', end: '99', digits: '3', prefix: 'P', onExhausted: 'wrap' } });
    const mapped = toServiceCreate(form);
    expect(mapped.ok && mapped.value.priorityNumbering).toEqual({ start: 1, end: 99, digits: 3, prefix: 'P', onExhausted: 'wrap' });
    expect(mapped.ok && mapped.value.appointmentNumbering).toBeNull();
  });

  it('names each field it cannot send by its payload path, with the schema’s own limits', () => {
    const form = filled({
      id: 'has space',
      code: '',
      names: { ...filled().names, 'zh-TW': '  ' },
      numbering: { ...filled().numbering, start: '10x', digits: '7' },
      targetWaitMinutes: '601',
      dailyCap: '0',
    });
    const mapped = toServiceCreate(form);
    expect(mapped.ok).toBe(false);
    if (mapped.ok) return;
    expect(mapped.problems).toEqual({
      '/id': { key: 'admin.problem.pattern' },
      '/code': { key: 'admin.problem.required' },
      '/names/zh-TW': { key: 'admin.problem.required' },
      '/numbering/start': { key: 'admin.problem.between', values: { min: 0, max: 999_999 } },
      '/numbering/digits': { key: 'admin.problem.between', values: { min: 1, max: 6 } },
      '/targetWaitMinutes': { key: 'admin.problem.between', values: { min: 1, max: 600 } },
      '/dailyCap': { key: 'admin.problem.between', values: { min: 1, max: 999_999 } },
    });
  });
});

describe('the service form → service:update', () => {
  const before = service({ id: 'household', names: { 'zh-TW': '戶籍登記', en: 'Household registration' }, documents: { 'zh-TW': ['身分證'] } });

  it('reads a service back unchanged: nothing to send', () => {
    expect(toServicePatch(serviceToForm(before), before)).toEqual({ ok: true, value: null });
  });

  it('sends only what changed', () => {
    const form = serviceToForm(before);
    const mapped = toServicePatch({ ...form, targetWaitMinutes: '25', documents: { ...form.documents, en: 'ID card\nSeal' } }, before);
    expect(mapped).toEqual({ ok: true, value: { targetWaitMinutes: 25, documents: { 'zh-TW': ['身分證'], en: ['ID card', 'Seal'] } } });
  });

  it('switching a series off sends null (those tickets then draw from the normal series)', () => {
    const withPriority = service({ priorityNumbering: range({ start: 1, end: 99, digits: 3, prefix: 'P' }) });
    const form = serviceToForm(withPriority);
    expect(form.own.priorityNumbering).toBe(true);
    expect(toServicePatch({ ...form, own: { ...form.own, priorityNumbering: false } }, withPriority)).toEqual({ ok: true, value: { priorityNumbering: null } });
  });
});

describe('a new service', () => {
  it('takes the first thousand no other line prints, and sorts after the others', () => {
    const others = [service({ id: 'a', sortOrder: 3 }), service({ id: 'b', numbering: range({ start: 2001, end: 2999 }), sortOrder: 7 })];
    const form = newServiceForm(others);
    expect(form.numbering).toMatchObject({ start: '3001', end: '3999', digits: '4' });
    expect(form.sortOrder).toBe('8');
  });
});

describe('the number preview (the shared allocation rule)', () => {
  it('shows the first numbers, the last, and that a refusing series stops', () => {
    expect(previewRange(range({ start: 1001, end: 1999, digits: 4 }))).toEqual({
      ok: true,
      first: ['1001', '1002', '1003'],
      last: '1999',
      after: { kind: 'refuse' },
      size: 999,
    });
  });

  it('pads with zeros, puts the prefix in front, and a wrapping series starts again', () => {
    expect(previewRange(range({ start: 1, end: 50, digits: 3, prefix: 'P', onExhausted: 'wrap' }))).toEqual({
      ok: true,
      first: ['P001', 'P002', 'P003'],
      last: 'P050',
      after: { kind: 'wrap', number: 'P001' },
      size: 50,
    });
  });

  it('a range smaller than the preview shows only what it has', () => {
    const p = previewRange(range({ start: 7, end: 8, digits: 1, onExhausted: 'wrap' }));
    expect(p.ok && p.first).toEqual(['7', '8']);
  });

  it('says what is wrong with a range, or that it is not complete yet', () => {
    expect(previewRange(range({ start: 50, end: 10 }))).toEqual({ ok: false, problem: 'end_before_start' });
    expect(previewRange(range({ start: 1, end: 12345, digits: 4 }))).toEqual({ ok: false, problem: 'too_many_digits' });
    expect(previewForm({ start: '', end: '1999', digits: '4', prefix: '', onExhausted: 'refuse' })).toEqual({ ok: false, problem: 'incomplete' });
  });

  it('warns of ranges the server will refuse: overlapping each other or another line', () => {
    const others = [service({ id: 'household', numbering: range({ start: 1001, end: 1999 }) })];
    const clash = rangeWarnings(filled(), others);
    expect(clash.overlapsWith.map((s) => s.id)).toEqual(['household']);
    const own = filled({
      numbering: { start: '3001', end: '3999', digits: '4', prefix: '', onExhausted: 'refuse' },
      own: { priorityNumbering: true, appointmentNumbering: false },
      priorityNumbering: { start: '3500', end: '3600', digits: '4', prefix: '', onExhausted: 'refuse' },
    });
    expect(rangeWarnings(own, others)).toEqual({ ownOverlap: true, overlapsWith: [] });
  });
});
