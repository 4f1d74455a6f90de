// Test fixtures: every test builds its own in-memory office with a fake clock. Nothing is shared.
import { DEFAULT_BOOKING_SETTINGS, type BookingSettings, type CounterCreate, type Office, type Role, type ServiceCreate } from '@jiaohao/shared';
import { buildApp, type JiaohaoApp } from '../app';
import { testConfig, type Config } from '../config';
import { openDatabase } from '../db/database';
import type { OfficeSetup } from '../seed/seed';
import { SYSTEM } from '../core/principal';

/** Tuesday 2026-12-01 09:00 in Taipei. */
export const TUESDAY_9AM = Date.parse('2026-12-01T01:00:00.000Z');

export class FakeClock {
  constructor(public now: number = TUESDAY_9AM) {}
  readonly fn = (): number => this.now;
  tick(ms: number): number {
    this.now += ms;
    return this.now;
  }
  minutes(n: number): number {
    return this.tick(n * 60_000);
  }
  set(iso: string): void {
    this.now = Date.parse(iso);
  }
}

const range = (start: number, end: number, onExhausted: 'wrap' | 'refuse' = 'refuse') => ({
  start,
  end,
  digits: 4,
  prefix: '',
  onExhausted,
});

export const TEST_OFFICE: Office = {
  id: 'test-office',
  names: { 'zh-TW': '測試戶政事務所', en: 'Test Household Registration Office' },
  address: '臺中市北區測試路1號',
  tel: '04-0000-0000',
  fax: '04-0000-0001',
  timeZone: 'Asia/Taipei',
  location: { lat: 24.15, lng: 120.68 },
  postalCode: '404',
  locality: '北區',
  region: '臺中市',
  issuingMode: 'open',
  sessions: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '17:30', kind: 'regular' as const, serviceIds: null })),
  specialDays: [],
};

export const TEST_SERVICES: ServiceCreate[] = [
  {
    id: 'reg',
    code: 'RG',
    names: { 'zh-TW': '戶籍登記', en: 'Registration' },
    numbering: range(1001, 1799),
    priorityNumbering: range(1901, 1999),
    targetWaitMinutes: 20,
    targetHandlingMinutes: 10,
    allowPriority: true,
    allowAppointment: true,
    appointmentNumbering: range(1801, 1899),
    sortOrder: 1,
  },
  {
    id: 'cert',
    code: 'CT',
    names: { 'zh-TW': '自然人憑證', en: 'Certificates' },
    numbering: range(2001, 2005, 'wrap'),
    targetWaitMinutes: 15,
    targetHandlingMinutes: 5,
    allowPriority: false,
    sortOrder: 2,
  },
  {
    id: 'small',
    code: 'SM',
    names: { 'zh-TW': '小號段', en: 'Tiny range' },
    numbering: range(3001, 3003, 'refuse'),
    targetWaitMinutes: 10,
    targetHandlingMinutes: 5,
    dailyCap: null,
    sortOrder: 3,
  },
];

export const TEST_COUNTERS: CounterCreate[] = [
  { id: 'c1', number: 1, names: { 'zh-TW': '1號 愛心櫃臺' }, serviceIds: ['reg', 'cert', 'small'], isPriority: true },
  { id: 'c2', number: 2, names: { 'zh-TW': '2號櫃臺' }, serviceIds: ['reg', 'cert', 'small'] },
  { id: 'c3', number: 3, names: { 'zh-TW': '3號櫃臺' }, serviceIds: ['cert'] },
];

/** The line 'reg' takes bookings, with the defaults: from tomorrow (closing 15:00 the day before) to 7 days ahead, 2 per 15-minute slot. */
export const TEST_BOOKING: BookingSettings = { ...DEFAULT_BOOKING_SETTINGS, lines: [{ serviceId: 'reg', maxDaysAhead: null, capacityPerSlot: null }] };

export const TEST_SETUP: OfficeSetup = { office: TEST_OFFICE, services: TEST_SERVICES, counters: TEST_COUNTERS };

export interface TestApp extends JiaohaoApp {
  readonly clock: FakeClock;
  /** Bearer token of the admin account. */
  readonly adminToken: string;
  /** Creates a staff member of this role and returns their bearer token. */
  staffToken(role: Role, username?: string): Promise<string>;
  /** Registers a device and returns its token. */
  deviceToken(kind: 'kiosk' | 'display'): string;
  /** Rows in the events table (to check that a refused command wrote nothing). */
  eventCount(): number;
  close(): Promise<void>;
}

let userSeq = 0;

export async function testApp(options: { clock?: FakeClock; setup?: OfficeSetup; config?: Partial<Config>; dbPath?: string } = {}): Promise<TestApp> {
  const clock = options.clock ?? new FakeClock();
  const config = testConfig(options.config);
  const db = openDatabase(options.dbPath ?? ':memory:');
  // The bookings only with the test office's own lines: a setup of other lines may have no 'reg'.
  const setup = options.setup ?? { ...TEST_SETUP, booking: TEST_BOOKING };
  const built = await buildApp(config, { clock: clock.fn, db, setup, logger: false });
  const { auth, bus } = built.services;
  const admin = await auth.login('admin', config.adminPassword ?? '', '127.0.0.1');
  return {
    ...built,
    clock,
    adminToken: admin.token,
    async staffToken(role, username = `${role}${++userSeq}`) {
      const password = 'correct horse battery staple';
      await bus.execute(SYSTEM, 'staff:create', { username, displayName: username, role, password });
      return (await auth.login(username, password, '127.0.0.1')).token;
    },
    deviceToken(kind) {
      return bus.executeNow(SYSTEM, 'device:create', { kind, name: `${kind} ${++userSeq}` }).token;
    },
    eventCount() {
      return built.store.events.count();
    },
    async close() {
      await built.app.close();
      db.close();
    },
  };
}

export const bearerHeader = (token: string) => ({ authorization: `Bearer ${token}` });
