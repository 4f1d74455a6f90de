import type { Actor, LoadTicket, Series, Ticket, TicketClass, TicketState, TransferStep } from '@jiaohao/shared';
import type { Db } from '../../db/database';

/** A row of the tickets table as SQLite returns it. */
export interface TicketRow {
  id: string;
  business_date: string;
  service_id: string;
  /** The line that gave the number; service_id moves with transfers, this never does. */
  issued_service_id: string;
  series: Series;
  cycle: number;
  value: number;
  number: string;
  class: Ticket['class'];
  language: Ticket['language'];
  channel: Ticket['channel'];
  state: TicketState;
  issued_at: string;
  queued_at: string;
  called_at: string | null;
  started_at: string | null;
  ended_at: string | null;
  handling_ms: number | null;
  counter_id: string | null;
  target_counter_id: string | null;
  recall_count: number;
  transfers: string;
  appointment_at: string | null;
  estimate_min: number | null;
  estimate_max: number | null;
  /** People waiting in the line when it was issued; null for tickets from before migration 0008. */
  ahead_at_issue: number | null;
}

export interface StoredTicket extends Ticket {
  readonly series: Series;
  /** The issue answer's `ahead` (the printed ticket shows it); null for tickets from before it was kept. */
  readonly aheadAtIssue: number | null;
}

function toTicket(r: TicketRow): StoredTicket {
  return {
    id: r.id,
    number: r.number,
    value: r.value,
    cycle: r.cycle,
    series: r.series,
    serviceId: r.service_id,
    class: r.class,
    language: r.language,
    channel: r.channel,
    state: r.state,
    businessDate: r.business_date,
    issuedAt: r.issued_at,
    queuedAt: r.queued_at,
    calledAt: r.called_at,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    counterId: r.counter_id,
    targetCounterId: r.target_counter_id,
    recallCount: r.recall_count,
    transfers: JSON.parse(r.transfers) as TransferStep[],
    appointmentAt: r.appointment_at,
    estimateAtIssue: r.estimate_min === null || r.estimate_max === null ? null : { min: r.estimate_min, max: r.estimate_max },
    aheadAtIssue: r.ahead_at_issue,
  };
}

/** The public contract leaves out storage details. */
export function publicTicket(t: StoredTicket): Ticket {
  const { series: _series, aheadAtIssue: _ahead, ...ticket } = t;
  return ticket;
}

const ACTIVE = `state IN ('waiting', 'called', 'serving')`;

