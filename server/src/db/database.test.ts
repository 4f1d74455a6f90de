import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate, openDatabase, type Db } from './database';

let dir: string;
let db: Db;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'jiaohao-db-'));
  db = openDatabase(join(dir, 'sub', 'office.db'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('openDatabase', () => {
  it('creates the folder and sets WAL, synchronous=FULL, foreign keys and a busy timeout', () => {
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('applies every migration once; opening again applies none', () => {
    const latest = Math.max(...loadMigrations().map((m) => m.version));
    expect(db.pragma('user_version', { simple: true })).toBe(latest);
    expect(migrate(db)).toBe(0);
    db.close();
    db = openDatabase(join(dir, 'sub', 'office.db'));
    expect(db.pragma('user_version', { simple: true })).toBe(latest);
  });

  it('applies a newer migration in its own transaction, and a failing one changes nothing', () => {
    const current = db.pragma('user_version', { simple: true }) as number;
    const next = { version: current + 1, name: 'next.sql', sql: 'CREATE TABLE extra (id INTEGER PRIMARY KEY);' };
    expect(migrate(db, [...loadMigrations(), next])).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(current + 1);
    const broken = { version: current + 2, name: 'broken.sql', sql: 'CREATE TABLE half (id INTEGER); SELECT nonsense FROM nowhere;' };
    expect(() => migrate(db, [...loadMigrations(), next, broken])).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(current + 1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
  });
});

describe('migration 0003 (the number key follows the issuing line)', () => {
  it('fills issued_service_id from the first transfer step, or the line of a ticket that never moved', () => {
    const mem = new Database(':memory:');
    const upTo2 = loadMigrations().filter((m) => m.version <= 2);
    migrate(mem, upTo2);
    mem.exec(`INSERT INTO services (id, code, doc, active, sort_order) VALUES ('reg', 'RG', '{}', 1, 1), ('pass', 'PS', '{}', 1, 2)`);
    const row = `'2026-12-01', 'normal', 0, 1001, 'normal', 'zh-TW', 'kiosk', 'waiting', '2026-12-01T01:00:00.000Z', '2026-12-01T01:00:00.000Z'`;
    const cols = 'business_date, series, cycle, value, class, language, channel, state, issued_at, queued_at';
    const moved = JSON.stringify([{ at: '2026-12-01T01:05:00.000Z', fromServiceId: 'reg', fromCounterId: 'c1', toServiceId: 'pass', toCounterId: null }]);
    mem.exec(`INSERT INTO tickets (id, service_id, number, transfers, tracking_token_hash, ${cols}) VALUES
      ('stayed', 'reg', 'A1001', '[]', 'h1', ${row}), ('moved', 'pass', 'A1002', '${moved}', 'h2', ${row.replace('1001', '1002')})`);
    migrate(mem);
    const issued = mem.prepare('SELECT id, issued_service_id FROM tickets ORDER BY id').all();
    expect(issued).toEqual([
      { id: 'moved', issued_service_id: 'reg' },
      { id: 'stayed', issued_service_id: 'reg' },
    ]);
    mem.close();
  });
});

describe('the schema enforces the queue rules by itself', () => {
  beforeEach(() => {
    db.prepare("INSERT INTO services (id, code, doc, active, sort_order) VALUES ('reg', 'RG', '{}', 1, 1)").run();
    db.prepare(
      `INSERT INTO counters (id, number, names, service_ids, is_priority, languages, status) VALUES
       ('c1', 1, '{}', '["reg"]', 0, '["zh-TW"]', 'open'), ('c2', 2, '{}', '["reg"]', 0, '["zh-TW"]', 'open')`,
    ).run();
  });

  let n = 0;
  const insert = (over: Record<string, unknown> = {}) =>
    db
      .prepare(
        `INSERT INTO tickets (id, business_date, service_id, issued_service_id, series, cycle, value, number, class, language,
           channel, state, issued_at, queued_at, counter_id, tracking_token_hash)
         VALUES (@id, '2026-12-01', @service_id, @issued_service_id, 'normal', @cycle, @value, @number, 'normal', 'zh-TW', 'kiosk', @state,
           '2026-12-01T01:00:00.000Z', '2026-12-01T01:00:00.000Z', @counter_id, @token)`,
      )
      .run({
        id: `t${++n}`,
        service_id: 'reg',
        issued_service_id: 'reg',
        cycle: 0,
        value: 1001,
        number: '1001',
        state: 'waiting',
        counter_id: null,
        token: `tok${n}`,
        ...over,
      });

  it('no number twice per issuing line, day, series and cycle', () => {
    insert();
    expect(() => insert()).toThrow(/UNIQUE/);
    expect(() => insert({ cycle: 1 })).not.toThrow(); // a wrapped series starts a new cycle
  });

  it('a ticket transferred into a line that gives the same values does not collide with its numbers', () => {
    db.prepare("INSERT INTO services (id, code, doc, active, sort_order) VALUES ('pass', 'PS', '{}', 1, 2)").run();
    // A1001 from 'reg' now waits in 'pass', whose own 1001 (B1001) is issued after it.
    insert({ service_id: 'pass', issued_service_id: 'reg', number: 'A1001' });
    expect(() => insert({ service_id: 'pass', issued_service_id: 'pass', number: 'B1001' })).not.toThrow();
  });

  it('no counter with two tickets called or being served', () => {
    insert({ value: 1001, number: '1001', state: 'called', counter_id: 'c1' });
    expect(() => insert({ value: 1002, number: '1002', state: 'serving', counter_id: 'c1' })).toThrow(/UNIQUE/);
    expect(() => insert({ value: 1003, number: '1003', state: 'called', counter_id: 'c2' })).not.toThrow();
    // Finished tickets do not occupy the counter.
    expect(() => insert({ value: 1004, number: '1004', state: 'done', counter_id: 'c1' })).not.toThrow();
  });

  it('a ticket at a counter must name the counter, and the counter must exist', () => {
    expect(() => insert({ state: 'called', counter_id: null })).toThrow(/CHECK/);
    expect(() => insert({ state: 'called', counter_id: 'c99' })).toThrow(/FOREIGN KEY/);
    expect(() => insert({ state: 'lost' })).toThrow(/CHECK/);
  });

  it('events can be appended but never changed or removed', () => {
    db.prepare(
      `INSERT INTO events (seq, type, at, business_date, actor_kind, data, prev_hash, hash)
       VALUES (1, 'day:started', '2026-12-01T01:00:00.000Z', '2026-12-01', 'system', '{}', 'x', 'y')`,
    ).run();
    expect(() => db.prepare("UPDATE events SET type = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
  });
});
