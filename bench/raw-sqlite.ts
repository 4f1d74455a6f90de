// Figure 2: the same commands as bench/http-commands.ts, done in-process with raw better-sqlite3
// prepared statements and the same durability: a temp-file database opened with the server's own
// openDatabase (same schema, WAL, synchronous=FULL), one transaction per command, each writing what
// the real command writes (number series row, ticket row, counter row, one hash-chained event row).
// What it leaves out is everything else: HTTP, auth, validation, the engine's rules and its reads
// (for call-next the app loads every waiting ticket and runs pickNext; this picks the oldest by SQL).
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { businessDate } from '@jiaohao/shared';
import { openDatabase } from '@jiaohao/server';
import { latency, makeTempDir, removeTempDir, throughput } from './common';
import type { CommandsResult, Workload } from './http-commands';
import { BENCH_RANGE, BENCH_SERVICE_IDS, benchPrefix, counterId, TIME_ZONE } from './setup';

interface TicketRow {
  id: string;
  business_date: string;
  service_id: string;
  series: string;
  cycle: number;
  value: number;
  number: string;
  class: string;
  language: string;
  channel: string;
  state: string;
  issued_at: string;
  queued_at: string;
  called_at: string | null;
  started_at: string | null;
  ended_at: string | null;
  counter_id: string | null;
  target_counter_id: string | null;
  recall_count: number;
  transfers: string;
  appointment_at: string | null;
  estimate_min: number | null;
  estimate_max: number | null;
}

