import { describe, expect, it } from 'vitest';
import { compareReadModel, describeMismatch, ReadModelReplay } from './replay';

const ticket = (over: Record<string, unknown> = {}) => ({ id: 't1', number: '1001', businessDate: '2026-12-01', state: 'waiting', counterId: null, recallCount: 0, ...over });
const counter = (over: Record<string, unknown> = {}) => ({ id: 'c1', number: 1, status: 'closed', callsSincePriority: 0, ...over });
const row = (seq: number, type: string, data: unknown) => ({ seq, type, data: JSON.stringify(data) });
const rows = (list: Record<string, unknown>[]) => ({ ids: list.map((r) => r.id as string), row: (id: string) => list.find((r) => r.id === id) });

function replayOf(...events: ReturnType<typeof row>[]): ReadModelReplay {
  const replay = new ReadModelReplay();
  for (const e of events) replay.add(e);
  return replay;
}

describe('replaying the log against the tables', () => {
  const log = replayOf(
    row(1, 'counter:updated', { counter: counter() }),
    row(2, 'ticket:issued', { ticket: ticket({ trackingToken: 'only-in-the-answer' }) }),
    row(3, 'counter:opened', { counter: counter({ status: 'open' }) }),
    // A call carries the counter too (its priority count moved).
    row(4, 'ticket:called', { ticket: ticket({ state: 'called', counterId: 'c1' }), counter: counter({ status: 'open', callsSincePriority: 1 }), pickReason: 'fifo' }),
    row(5, 'staff:changed', { staff: { id: 's1', role: 'clerk', active: true } }),
    row(6, 'day:closed', { businessDate: '2026-12-01', expired: 0 }),
  );

  it('keeps the last state of each ticket and counter', () => {
    expect(log.tickets.get('t1')).toEqual({ seq: 4, fields: ticket({ state: 'called', counterId: 'c1' }) });
    expect(log.counters.get('c1')).toEqual({ seq: 4, fields: counter({ status: 'open', callsSincePriority: 1 }) });
    expect([...log.tickets.keys()]).toEqual(['t1']);
  });

  it('finds nothing when the tables hold what the log wrote, ignoring what events never carry', () => {
    // The row has fields of its own (series, handling time): not in any event, not compared.
    const t = { ...ticket({ state: 'called', counterId: 'c1' }), series: 'normal', handlingMs: 1234 };
    expect(compareReadModel(log, rows([t]), rows([counter({ status: 'open', callsSincePriority: 1 })]))).toEqual([]);
  });

  it('reports each field that differs, a row missing, and a row no event wrote', () => {
    const found = compareReadModel(
      log,
      rows([ticket({ state: 'done', counterId: 'c1' }), ticket({ id: 't9', number: '1009' })]),
      rows([]),
    );
    expect(found.map(describeMismatch)).toEqual([
      'ticket 1001 of 2026-12-01 (t1): state is "done" in the tickets table, but "called" after its last event (seq 4)',
      'ticket 1009 of 2026-12-01 (t9) is in the tickets table, but no event in the log wrote it',
      'counter 1 (c1) is missing from the counters table (its last event is seq 4)',
    ]);
    expect(found.map((m) => [m.entity, m.id, m.seq, m.field])).toEqual([
      ['ticket', 't1', 4, 'state'],
      ['ticket', 't9', null, null],
      ['counter', 'c1', 4, null],
    ]);
  });

  it('compares values deeply (transfers, estimates), whatever the order of their keys', () => {
    const transfers = [{ at: '2026-12-01T01:10:00.000Z', fromServiceId: 'reg', fromCounterId: 'c1', toServiceId: 'cert', toCounterId: null }];
    const replay = replayOf(row(1, 'ticket:transferred', { ticket: ticket({ transfers, estimateAtIssue: { min: 5, max: 10 } }) }));
    const reordered = ticket({ transfers: [{ ...transfers[0], toCounterId: null, at: transfers[0]!.at }], estimateAtIssue: { max: 10, min: 5 } });
    expect(compareReadModel(replay, rows([reordered]), rows([]))).toEqual([]);
    const moved = ticket({ transfers: [{ ...transfers[0], toServiceId: 'reg' }], estimateAtIssue: { min: 5, max: 10 } });
    expect(compareReadModel(replay, rows([moved]), rows([])).map((m) => m.field)).toEqual(['transfers']);
  });

  it('a field an older event never had is not compared; a row it cannot read is left to the chain check', () => {
    const { recallCount: _old, ...olderShape } = ticket();
    const replay = replayOf(row(1, 'ticket:issued', { ticket: olderShape }), { seq: 2, type: 'ticket:called', data: '{not json' });
    expect(compareReadModel(replay, rows([ticket({ recallCount: 3 })]), rows([]))).toEqual([]);
  });
});
