import type { Counter, CounterStatus } from '@jiaohao/shared';
import type { Db } from '../../db/database';

interface CounterRow {
  id: string;
  number: number;
  names: string;
  service_ids: string;
  is_priority: number;
  languages: string;
  status: CounterStatus;
  pause_reason: string | null;
  staff_id: string | null;
  calls_since_priority: number;
  active: number;
}

function toCounter(r: CounterRow): Counter {
  return {
    id: r.id,
    number: r.number,
    names: JSON.parse(r.names) as Counter['names'],
    serviceIds: JSON.parse(r.service_ids) as string[],
    isPriority: r.is_priority === 1,
    languages: JSON.parse(r.languages) as Counter['languages'],
    status: r.status,
    pauseReason: r.pause_reason,
    staffId: r.staff_id,
    callsSincePriority: r.calls_since_priority,
    active: r.active === 1,
  };
}

export class CountersRepo {
  private readonly listStmt;
  private readonly byIdStmt;
  private readonly upsert;
  private readonly lastPauseStmt;

  constructor(db: Db) {
    // The newest counter:paused event of a counter (migration 0010's index).
    this.lastPauseStmt = db.prepare<[string]>(`SELECT at, reason FROM events WHERE counter_id = ? AND type = 'counter:paused' ORDER BY seq DESC LIMIT 1`);
    this.listStmt = db.prepare('SELECT * FROM counters ORDER BY number');
    this.byIdStmt = db.prepare<[string]>('SELECT * FROM counters WHERE id = ?');
    this.upsert = db.prepare(
      `INSERT INTO counters (id, number, names, service_ids, is_priority, languages, status, pause_reason, staff_id, calls_since_priority, active)
       VALUES (@id, @number, @names, @service_ids, @is_priority, @languages, @status, @pause_reason, @staff_id, @calls_since_priority, @active)
       ON CONFLICT (id) DO UPDATE SET number = excluded.number, names = excluded.names, service_ids = excluded.service_ids,
         is_priority = excluded.is_priority, languages = excluded.languages, status = excluded.status,
         pause_reason = excluded.pause_reason, staff_id = excluded.staff_id,
         calls_since_priority = excluded.calls_since_priority, active = excluded.active`,
    );
  }

  /** When the counter last paused and why (the wait estimate counts it back in after its break). */
  lastPause(counterId: string): { since: number; reason: string } | null {
    const row = this.lastPauseStmt.get(counterId) as { at: string; reason: string | null } | undefined;
    return row ? { since: Date.parse(row.at), reason: row.reason ?? 'other' } : null;
  }

  list(): Counter[] {
    return (this.listStmt.all() as CounterRow[]).map(toCounter);
  }

  byId(id: string): Counter | undefined {
    const row = this.byIdStmt.get(id) as CounterRow | undefined;
    return row && toCounter(row);
  }

  save(c: Counter): void {
    this.upsert.run({
      id: c.id,
      number: c.number,
      names: JSON.stringify(c.names),
      service_ids: JSON.stringify(c.serviceIds),
      is_priority: c.isPriority ? 1 : 0,
      languages: JSON.stringify(c.languages),
      status: c.status,
      pause_reason: c.pauseReason,
      staff_id: c.staffId,
      calls_since_priority: c.callsSincePriority,
      active: c.active ? 1 : 0,
    });
  }
}
