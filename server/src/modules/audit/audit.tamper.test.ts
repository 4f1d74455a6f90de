// The audit check against someone who holds the database file: an office works a day on a real
// file, closes, and then a copy of its database is tampered with as an attacker would (dropping
// the append-only triggers, recomputing the public sha256 chain) and opened again. Each kind of
// tampering must be reported, in words, with the event it concerns.
import Database from 'better-sqlite3';
import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChainCheck } from '@jiaohao/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { testConfig, type Config } from '../../config';
import { openDatabase } from '../../db/database';
import { buildCore } from '../../wiring';
import { FakeClock, TEST_SETUP, testApp, type TestApp } from '../../testing/fixtures';
import { send } from '../../testing/http';
import { SYSTEM } from '../../core/principal';
import { chainHash, EventsRepo, GENESIS, type HashedColumns } from '../events/events.repo';
import { parseAnchors, sealAnchor, type Anchor } from './anchors';
import type { Timers } from './audit.service';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'jiaohao-tamper-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const office = () => join(dir, 'office.db');
/** Where the audit files of office.db go by default: beside it, named after it. */
const keyFile = () => join(dir, 'office.audit.key');
const anchorFile = () => join(dir, 'office.audit-anchors.jsonl');

/** An office on `dbPath` whose key and anchors are the original office's (a copy is checked against them). */
function openOffice(dbPath: string, clock?: FakeClock, config: Partial<Config> = {}): Promise<TestApp> {
  return testApp({ dbPath, ...(clock ? { clock } : {}), config: { dbPath: office(), ...config } });
}

const anchorsOf = (): Anchor[] => parseAnchors(readFileSync(anchorFile(), 'utf8')).map((l) => l.anchor!);

async function verify(t: TestApp, token: string): Promise<ChainCheck> {
  const res = await send(t.app, 'GET', '/api/v1/events/verify', token);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ChainCheck>();
}

interface Day {
  readonly supervisor: string;
  /** The ticket a clerk marked as a no-show, and the one a resident asked to cancel. */
  readonly noShow: { id: string; number: string };
  readonly cancelled: { id: string; number: string };
  readonly dayClosedSeq: number;
}

/** A day at the office: tickets issued, called, served, missed, transferred, cancelled; the day closed. */
async function workADay(t: TestApp): Promise<Day> {
  const clerk = await t.staffToken('clerk');
  const supervisor = await t.staffToken('supervisor');
  const kiosk = t.deviceToken('kiosk');
  const post = async (url: string, token: string, body?: object) => {
    const res = await send(t.app, 'POST', url, token, body);
    expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
    return res.json();
  };
  await post('/api/v1/counters/c1/open', clerk);
  await post('/api/v1/counters/c2/open', clerk);
  const issued = [];
  for (const serviceId of ['reg', 'reg', 'cert', 'reg', 'cert', 'reg']) {
    issued.push((await post('/api/v1/tickets', kiosk, { serviceId })).ticket);
    t.clock.minutes(1);
  }
  const first = (await post('/api/v1/counters/c1/call-next', clerk)).ticket;
  await post(`/api/v1/tickets/${first.id}/start`, clerk);
  t.clock.minutes(6);
  await post(`/api/v1/tickets/${first.id}/finish`, clerk);
  const missed = (await post('/api/v1/counters/c2/call-next', clerk)).ticket;
  t.clock.minutes(2);
  await post(`/api/v1/tickets/${missed.id}/no-show`, clerk, { reason: 'left_office', note: 'called three times' });
  const moved = (await post('/api/v1/counters/c1/call-next', clerk)).ticket;
  await post(`/api/v1/tickets/${moved.id}/start`, clerk);
  await post(`/api/v1/tickets/${moved.id}/transfer`, clerk, { serviceId: moved.serviceId === 'cert' ? 'reg' : 'cert', reason: 'other_service_needed' });
  await post('/api/v1/counters/c2/pause', clerk, { reason: 'meal' });
  const waiting = issued.at(-1);
  await post(`/api/v1/tickets/${waiting.id}/cancel`, clerk, { reason: 'resident_request' });
  t.clock.minutes(30);
  await post('/api/v1/day/close', supervisor);
  return {
    supervisor,
    noShow: { id: missed.id, number: missed.number },
    cancelled: { id: waiting.id, number: waiting.number },
    dayClosedSeq: t.eventCount(),
  };
}

