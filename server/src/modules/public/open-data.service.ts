// The open-data daily figures (GET /public/stats/daily.{csv,json}): one business day's figures per
// line, computed once from that day's tickets and kept until an event touches a ticket of that day
// (today's, as the queue moves; yesterday's once, when the roll-over expires what was left). A
// request only joins kept days, so a year of figures costs a year's lookups, not a year's tickets.
import { dailyRow, dayFigures, type DailyFiguresRow, type DomainEvent } from '@jiaohao/shared';
import type { AppEngine } from '../../store';

/** At most this many days are kept (a year and a little): the oldest goes first. */
const MAX_KEPT_DAYS = 400;

export class DailyFiguresFeed {
  /** Per business date, the figures per line (serviceId → figures), oldest first in insertion order. */
  private readonly days = new Map<string, ReturnType<typeof dayFigures>['services']>();
  private readonly unsubscribe: () => void;

  constructor(private readonly engine: AppEngine) {
    this.unsubscribe = engine.onEvents((events: readonly DomainEvent[]) => {
      for (const e of events) {
        const ticket = (e.data as { ticket?: { businessDate?: string } }).ticket;
        if (ticket?.businessDate) this.days.delete(ticket.businessDate);
      }
    });
  }

  close(): void {
    this.unsubscribe();
    this.days.clear();
  }

  private figuresOn(date: string): ReturnType<typeof dayFigures>['services'] {
    let figures = this.days.get(date);
    if (!figures) {
      figures = dayFigures(this.engine.store.tickets.allOn(date), []).services;
      this.days.set(date, figures);
      if (this.days.size > MAX_KEPT_DAYS) this.days.delete(this.days.keys().next().value!);
    }
    return figures;
  }

  /** The rows for `dates`, per date and per line in the office's order (lines since removed last, by id). */
  rows(dates: readonly string[]): DailyFiguresRow[] {
    const services = this.engine.store.services.list();
    const order = new Map(services.map((s, i) => [s.id, i]));
    const byId = new Map(services.map((s) => [s.id, s]));
    const rank = (id: string) => order.get(id) ?? services.length;
    const rows: DailyFiguresRow[] = [];
    for (const date of dates) {
      const lines = [...this.figuresOn(date)].sort((a, b) => rank(a.serviceId) - rank(b.serviceId) || a.serviceId.localeCompare(b.serviceId));
      for (const f of lines) rows.push(dailyRow(date, byId.get(f.serviceId) ?? { id: f.serviceId, names: { 'zh-TW': f.serviceId } }, f));
    }
    return rows;
  }
}