/** The public ticket the app puts in each event's data (same fields, so a similar JSON size). */
function publicTicket(r: TicketRow) {
  return {
    id: r.id,
    number: r.number,
    value: r.value,
    cycle: r.cycle,
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
    transfers: JSON.parse(r.transfers) as unknown[],
    appointmentAt: r.appointment_at,
    estimateAtIssue: r.estimate_min === null || r.estimate_max === null ? null : { min: r.estimate_min, max: r.estimate_max },
  };
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export function rawSqlite(w: Workload): CommandsResult {
  const dir = makeTempDir('jiaohao-bench-raw-');
  const db = openDatabase(join(dir, 'raw.db'));
  try {
    const durability = `journal_mode=${String(db.pragma('journal_mode', { simple: true }))}, synchronous=${
      db.pragma('synchronous', { simple: true }) === 2 ? 'FULL' : String(db.pragma('synchronous', { simple: true }))
    }`;

    // The rows the foreign keys need, written directly.
    const insertService = db.prepare('INSERT INTO services (id, code, doc, active, sort_order) VALUES (?, ?, ?, 1, ?)');
    BENCH_SERVICE_IDS.forEach((id, i) => insertService.run(id, i === 0 ? 'A' : 'B', JSON.stringify({ id, numbering: BENCH_RANGE }), i + 1));
    const insertCounter = db.prepare(
      `INSERT INTO counters (id, number, names, service_ids, is_priority, languages, status) VALUES (?, ?, ?, ?, 0, '["zh-TW"]', 'open')`,
    );
    for (let i = 0; i < w.connections; i++) insertCounter.run(counterId(i), i + 1, JSON.stringify({ 'zh-TW': `${i + 1}號櫃臺` }), JSON.stringify(BENCH_SERVICE_IDS));

    const seriesGet = db.prepare<[string, string]>(`SELECT last_value, cycle FROM number_series WHERE service_id = ? AND business_date = ? AND series = 'normal'`);
    const seriesSave = db.prepare(
      `INSERT INTO number_series (service_id, business_date, series, last_value, cycle) VALUES (?, ?, 'normal', ?, ?)
       ON CONFLICT (service_id, business_date, series) DO UPDATE SET last_value = excluded.last_value, cycle = excluded.cycle`,
    );
    const insertTicket = db.prepare(
      `INSERT INTO tickets (id, business_date, service_id, issued_service_id, series, cycle, value, number, class, language, channel, state,
         issued_at, queued_at, tracking_token_hash)
       VALUES (@id, @business_date, @service_id, @service_id, 'normal', @cycle, @value, @number, 'normal', 'zh-TW', 'kiosk', 'waiting',
         @at, @at, @tracking_token_hash)`,
    );
    const ticketById = db.prepare<[string]>('SELECT * FROM tickets WHERE id = ?');
    const counterGet = db.prepare<[string]>('SELECT status, calls_since_priority FROM counters WHERE id = ?');
    const atCounter = db.prepare<[string]>(`SELECT id FROM tickets WHERE counter_id = ? AND state IN ('called', 'serving')`);
    // The redundant IN term lets SQLite use the partial index tickets_open_by_date.
    const oldestWaiting = db.prepare<[string]>(
      `SELECT * FROM tickets WHERE business_date = ? AND state IN ('waiting', 'called', 'serving') AND state = 'waiting'
       ORDER BY queued_at, id LIMIT 1`,
    );
    const counterCalls = db.prepare('UPDATE counters SET calls_since_priority = ? WHERE id = ?');
    const ticketUpdate = db.prepare(
      `UPDATE tickets SET state = @state, called_at = @called_at, started_at = @started_at, ended_at = @ended_at,
         handling_ms = @handling_ms, counter_id = @counter_id WHERE id = @id`,
    );
    const insertEvent = db.prepare(
      `INSERT INTO events (seq, type, at, business_date, actor_kind, actor_id, reason, note, ticket_id, counter_id, data, prev_hash, hash)
       VALUES (?, ?, ?, ?, 'staff', 'bench', NULL, NULL, ?, ?, ?, ?, ?)`,
    );
    let seq = 0;
    let prevHash = '0'.repeat(64);
    const append = (type: string, at: string, date: string, ticketId: string, counter: string | null, data: unknown) => {
      const json = JSON.stringify(data);
      const next = seq + 1;
      // The same chain as EventsRepo: sha256 over the previous hash, the seq and the row.
      const hash = sha256(JSON.stringify([prevHash, next, type, at, date, 'staff', 'bench', null, null, ticketId, counter, json]));
      insertEvent.run(next, type, at, date, ticketId, counter, json, prevHash, hash);
      seq = next;
      prevHash = hash;
    };
    const clock = () => {
      const now = Date.now();
      return { now, at: new Date(now).toISOString(), date: businessDate(now, TIME_ZONE) };
    };

    const issue = db.transaction((serviceId: string, now: { at: string; date: string }) => {
      const pos = seriesGet.get(serviceId, now.date) as { last_value: number; cycle: number } | undefined;
      const value = pos ? pos.last_value + 1 : BENCH_RANGE.start;
      const cycle = pos?.cycle ?? 0;
      seriesSave.run(serviceId, now.date, value, cycle);
      const id = randomUUID();
      const token = randomBytes(18).toString('base64url');
      const number = benchPrefix(BENCH_SERVICE_IDS.indexOf(serviceId as (typeof BENCH_SERVICE_IDS)[number])) + String(value).padStart(BENCH_RANGE.digits, '0');
      insertTicket.run({ id, business_date: now.date, service_id: serviceId, cycle, value, number, at: now.at, tracking_token_hash: sha256(token) });
      const t: TicketRow = {
        id,
        business_date: now.date,
        service_id: serviceId,
        series: 'normal',
        cycle,
        value,
        number,
        class: 'normal',
        language: 'zh-TW',
        channel: 'kiosk',
        state: 'waiting',
        issued_at: now.at,
        queued_at: now.at,
        called_at: null,
        started_at: null,
        ended_at: null,
        counter_id: null,
        target_counter_id: null,
        recall_count: 0,
        transfers: '[]',
        appointment_at: null,
        estimate_min: null,
        estimate_max: null,
      };
      append('ticket:issued', now.at, now.date, id, null, { ticket: publicTicket(t) });
    });

    const callNext = db.transaction((counter: string, now: { at: string; date: string }): string | null => {
      const c = counterGet.get(counter) as { status: string; calls_since_priority: number };
      if (c.status !== 'open') throw new Error(`counter ${counter} is ${c.status}`);
      if (atCounter.get(counter)) throw new Error(`counter ${counter} is busy`);
      const t = oldestWaiting.get(now.date) as TicketRow | undefined;
      if (!t) return null;
      counterCalls.run(c.calls_since_priority + 1, counter);
      const called = { ...t, state: 'called', called_at: now.at, counter_id: counter };
      ticketUpdate.run({ ...called, handling_ms: null });
      append('ticket:called', now.at, now.date, t.id, counter, { ticket: publicTicket(called), pickReason: 'longest_wait' });
      return t.id;
    });

    const move = (from: string, to: string, type: string) =>
      db.transaction((id: string, now: { now: number; at: string; date: string }) => {
        const t = ticketById.get(id) as TicketRow;
        if (t.state !== from) throw new Error(`ticket ${id} is ${t.state}, not ${from}`);
        const next =
          to === 'serving' ? { ...t, state: to, started_at: now.at } : { ...t, state: to, ended_at: now.at };
        const handlingMs = to === 'done' && t.started_at ? now.now - Date.parse(t.started_at) : null;
        ticketUpdate.run({ ...next, handling_ms: handlingMs });
        append(type, now.at, now.date, id, t.counter_id, { ticket: publicTicket(next) });
      });
    const start = move('called', 'serving', 'ticket:started');
    const finish = move('serving', 'done', 'ticket:finished');

    const issueLat: number[] = [];
    const runIssues = (n: number) => {
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        issue(BENCH_SERVICE_IDS[i % 2]!, clock());
        issueLat.push(performance.now() - t0);
      }
    };
    runIssues(w.warmupIssues);
    issueLat.length = 0;
    const issueStart = performance.now();
    runIssues(w.issues);
    const issueThroughput = throughput(w.issues, performance.now() - issueStart);

    const callLat: number[] = [];
    const startLat: number[] = [];
    const finishLat: number[] = [];
    const cycleLat: number[] = [];
    const runCycles = (n: number) => {
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        const id = callNext(counterId(i % w.connections), clock());
        const t1 = performance.now();
        if (!id) throw new Error('raw call-next found nobody waiting');
        start(id, clock());
        const t2 = performance.now();
        finish(id, clock());
        const t3 = performance.now();
        callLat.push(t1 - t0);
        startLat.push(t2 - t1);
        finishLat.push(t3 - t2);
        cycleLat.push(t3 - t0);
      }
    };
    runCycles(w.warmupCycles);
    for (const a of [callLat, startLat, finishLat, cycleLat]) a.length = 0;
    const cycleStart = performance.now();
    runCycles(w.cycles);
    const cycles = throughput(w.cycles, performance.now() - cycleStart);

    return {
      issue: issueThroughput,
      issueLatency: latency(issueLat),
      cycles,
      callNextLatency: latency(callLat),
      startLatency: latency(startLat),
      finishLatency: latency(finishLat),
      cycleLatency: latency(cycleLat),
      durability,
    };
  } finally {
    db.close();
    removeTempDir(dir);
  }
}