/** Opens a copy of the office's database file as someone holding it would: raw SQL, no triggers. */
function tamperCopy(name: string, tamper: (db: Database.Database) => void): string {
  const path = join(dir, name);
  copyFileSync(office(), path);
  const db = new Database(path);
  db.exec('DROP TRIGGER events_append_only_update; DROP TRIGGER events_append_only_delete;');
  tamper(db);
  db.close();
  return path;
}

type Row = HashedColumns & { seq: number; prev_hash: string; hash: string };

/** Recomputes prev_hash and hash of every row from `from` on, with the server's own (public) function. */
function recomputeFrom(db: Database.Database, from: number): void {
  const rows = db.prepare('SELECT * FROM events WHERE seq >= ? ORDER BY seq').all(from) as Row[];
  let prev = from === 1 ? GENESIS : (db.prepare('SELECT hash FROM events WHERE seq = ?').pluck().get(from - 1) as string);
  const update = db.prepare('UPDATE events SET prev_hash = ?, hash = ? WHERE seq = ?');
  for (const row of rows) {
    const hash = chainHash(prev, row.seq, row);
    update.run(prev, hash, row.seq);
    prev = hash;
  }
}

describe('an untampered office', () => {
  it('verifies intact after a day of work, anchored at start, at day close and at shutdown, and again after a restart', async () => {
    const t = await openOffice(office());
    const day = await workADay(t);
    // The set-up's first command opened the first day; the app's start followed.
    expect(anchorsOf().map((a) => a.reason)).toEqual(['day:started', 'start', 'day:closed']);
    expect(anchorsOf().at(-1)).toMatchObject({ seq: day.dayClosedSeq, at: new Date(t.clock.now).toISOString() });

    const check = await verify(t, day.supervisor);
    expect(check).toEqual({ ok: true, checked: day.dayClosedSeq, brokenAt: null, anchoredSeq: day.dayClosedSeq, anchoredAt: anchorsOf().at(-1)!.at, problems: [] });

    // One more change after the close, then a clean shutdown anchors it.
    const clerk = await t.staffToken('clerk');
    expect((await send(t.app, 'POST', '/api/v1/counters/c3/open', clerk)).statusCode).toBe(200);
    const head = t.eventCount();
    await t.close();
    expect(anchorsOf().map((a) => [a.reason, a.seq])).toEqual([
      ['day:started', expect.any(Number)],
      ['start', expect.any(Number)],
      ['day:closed', day.dayClosedSeq],
      ['stop', head],
    ]);
    // The key file was made for this office, readable by its owner only.
    expect(readFileSync(keyFile(), 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
    if (process.platform !== 'win32') expect(statSync(keyFile()).mode & 0o777).toBe(0o600);

    // A restart with nothing new appends nothing and still verifies.
    const again = await openOffice(office());
    const supervisor = await again.staffToken('supervisor');
    const after = await verify(again, supervisor);
    expect(after).toMatchObject({ ok: true, brokenAt: null, anchoredSeq: head, problems: [] });
    expect(anchorsOf()).toHaveLength(4);
    await again.close();
  });

  it('a database written before anchors existed verifies as it is, and is anchored from its next start', async () => {
    // As an older server left it: no key, no anchor file (this one keeps them in memory).
    const old = await testApp({ dbPath: office() });
    const day = await workADay(old);
    await old.close();
    expect(() => statSync(keyFile())).toThrow();

    const t = await openOffice(office());
    const check = await verify(t, day.supervisor);
    expect(check).toMatchObject({ ok: true, checked: day.dayClosedSeq, brokenAt: null, anchoredSeq: day.dayClosedSeq, problems: [] });
    expect(anchorsOf().map((a) => [a.reason, a.seq])).toEqual([['start', day.dayClosedSeq]]);
    await t.close();
  });
});

describe('the anchor timer', () => {
  /** Intervals that run only when the test says so. */
  class FakeTimers implements Timers {
    readonly intervals = new Map<number, { fn: () => void; ms: number }>();
    private next = 1;
    setInterval(fn: () => void, ms: number): number {
      this.intervals.set(this.next, { fn, ms });
      return this.next++;
    }
    clearInterval(handle: unknown): void {
      this.intervals.delete(handle as number);
    }
    fire(): void {
      for (const { fn } of [...this.intervals.values()]) fn();
    }
  }

  it('anchors the head every JIAOHAO_AUDIT_ANCHOR_MINUTES when the log moved, and stops with the app', async () => {
    const clock = new FakeClock();
    const timers = new FakeTimers();
    const db = openDatabase(office());
    const built = await buildApp(testConfig({ dbPath: office(), auditAnchorMinutes: 7 }), { clock: clock.fn, db, setup: TEST_SETUP, logger: false, timers });
    expect([...timers.intervals.values()].map((i) => i.ms)).toEqual([7 * 60_000]);
    expect(anchorsOf().map((a) => a.reason)).toEqual(['day:started', 'start']);

    await built.services.bus.execute(SYSTEM, 'counter:open', { counterId: 'c1' });
    clock.minutes(7);
    timers.fire();
    expect(anchorsOf().map((a) => a.reason)).toEqual(['day:started', 'start', 'timer']);
    expect(anchorsOf().at(-1)).toMatchObject({ seq: built.store.events.lastSeq, hash: built.store.events.mark().hash, at: new Date(clock.now).toISOString() });

    // Nothing happened since: the same head is not anchored twice.
    clock.minutes(7);
    timers.fire();
    expect(anchorsOf()).toHaveLength(3);

    await built.services.bus.execute(SYSTEM, 'counter:open', { counterId: 'c2' });
    await built.app.close();
    expect(timers.intervals.size).toBe(0);
    expect(anchorsOf().map((a) => [a.reason, a.seq]).slice(2)).toEqual([
      ['timer', expect.any(Number)],
      ['stop', built.store.events.lastSeq],
    ]);
    db.close();
  });
});

describe('tampering with a copy of the database file', () => {
  it('deleting the last events is found by the anchor that covered them', async () => {
    const t = await openOffice(office());
    const day = await workADay(t);
    // Two accounts created after the close: events no ticket or counter depends on.
    await t.staffToken('clerk', 'late1');
    await t.staffToken('clerk', 'late2');
    const head = t.eventCount();
    await t.close();

    const copy = tamperCopy('cut.db', (db) => db.prepare('DELETE FROM events WHERE seq > ?').run(head - 2));
    // The chain alone cannot tell: what is left is a consistent, shorter log.
    expect(new EventsRepo(new Database(copy, { readonly: true })).verifyChain()).toBeNull();

    const opened = await openOffice(copy);
    const check = await verify(opened, day.supervisor);
    // This start anchored what it found (head - 2): true of the rows it was shown, and below the cut.
    expect(check).toMatchObject({ ok: false, checked: head - 2, brokenAt: head - 1, anchoredSeq: head - 2 });
    expect(check.problems).toEqual([
      {
        kind: 'anchor',
        seq: head - 1,
        message: expect.stringContaining(`The log ends at event ${head - 2}, but event ${head} was anchored at`),
      },
    ]);
    expect(check.problems[0]!.message).toMatch(new RegExp(`events ${head - 1}–${head} were deleted`));
    await opened.close();
  });

  it('editing an event and recomputing every later hash is found by the sealed anchors, and a forged anchor by its seal', async () => {
    const t = await openOffice(office());
    const day = await workADay(t);
    await t.close();
    const cancelSeq = (() => {
      const db = new Database(office(), { readonly: true });
      const seq = db.prepare(`SELECT seq FROM events WHERE type = 'ticket:cancelled' AND ticket_id = ?`).pluck().get(day.cancelled.id) as number;
      db.close();
      return seq;
    })();

    // The cancel becomes the office's own error rather than the resident's wish, and the chain is redone.
    const copy = tamperCopy('rewritten.db', (db) => {
      db.prepare(`UPDATE events SET reason = 'issued_in_error' WHERE seq = ?`).run(cancelSeq);
      recomputeFrom(db, cancelSeq);
    });
    expect(new EventsRepo(new Database(copy, { readonly: true })).verifyChain()).toBeNull();
    // And seals the rewritten head as best it can: with a key of its own.
    const rewrittenHead = (() => {
      const db = new Database(copy, { readonly: true });
      const head = db.prepare('SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
      db.close();
      return head;
    })();
    const forged = sealAnchor(Buffer.from('not the office key, but long enough to pass'), rewrittenHead, '2026-12-01T10:00:00.000Z', 'timer');
    appendFileSync(anchorFile(), `${JSON.stringify(forged)}\n`);

    const opened = await openOffice(copy);
    const check = await verify(opened, day.supervisor);
    expect(check.ok).toBe(false);
    expect(check.brokenAt).toBe(day.dayClosedSeq);
    const start = anchorsOf()[1]!;
    expect(start.seq).toBeLessThan(cancelSeq);
    expect(check.anchoredSeq).toBe(start.seq);
    expect(check.problems).toEqual([
      {
        kind: 'anchor',
        seq: null,
        message: expect.stringMatching(new RegExp(`^The anchor on line 4 .*does not carry this office's seal`)),
      },
      {
        kind: 'anchor',
        seq: day.dayClosedSeq,
        message: `Event ${day.dayClosedSeq} is not the one anchored at ${anchorsOf()[2]!.at}: an event between ${start.seq + 1} and ${day.dayClosedSeq} was rewritten and the hashes after it recomputed`,
      },
    ]);
    await opened.close();
  });

  it('an anchor file cut while the server runs is noticed: it remembers the last anchor it wrote', async () => {
    const t = await openOffice(office());
    const day = await workADay(t);
    const last = anchorsOf().at(-1)!;
    writeFileSync(anchorFile(), '');
    const check = await verify(t, day.supervisor);
    // The log itself is as written (brokenAt null), but nothing vouches for it any more.
    expect(check).toMatchObject({ ok: false, brokenAt: null, anchoredSeq: null });
    expect(check.problems).toEqual([
      {
        kind: 'anchor',
        seq: null,
        message: `The anchor this server wrote at ${last.at} (event ${day.dayClosedSeq}) is no longer in the anchor file ${anchorFile()}: the file was cut or replaced`,
      },
    ]);
    await t.close();
  });

  it('editing the tickets and counters tables alone is found by replaying the log', async () => {
    const t = await openOffice(office());
    const day = await workADay(t);
    await t.close();

    const copy = tamperCopy('tables.db', (db) => {
      // A no-show turned into a served ticket, a cancelled ticket removed, a counter shown open.
      db.prepare(`UPDATE tickets SET state = 'done', started_at = called_at WHERE id = ?`).run(day.noShow.id);
      db.prepare('DELETE FROM tickets WHERE id = ?').run(day.cancelled.id);
      db.prepare(`UPDATE counters SET status = 'open' WHERE id = 'c3'`).run();
    });
    const raw = new Database(copy, { readonly: true });
    const lastEvent = (ticketId: string) => raw.prepare('SELECT MAX(seq) FROM events WHERE ticket_id = ?').pluck().get(ticketId) as number;
    const noShowSeq = lastEvent(day.noShow.id);
    const cancelledSeq = lastEvent(day.cancelled.id);
    const c3Seq = raw.prepare(`SELECT MAX(seq) FROM events WHERE data LIKE '%"counter":{"id":"c3"%'`).pluck().get() as number;
    const noShowRow = raw.prepare('SELECT business_date, called_at FROM tickets WHERE id = ?').get(day.noShow.id) as { business_date: string; called_at: string };
    raw.close();
    // The chain, untouched, still holds.
    expect(new EventsRepo(new Database(copy, { readonly: true })).verifyChain()).toBeNull();

    const opened = await openOffice(copy);
    const check = await verify(opened, day.supervisor);
    expect(check).toMatchObject({ ok: false, brokenAt: null, anchoredSeq: day.dayClosedSeq });
    const label = `ticket ${day.noShow.number} of ${noShowRow.business_date} (${day.noShow.id})`;
    expect(check.problems).toEqual([
      { kind: 'read_model', seq: noShowSeq, message: `${label}: state is "done" in the tickets table, but "no_show" after its last event (seq ${noShowSeq})` },
      { kind: 'read_model', seq: noShowSeq, message: `${label}: startedAt is "${noShowRow.called_at}" in the tickets table, but null after its last event (seq ${noShowSeq})` },
      {
        kind: 'read_model',
        seq: cancelledSeq,
        message: `ticket ${day.cancelled.number} of ${noShowRow.business_date} (${day.cancelled.id}) is missing from the tickets table (its last event is seq ${cancelledSeq})`,
      },
      { kind: 'read_model', seq: c3Seq, message: `counter 3 (c3): status is "open" in the counters table, but "closed" after its last event (seq ${c3Seq})` },
    ]);
    await opened.close();
  });

  // Each stored column in turn, on a fresh copy: the hash must cover it, or its edit goes unseen.
  const EDITS: Record<string, string> = {
    seq: 'seq = seq + 1000',
    type: `type = 'ticket:finished'`,
    at: `at = replace(at, 'Z', '+00:00')`,
    business_date: `business_date = '2026-11-30'`,
    actor_kind: `actor_kind = CASE actor_kind WHEN 'staff' THEN 'device' ELSE 'staff' END`,
    actor_id: `actor_id = COALESCE(actor_id || '-x', 'x')`,
    reason: `reason = COALESCE(reason || '-x', 'x')`,
    note: `note = COALESCE(note || '-x', 'x')`,
    ticket_id: `ticket_id = COALESCE(ticket_id || '-x', 'x')`,
    counter_id: `counter_id = COALESCE(counter_id || '-x', 'x')`,
    data: `data = json_set(data, '$.ticket.recallCount', 9)`,
    v: 'v = v + 1',
    prev_hash: `prev_hash = '${'1'.repeat(64)}'`,
    hash: `hash = '${'2'.repeat(64)}'`,
  };

  it('every stored column of an event is covered: an edit to any one is reported at its seq', async () => {
    const t = await openOffice(office());
    const day = await workADay(t);
    await t.close();
    const probe = new Database(office(), { readonly: true });
    const columns = (probe.prepare(`SELECT name FROM pragma_table_info('events')`).pluck().all() as string[]).sort();
    const seq = probe.prepare(`SELECT seq FROM events WHERE type = 'ticket:missed' AND ticket_id = ?`).pluck().get(day.noShow.id) as number;
    probe.close();
    // A column added to the table must be added here (and to the hash).
    expect(columns).toEqual(Object.keys(EDITS).sort());

    for (const [column, edit] of Object.entries(EDITS)) {
      const copy = tamperCopy(`${column}.db`, (db) => {
        expect(db.prepare(`UPDATE events SET ${edit} WHERE seq = ?`).run(seq).changes, column).toBe(1);
      });
      // The log alone, with no anchors to lean on: the chain has to see it.
      const db = openDatabase(copy);
      const check = buildCore(db, () => Date.parse('2026-12-01T10:00:00.000Z'), { scryptCost: 1024 }).queries.verifyChain();
      db.close();
      expect(check.problems.filter((p) => p.kind === 'chain').map((p) => p.seq)[0], `${column}: ${JSON.stringify(check.problems)}`).toBe(seq);
      expect(check.brokenAt, column).toBe(seq);
    }
  });
});
