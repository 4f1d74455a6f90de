// SQLite's storage faults answered in words, the same over REST and in socket acks. Real SQLite
// errors, made in memory: query_only gives SQLITE_READONLY, max_page_count gives SQLITE_FULL.
// (tests/src/storage-faults.test.ts does it with a real full disk under a real server process.)
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ERROR_STATUS } from '@jiaohao/shared';
import { testApp } from '../testing/fixtures';
import { send } from '../testing/http';
import { toError } from '../realtime/acks';
import { storageError } from './storage-errors';

const quietLog = { error: () => undefined } as unknown as Parameters<typeof toError>[1];

describe('storage faults over REST', () => {
  it('a read-only database is 503 storage_read_only, and the next command after it is fixed works', async () => {
    const t = await testApp();
    const kiosk = t.deviceToken('kiosk');
    const events = t.eventCount();
    t.db.pragma('query_only = ON');
    const res = await send(t.app, 'POST', '/api/v1/tickets', kiosk, { serviceId: 'reg' });
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('storage_read_only');
    expect(res.json().error.message).toMatch(/^The server cannot write to its database/);
    t.db.pragma('query_only = OFF');
    expect(t.eventCount()).toBe(events);
    expect((await send(t.app, 'POST', '/api/v1/tickets', kiosk, { serviceId: 'reg' })).statusCode).toBe(201);
    await t.close();
  });

  it('a full database is 507 storage_full; nothing of the refused command is kept, and numbering goes on without a gap', async () => {
    const t = await testApp();
    const kiosk = t.deviceToken('kiosk');
    t.db.pragma(`max_page_count = ${t.db.pragma('page_count', { simple: true }) as number}`);
    const values: number[] = [];
    let refused = null;
    for (let i = 0; i < 2000 && refused === null; i++) {
      const res = await send(t.app, 'POST', '/api/v1/tickets', kiosk, { serviceId: 'reg' });
      if (res.statusCode === 201) values.push(res.json().ticket.value);
      else refused = res;
    }
    expect(refused?.statusCode).toBe(507);
    expect(refused?.json().error.code).toBe('storage_full');
    expect(t.db.inTransaction).toBe(false);
    t.db.pragma('max_page_count = 1073741823');
    const after = await send(t.app, 'POST', '/api/v1/tickets', kiosk, { serviceId: 'reg' });
    expect(after.statusCode).toBe(201);
    values.push(after.json().ticket.value);
    expect(values).toEqual(values.map((_, i) => values[0]! + i));
    await t.close();
  });
});

describe('storageError and the socket acks', () => {
  it('maps SQLITE_FULL, SQLITE_READONLY* and SQLITE_IOERR* to their codes, the same in acks, and nothing else', () => {
    const cases = [
      ['SQLITE_FULL', 'storage_full'],
      ['SQLITE_READONLY', 'storage_read_only'],
      ['SQLITE_READONLY_DBMOVED', 'storage_read_only'],
      ['SQLITE_IOERR_WRITE', 'storage_failed'],
      ['SQLITE_IOERR_FSYNC', 'storage_failed'],
    ] as const;
    for (const [sqlite, code] of cases) {
      const err = new Database.SqliteError('from SQLite', sqlite);
      const mapped = storageError(err);
      expect(mapped?.code, sqlite).toBe(code);
      expect(mapped?.status).toBe(ERROR_STATUS[code]);
      expect(toError(err, quietLog)).toEqual(mapped?.toBody());
    }
    expect(storageError(new Database.SqliteError('constraint', 'SQLITE_CONSTRAINT_UNIQUE'))).toBeNull();
    expect(storageError(new Error('SQLITE_FULL'))).toBeNull();
    expect(toError(new Database.SqliteError('constraint', 'SQLITE_CONSTRAINT_UNIQUE'), quietLog).code).toBe('internal');
  });
});
