import { describe, expect, it } from 'vitest';
import { fromSnapshot } from '@jiaohao/shared/reducer';
import { closure, counter, issuingStop, MIN, NOW, office, service, snapshot, ticket } from '@jiaohao/shared/testing';
import { confirmModel, formatOpening, startModel } from './model';

const state = (over: Parameters<typeof snapshot>[0] = {}) => fromSnapshot(snapshot(over));
const household = service({
  summary: { 'zh-TW': '出生、遷入等登記', vi: 'Khai sinh, chuyển đến' },
  icon: 'household',
  documents: { 'zh-TW': ['身分證'], vi: ['Thẻ căn cước'] },
});

describe('the kiosk start screen', () => {
  it('lists the lines in the resident’s language with their queue, icon and whether they issue', () => {
    const s = state({
      services: [household, service({ id: 'passport', code: 'B', names: { 'zh-TW': '護照' }, sortOrder: 2 })],
      tickets: [ticket({ id: 'w1' }), ticket({ id: 'w2' })],
      issuingStops: [issuingStop({ serviceId: 'passport', reason: 'capacity_reached' })],
    });
    const m = startModel(s, 'vi', NOW);
    expect(m.lines.map((l) => [l.id, l.summary, l.icon, l.waiting, l.issuing])).toEqual([
      ['household', 'Khai sinh, chuyển đến', 'household', 2, { open: true, reason: null }],
      ['passport', null, 'general', 0, { open: false, reason: 'capacity_reached' }],
    ]);
    expect(m.office).toEqual({ kind: 'open' });
  });

  it('says when the office opens again when no line issues, and the closure’s reason in an emergency', () => {
    // NOW is Monday 10:00 in Taipei; the office's one session ends at 17:00 and opens next Monday.
    const evening = NOW + 8 * 60 * MIN;
    const m = startModel(state(), 'zh-TW', evening);
    expect(m.office).toEqual({ kind: 'closed', opensAt: Date.parse('2024-05-13T08:00:00+08:00') });
    expect(startModel(state({ closure: closure() }), 'en', NOW).office).toEqual({ kind: 'closure', reason: closure().reason });
    // Stopped by hand with no session to wait for: when, nobody can say.
    expect(startModel(state({ office: office({ issuingMode: 'closed' }) }), 'en', NOW).office).toEqual({ kind: 'closed', opensAt: null });
  });

  it('writes the opening time without the narrow spaces some fonts lack', () => {
    const text = formatOpening(Date.parse('2024-05-13T08:00:00+08:00'), 'en', 'Asia/Taipei');
    expect(text).toContain('08:00');
    expect(text).not.toMatch(/[\u2009\u202f]/);
  });
});

describe('the kiosk confirm screen', () => {
  const estimates = { household: { normal: { min: 10, max: 20 }, priority: { min: 0, max: 5 } } };

  it('shows the people ahead, the server’s wait for the ticket’s class and the documents in the resident’s language', () => {
    const s = state({ services: [household], counters: [counter({ status: 'open' })], tickets: [ticket({ id: 'w1' }), ticket({ id: 'w2' }), ticket({ id: 'w3' })] });
    const m = confirmModel(s, 'household', false, 'vi', NOW, estimates)!;
    expect(m).toMatchObject({ ahead: 3, ticketClass: 'normal', priorityRefused: false, documents: ['Thẻ căn cước'], estimate: { min: 10, max: 20 } });
    expect(confirmModel(s, 'household', true, 'vi', NOW, estimates)!.estimate).toEqual({ min: 0, max: 5 });
    // Not read yet; read, and the server promises none (no open counter) or does not know the line.
    expect(confirmModel(s, 'household', false, 'vi', NOW, null)!.estimate).toBe('pending');
    expect(confirmModel(s, 'household', false, 'vi', NOW, { household: { normal: null, priority: null } })!.estimate).toBeNull();
    expect(confirmModel(s, 'household', false, 'vi', NOW, {})!.estimate).toBeNull();
  });

  it('gives a priority number only where the line has them, and says so when not', () => {
    const s = state({ services: [household, service({ id: 'passport', code: 'B', allowPriority: false })] });
    expect(confirmModel(s, 'household', true, 'zh-TW', NOW, estimates)).toMatchObject({ ticketClass: 'priority', priorityRefused: false });
    expect(confirmModel(s, 'passport', true, 'zh-TW', NOW, estimates)).toMatchObject({ ticketClass: 'normal', priorityRefused: true });
    expect(confirmModel(s, 'nope', false, 'zh-TW', NOW, estimates)).toBeNull();
  });
});