export class TicketsRepo {
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly byIdStmt;
  private readonly byTokenStmt;
  private readonly activeOnStmt;
  private readonly allOnStmt;
  private readonly activeBeforeStmt;
  private readonly waitingForStmt;
  private readonly waitingLoadStmt;
  private readonly waitingInServiceStmt;
  private readonly atCounterStmt;
  private readonly issuedCountStmt;
  private readonly seriesStmt;
  private readonly seriesSaveStmt;
  private readonly heldStmt;
  private readonly handlingStmt;
  private readonly callOutcomesStmt;
  private readonly arrivalsStmt;
  private readonly lineHeadStmt;
  private readonly appointmentsStmt;
  private readonly targetedStmt;
  private readonly waitingCountsStmt;
  private readonly atCountersStmt;
  private readonly requestGetStmt;
  private readonly requestPutStmt;
  private readonly requestPurgeStmt;
  private readonly issuerStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO tickets (id, business_date, service_id, issued_service_id, series, cycle, value, number, class, language, channel,
         state, issued_at, queued_at, appointment_at, estimate_min, estimate_max, ahead_at_issue, tracking_token_hash)
       VALUES (@id, @business_date, @service_id, @service_id, @series, @cycle, @value, @number, @class, @language, @channel, 'waiting',
         @issued_at, @issued_at, @appointment_at, @estimate_min, @estimate_max, @ahead_at_issue, @tracking_token_hash)`,
    );
    this.updateStmt = db.prepare(
      `UPDATE tickets SET service_id = @service_id, state = @state, queued_at = @queued_at, called_at = @called_at,
         started_at = @started_at, ended_at = @ended_at, handling_ms = @handling_ms, counter_id = @counter_id,
         target_counter_id = @target_counter_id, recall_count = @recall_count, transfers = @transfers
       WHERE id = @id`,
    );
    this.byIdStmt = db.prepare<[string]>('SELECT * FROM tickets WHERE id = ?');
    this.byTokenStmt = db.prepare<[string]>('SELECT * FROM tickets WHERE tracking_token_hash = ?');
    this.activeOnStmt = db.prepare<[string]>(`SELECT * FROM tickets WHERE business_date = ? AND ${ACTIVE}`);
    this.allOnStmt = db.prepare<[string]>('SELECT * FROM tickets WHERE business_date = ? ORDER BY issued_at, id');
    this.activeBeforeStmt = db.prepare<[string]>(`SELECT * FROM tickets WHERE business_date < ? AND ${ACTIVE}`);
    this.waitingForStmt = db.prepare<[string]>(`SELECT * FROM tickets WHERE business_date = ? AND state = 'waiting'`);
    // Only what the wait model reads, as arrays: a whole row per waiting ticket made this read most
    // of an issue's time (5.7 ms against 0.6 ms for 400 waiting, bench/RESULTS.md).
    this.waitingLoadStmt = db
      .prepare<[string]>(`SELECT id, service_id, class, queued_at, appointment_at, target_counter_id FROM tickets WHERE business_date = ? AND state = 'waiting'`)
      .raw();
    this.waitingInServiceStmt = db
      .prepare<[string, string]>(`SELECT COUNT(*) FROM tickets WHERE business_date = ? AND service_id = ? AND state = 'waiting'`)
      .pluck();
    this.atCounterStmt = db.prepare<[string]>(`SELECT * FROM tickets WHERE counter_id = ? AND state IN ('called', 'serving')`);
    // Counted by the line that issued them: a ticket transferred in or out does not move a daily cap.
    this.issuedCountStmt = db
      .prepare<[string, string]>('SELECT COUNT(*) FROM tickets WHERE business_date = ? AND issued_service_id = ?')
      .pluck();
    this.seriesStmt = db.prepare<[string, string, string]>(
      'SELECT last_value, cycle FROM number_series WHERE service_id = ? AND business_date = ? AND series = ?',
    );
    this.seriesSaveStmt = db.prepare(
      `INSERT INTO number_series (service_id, business_date, series, last_value, cycle) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (service_id, business_date, series) DO UPDATE SET last_value = excluded.last_value, cycle = excluded.cycle`,
    );
    // By display number, not by service: a transferred ticket keeps the number of the line it was
    // issued in. A no-show still holds it too, since a requeue can bring it back into line.
    this.heldStmt = db
      .prepare<[string, string]>(
        `SELECT 1 FROM tickets WHERE business_date = ? AND number = ? AND state IN ('waiting', 'called', 'serving', 'no_show') LIMIT 1`,
      )
      .pluck();
    this.handlingStmt = db
      .prepare<[string, string]>(
        `SELECT handling_ms FROM tickets WHERE service_id = ? AND business_date = ? AND state = 'done' ORDER BY ended_at DESC LIMIT 30`,
      )
      .pluck();
    this.callOutcomesStmt = db.prepare<[string]>(
      `SELECT service_id, SUM(state = 'no_show') AS no_shows, SUM(called_at IS NOT NULL) AS called
         FROM tickets WHERE business_date = ? GROUP BY service_id`,
    );
    this.arrivalsStmt = db.prepare<[string, string]>(
      `SELECT service_id, class, COUNT(*) AS n FROM tickets WHERE business_date = ? AND issued_at >= ? GROUP BY service_id, class`,
    );
    this.lineHeadStmt = db.prepare<[string, string, string]>(
      `SELECT * FROM tickets WHERE business_date = ? AND service_id = ? AND class = ? AND state = 'waiting'
         AND target_counter_id IS NULL ORDER BY queued_at, id LIMIT 1`,
    );
    this.appointmentsStmt = db.prepare<[string, string]>(
      `SELECT * FROM tickets WHERE business_date = ? AND service_id = ? AND class = 'appointment' AND state = 'waiting'
         AND target_counter_id IS NULL`,
    );
    this.waitingCountsStmt = db.prepare<[string]>(
      `SELECT service_id, COUNT(*) AS n FROM tickets WHERE business_date = ? AND state = 'waiting' GROUP BY service_id`,
    );
    this.atCountersStmt = db.prepare<[string]>(`SELECT * FROM tickets WHERE business_date = ? AND state IN ('called', 'serving')`);
    this.requestGetStmt = db.prepare<[string, string]>('SELECT request, answer FROM issue_requests WHERE actor = ? AND key = ?');
    this.requestPutStmt = db.prepare<[string, string, string, string, string]>(
      'INSERT INTO issue_requests (actor, key, business_date, request, answer) VALUES (?, ?, ?, ?, ?)',
    );
    this.requestPurgeStmt = db.prepare<[string]>('DELETE FROM issue_requests WHERE business_date < ?');
    // Who issued a ticket is the actor of its ticket:issued event (through the events_ticket index).
    this.issuerStmt = db.prepare<[string]>(`SELECT actor_kind AS kind, actor_id AS id FROM events WHERE ticket_id = ? AND type = 'ticket:issued' LIMIT 1`);
    this.targetedStmt = db.prepare<[string, string]>(
      `SELECT * FROM tickets WHERE target_counter_id = ? AND business_date = ? AND state = 'waiting'`,
    );
  }

  /**
   * The only waiting tickets pickNext can choose for a counter: the head of each (service, class)
   * line it serves, every appointment (their slots decide), and those sent to this counter.
   * Same answer as pickNext over the whole line, without reading the whole line.
   */
  candidatesFor(businessDate: string, counterId: string, serviceIds: readonly string[]): StoredTicket[] {
    const rows: TicketRow[] = [];
    for (const serviceId of serviceIds) {
      for (const cls of ['normal', 'priority'] as const) {
        const row = this.lineHeadStmt.get(businessDate, serviceId, cls) as TicketRow | undefined;
        if (row) rows.push(row);
      }
      rows.push(...(this.appointmentsStmt.all(businessDate, serviceId) as TicketRow[]));
    }
    rows.push(...(this.targetedStmt.all(counterId, businessDate) as TicketRow[]));
    return rows.map(toTicket);
  }

  /** An issue request already answered under this key, by this actor. */
  issueRequest(actor: string, key: string): { request: string; answer: string } | undefined {
    return this.requestGetStmt.get(actor, key) as { request: string; answer: string } | undefined;
  }
  saveIssueRequest(actor: string, key: string, businessDate: string, request: string, answer: string): void {
    this.requestPutStmt.run(actor, key, businessDate, request, answer);
  }
  /** Forgets the requests of days before this one (their answers hold tracking tokens). */
  purgeIssueRequests(before: string): void {
    this.requestPurgeStmt.run(before);
  }

  /** Waiting tickets sent to this counter by a transfer. */
  targetedAt(counterId: string, businessDate: string): StoredTicket[] {
    return (this.targetedStmt.all(counterId, businessDate) as TicketRow[]).map(toTicket);
  }

  insert(t: StoredTicket, trackingTokenHash: string): void {
    this.insertStmt.run({
      id: t.id,
      business_date: t.businessDate,
      service_id: t.serviceId,
      series: t.series,
      cycle: t.cycle,
      value: t.value,
      number: t.number,
      class: t.class,
      language: t.language,
      channel: t.channel,
      issued_at: t.issuedAt,
      appointment_at: t.appointmentAt,
      estimate_min: t.estimateAtIssue?.min ?? null,
      estimate_max: t.estimateAtIssue?.max ?? null,
      ahead_at_issue: t.aheadAtIssue,
      tracking_token_hash: trackingTokenHash,
    });
  }

  update(t: StoredTicket, handlingMs: number | null = null): void {
    this.updateStmt.run({
      id: t.id,
      service_id: t.serviceId,
      state: t.state,
      queued_at: t.queuedAt,
      called_at: t.calledAt,
      started_at: t.startedAt,
      ended_at: t.endedAt,
      handling_ms: handlingMs,
      counter_id: t.counterId,
      target_counter_id: t.targetCounterId,
      recall_count: t.recallCount,
      transfers: JSON.stringify(t.transfers),
    });
  }

  byId(id: string): StoredTicket | undefined {
    const row = this.byIdStmt.get(id) as TicketRow | undefined;
    return row && toTicket(row);
  }

  /** Who issued the ticket (a kiosk device, a staff member), as its ticket:issued event records it. */
  issuer(ticketId: string): Actor | undefined {
    return this.issuerStmt.get(ticketId) as Actor | undefined;
  }

  byTrackingTokenHash(hash: string): StoredTicket | undefined {
    const row = this.byTokenStmt.get(hash) as TicketRow | undefined;
    return row && toTicket(row);
  }

  activeOn(businessDate: string): StoredTicket[] {
    return (this.activeOnStmt.all(businessDate) as TicketRow[]).map(toTicket);
  }

  /** Every ticket of a business day, in the order they were issued (a day is a few thousand at most). */
  allOn(businessDate: string): StoredTicket[] {
    return (this.allOnStmt.all(businessDate) as TicketRow[]).map(toTicket);
  }

  activeBefore(businessDate: string): StoredTicket[] {
    return (this.activeBeforeStmt.all(businessDate) as TicketRow[]).map(toTicket);
  }

  waitingOn(businessDate: string): StoredTicket[] {
    return (this.waitingForStmt.all(businessDate) as TicketRow[]).map(toTicket);
  }

  /** The day's waiting tickets as the wait model sees them (shared/wait-model.ts LoadTicket). */
  waitingLoad(businessDate: string): LoadTicket[] {
    return (this.waitingLoadStmt.all(businessDate) as [string, string, TicketClass, string, string | null, string | null][]).map(
      ([id, serviceId, cls, queuedAt, appointmentAt, targetCounterId]) => ({
        id,
        serviceId,
        class: cls,
        queuedAt: Date.parse(queuedAt),
        appointmentAt: appointmentAt === null ? null : Date.parse(appointmentAt),
        targetCounterId,
      }),
    );
  }

  /** Waiting tickets per service, counted in the database. */
  waitingCounts(businessDate: string): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of this.waitingCountsStmt.all(businessDate) as { service_id: string; n: number }[]) out[r.service_id] = r.n;
    return out;
  }

  /** Tickets called to or being served at a counter (at most one per counter). */
  atCounters(businessDate: string): StoredTicket[] {
    return (this.atCountersStmt.all(businessDate) as TicketRow[]).map(toTicket);
  }

  waitingCount(businessDate: string, serviceId: string): number {
    return this.waitingInServiceStmt.get(businessDate, serviceId) as number;
  }

  atCounter(counterId: string): StoredTicket | undefined {
    const row = this.atCounterStmt.get(counterId) as TicketRow | undefined;
    return row && toTicket(row);
  }

  issuedCount(businessDate: string, serviceId: string): number {
    return this.issuedCountStmt.get(businessDate, serviceId) as number;
  }

  seriesPosition(serviceId: string, businessDate: string, series: Series): { last: number | null; cycle: number } {
    const row = this.seriesStmt.get(serviceId, businessDate, series) as { last_value: number; cycle: number } | undefined;
    return row ? { last: row.last_value, cycle: row.cycle } : { last: null, cycle: 0 };
  }

  saveSeriesPosition(serviceId: string, businessDate: string, series: Series, last: number, cycle: number): void {
    this.seriesSaveStmt.run(serviceId, businessDate, series, last, cycle);
  }

  /** Whether someone in the office holds this display number today (waiting, at a counter or missed). */
  isHeld(businessDate: string, number: string): boolean {
    return this.heldStmt.get(businessDate, number) !== undefined;
  }

  /** Per line today: tickets called (at least once) and of those the no-shows. */
  callOutcomes(businessDate: string): Map<string, { called: number; noShows: number }> {
    const rows = this.callOutcomesStmt.all(businessDate) as { service_id: string; no_shows: number; called: number }[];
    return new Map(rows.map((r) => [r.service_id, { called: r.called, noShows: r.no_shows }]));
  }

  /** Per line and class: tickets issued today at or after `sinceIso`. */
  arrivalsSince(businessDate: string, sinceIso: string): Map<string, Partial<Record<TicketClass, number>>> {
    const out = new Map<string, Partial<Record<TicketClass, number>>>();
    for (const r of this.arrivalsStmt.all(businessDate, sinceIso) as { service_id: string; class: TicketClass; n: number }[]) {
      out.set(r.service_id, { ...out.get(r.service_id), [r.class]: r.n });
    }
    return out;
  }

  recentHandlingMs(serviceId: string, businessDate: string): number[] {
    return this.handlingStmt.all(serviceId, businessDate) as number[];
  }
}
