// Property tests of the real engine (no HTTP): random command sequences from several kiosks and
// counters, across day changes, with the invariants checked in the database after every step.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  applyEvent,
  businessDate,
  DomainError,
  formatNumber,
  fromSnapshot,
  LANGUAGES,
  MOVES,
  nextState,
  pickNext,
  rangeOf,
  REASONS,
  TICKET_STATES,
  TRANSITIONS,
  DomainEvent,
  type Language,
  type Move,
  type OfficeState,
  type TicketClass,
  type TicketState,
} from '@jiaohao/shared';
import { Value } from '@sinclair/typebox/value';
import { buildCore, openDatabase, seedOffice, type Core, type Principal } from '@jiaohao/server';
import { FakeClock, PublicFeed, SYSTEM, TEST_SETUP, TUESDAY_9AM, type TicketRow } from '@jiaohao/server/testing';

const TZ = 'Asia/Taipei';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Midnight in Taipei is 16:00 UTC. */
const TAIPEI_MIDNIGHT_UTC = 16 * 60 * MINUTE;
const COUNTERS = ['c1', 'c2', 'c3'] as const;
const SERVICES = ['reg', 'cert', 'small'] as const;
const ACTIVE = ['waiting', 'called', 'serving'];

const sortedById = <T extends { id: string }>(list: T[]): T[] => list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

function check(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

// ---- staff ----------------------------------------------------------------------------------
// openCounter stores the clerk's id (a foreign key), so the clerks need real staff rows. scrypt
// makes createStaff slow, so the rows are created once through AuthService and copied into every
// run's database.

let staffRows: Record<string, unknown>[] = [];

beforeAll(async () => {
  const db = openDatabase(':memory:');
  const { bus } = buildCore(db, () => TUESDAY_9AM, { scryptCost: 1024 });
  for (const [username, role] of [['clerk1', 'clerk'], ['clerk2', 'clerk'], ['super', 'supervisor']] as const) {
    await bus.execute(SYSTEM, 'staff:create', { username, displayName: username, role, password: 'correct horse battery staple' });
  }
  staffRows = db.prepare('SELECT * FROM staff ORDER BY username').all() as Record<string, unknown>[];
  db.close();
});

type Who = 'clerk1' | 'clerk2' | 'super' | 'k1' | 'k2' | 'k3' | 'display' | 'anon';

// ---- one office per run -----------------------------------------------------------------------

/** The commands as the test calls them, each one message to the command bus. */
function commandsOf({ bus }: Core) {
  type Who = Principal | null;
  type Reasoned = string | undefined;
  return {
    issueTicket: (who: Who, p: { serviceId: string; class?: TicketClass; language?: Language; appointmentAt?: string }) => bus.executeNow(who, 'ticket:issue', p),
    openCounter: (who: Who, counterId: string) => bus.executeNow(who, 'counter:open', { counterId }).counter,
    pauseCounter: (who: Who, counterId: string, reason: Reasoned) => bus.executeNow(who, 'counter:pause', { counterId, reason }).counter,
    closeCounter: (who: Who, counterId: string) => bus.executeNow(who, 'counter:close', { counterId }).counter,
    callNext: (who: Who, counterId: string) => bus.executeNow(who, 'counter:call-next', { counterId }),
    callTicket: (who: Who, ticketId: string, counterId: string, reason: Reasoned) => bus.executeNow(who, 'ticket:call', { ticketId, counterId, reason }).ticket,
    recall: (who: Who, ticketId: string) => bus.executeNow(who, 'ticket:recall', { ticketId }).ticket,
    start: (who: Who, ticketId: string) => bus.executeNow(who, 'ticket:start', { ticketId }).ticket,
    finish: (who: Who, ticketId: string) => bus.executeNow(who, 'ticket:finish', { ticketId }).ticket,
    noShow: (who: Who, ticketId: string, reason: Reasoned) => bus.executeNow(who, 'ticket:no-show', { ticketId, reason }).ticket,
    requeue: (who: Who, ticketId: string, reason: Reasoned) => bus.executeNow(who, 'ticket:requeue', { ticketId, reason }).ticket,
    transfer: (who: Who, ticketId: string, to: { serviceId?: string; counterId?: string }, reason: Reasoned) =>
      bus.executeNow(who, 'ticket:transfer', { ticketId, ...to, reason }).ticket,
    cancel: (who: Who, ticketId: string, p: { reason?: string; trackingToken?: string }) => bus.executeNow(who, 'ticket:cancel', { ticketId, ...p }).ticket,
    closeDay: (who: Who) => bus.executeNow(who, 'day:close', {}),
  };
}

class World {
  readonly clock = new FakeClock();
  readonly db = openDatabase(':memory:');
  readonly core = buildCore(this.db, this.clock.fn, { scryptCost: 1024 });
  readonly store = this.core.store;
  readonly engine = this.core.engine;
  readonly commands = commandsOf(this.core);
  readonly feed: PublicFeed;
  readonly who: Record<Who, Principal | null>;
  /** Tracking tokens handed out at issue, by ticket id. */
  readonly tokens = new Map<string, string>();
  private readonly q;

  constructor() {
    seedOffice(this.engine, TEST_SETUP);
    for (const row of staffRows) {
      const cols = Object.keys(row);
      this.db.prepare(`INSERT INTO staff (${cols.join(', ')}) VALUES (${cols.map((c) => '@' + c).join(', ')})`).run(row);
    }
    const staffId = (username: string) => String(staffRows.find((r) => r.username === username)?.id);
    const kiosk = (id: string): Principal => ({ kind: 'device', id, deviceKind: 'kiosk' });
    this.who = {
      clerk1: { kind: 'staff', id: staffId('clerk1'), role: 'clerk' },
      clerk2: { kind: 'staff', id: staffId('clerk2'), role: 'clerk' },
      super: { kind: 'staff', id: staffId('super'), role: 'supervisor' },
      k1: kiosk('kiosk-1'),
      k2: kiosk('kiosk-2'),
      k3: kiosk('kiosk-3'),
      display: { kind: 'device', id: 'display-1', deviceKind: 'display' },
      anon: null,
    };
    this.feed = new PublicFeed(this.engine);
    this.q = {
      tickets: this.db.prepare('SELECT * FROM tickets ORDER BY rowid'),
      idState: this.db.prepare('SELECT id, state FROM tickets ORDER BY rowid'),
      counters: this.db.prepare('SELECT * FROM counters ORDER BY id'),
      series: this.db.prepare('SELECT * FROM number_series ORDER BY service_id, business_date, series'),
      settings: this.db.prepare('SELECT * FROM settings ORDER BY key'),
      seqs: this.db.prepare('SELECT seq FROM events ORDER BY seq').pluck(),
      waiting: this.db
        .prepare(`SELECT COUNT(*) FROM tickets WHERE business_date = ? AND service_id = ? AND state = 'waiting'`)
        .pluck(),
      activeOn: this.db.prepare(
        `SELECT id, state FROM tickets WHERE business_date = ? AND state IN ('waiting', 'called', 'serving') ORDER BY id`,
      ),
    };
  }

  today(): string {
    return businessDate(this.clock.now, TZ);
  }

  tickets(): TicketRow[] {
    return this.q.tickets.all() as TicketRow[];
  }

  ticketsIn(states: readonly TicketState[]): string[] {
    return (this.q.idState.all() as { id: string; state: TicketState }[]).filter((r) => states.includes(r.state)).map((r) => r.id);
  }

  /** Everything a refused command must leave as it was. */
  digest(): string {
    return JSON.stringify([this.q.tickets.all(), this.q.counters.all(), this.q.series.all(), this.q.settings.all()]);
  }

  seqs(): number[] {
    return this.q.seqs.all() as number[];
  }

  waitingCount(date: string, serviceId: string): number {
    return this.q.waiting.get(date, serviceId) as number;
  }

  activeOn(date: string): { id: string; state: TicketState }[] {
    return this.q.activeOn.all(date) as { id: string; state: TicketState }[];
  }

  close(): void {
    this.feed.close();
    this.db.close();
  }
}

// ---- commands ---------------------------------------------------------------------------------

/** A ticket chosen when the command runs: `fit` prefers one the move applies to. */
interface Ref {
  readonly n: number;
  readonly fit: boolean;
}
type StaffWho = 'clerk1' | 'clerk2' | 'k1' | 'display' | 'anon';
type CounterId = (typeof COUNTERS)[number] | 'c9';
/** A counter chosen when the command runs: `fit` prefers one in a status the command applies to. */
interface CounterRef {
  readonly n: number;
  readonly fit: boolean;
}

type Cmd =
  | { k: 'issue'; by: 'k1' | 'k2' | 'k3' | 'clerk1' | 'display'; service: string; cls: TicketClass; apptMin: number; badAppt: boolean; lang: Language }
  | { k: 'open' | 'close' | 'next'; as: StaffWho; counter: CounterRef }
  | { k: 'pause'; as: StaffWho; counter: CounterRef; reason: string }
  | { k: 'call'; as: StaffWho; ticket: Ref; counter: CounterRef; reason: string }
  | { k: 'recall' | 'start' | 'finish'; as: StaffWho; ticket: Ref }
  | { k: 'noShow' | 'requeue' | 'cancel'; as: StaffWho; ticket: Ref; reason: string }
  | { k: 'transfer'; as: StaffWho; ticket: Ref; service: string | undefined; counter: CounterId | undefined; reason: string }
  | { k: 'residentCancel'; ticket: Ref; ownToken: boolean }
  | { k: 'closeDay'; as: 'super' | 'clerk1' }
  | { k: 'tick'; minutes: number }
  | { k: 'midnight'; minutes: number };

const MOVE_OF: Partial<Record<Cmd['k'], Move>> = {
  call: 'call',
  recall: 'recall',
  start: 'start',
  finish: 'finish',
  noShow: 'no_show',
  requeue: 'requeue',
  transfer: 'transfer',
  cancel: 'cancel',
  residentCancel: 'cancel',
};

const mostly = <T, U>(usual: fc.Arbitrary<T>, rare: fc.Arbitrary<U>, weight = 12) =>
  fc.oneof({ weight, arbitrary: usual }, { weight: 1, arbitrary: rare });
// Mostly clerk1: a counter belongs to the clerk who opened it (counter_taken), so with two clerks
// picked evenly half the moves would be refused and some kinds rarely accepted at all; clerk2
// still comes often enough to be refused at clerk1's counters, and to hold counters of its own.
const staffWho: fc.Arbitrary<StaffWho> = mostly(mostly(fc.constant('clerk1' as const), fc.constant('clerk2' as const), 4), fc.constantFrom('k1', 'display', 'anon'), 25);
const counterArb: fc.Arbitrary<CounterId> = mostly(fc.constantFrom(...COUNTERS), fc.constant('c9' as const), 25);
const counterRef: fc.Arbitrary<CounterRef> = fc.record({ n: fc.nat({ max: 999 }), fit: mostly(fc.constant(true), fc.constant(false), 4) });
const ref: fc.Arbitrary<Ref> = fc.record({ n: fc.nat({ max: 999 }), fit: mostly(fc.constant(true), fc.constant(false), 5) });
const reasonFor = (list: readonly string[]) => mostly(fc.constantFrom(...list), fc.constantFrom('bogus', ''), 15);

const cmdArb: fc.Arbitrary<Cmd> = fc.oneof(
  {
    weight: 60,
    arbitrary: fc.record({
      k: fc.constant('issue' as const),
      by: mostly(fc.constantFrom('k1', 'k2', 'k3', 'clerk1'), fc.constant('display' as const), 25),
      service: mostly(fc.constantFrom(...SERVICES), fc.constant('nope'), 25),
      cls: fc.constantFrom<TicketClass>('normal', 'normal', 'normal', 'priority', 'appointment'),
      apptMin: fc.integer({ min: -40, max: 40 }),
      badAppt: mostly(fc.constant(false), fc.constant(true), 25),
      lang: fc.constantFrom(...LANGUAGES),
    }),
  },
  { weight: 24, arbitrary: fc.record({ k: fc.constant('open' as const), as: staffWho, counter: counterRef }) },
  { weight: 5, arbitrary: fc.record({ k: fc.constant('pause' as const), as: staffWho, counter: counterRef, reason: reasonFor(REASONS.pause) }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constant('close' as const), as: staffWho, counter: counterRef }) },
  { weight: 48, arbitrary: fc.record({ k: fc.constant('next' as const), as: staffWho, counter: counterRef }) },
  { weight: 9, arbitrary: fc.record({ k: fc.constant('call' as const), as: staffWho, ticket: ref, counter: counterRef, reason: reasonFor(REASONS.call) }) },
  { weight: 12, arbitrary: fc.record({ k: fc.constant('recall' as const), as: staffWho, ticket: ref }) },
  { weight: 36, arbitrary: fc.record({ k: fc.constant('start' as const), as: staffWho, ticket: ref }) },
  { weight: 30, arbitrary: fc.record({ k: fc.constant('finish' as const), as: staffWho, ticket: ref }) },
  { weight: 12, arbitrary: fc.record({ k: fc.constant('noShow' as const), as: staffWho, ticket: ref, reason: reasonFor(REASONS.no_show) }) },
  { weight: 9, arbitrary: fc.record({ k: fc.constant('requeue' as const), as: staffWho, ticket: ref, reason: reasonFor(REASONS.requeue) }) },
  {
    weight: 24,
    arbitrary: fc.record({
      k: fc.constant('transfer' as const),
      as: staffWho,
      ticket: ref,
      service: fc.option(mostly(fc.constantFrom(...SERVICES), fc.constant('nope'), 25), { nil: undefined }),
      counter: fc.option(counterArb, { nil: undefined }),
      reason: reasonFor(REASONS.transfer),
    }),
  },
  { weight: 6, arbitrary: fc.record({ k: fc.constant('cancel' as const), as: staffWho, ticket: ref, reason: reasonFor(REASONS.cancel) }) },
  { weight: 6, arbitrary: fc.record({ k: fc.constant('residentCancel' as const), ticket: ref, ownToken: mostly(fc.constant(true), fc.constant(false), 6) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('closeDay' as const), as: mostly(fc.constant('super' as const), fc.constant('clerk1' as const), 4) }) },
  { weight: 15, arbitrary: fc.record({ k: fc.constant('tick' as const), minutes: fc.integer({ min: 0, max: 90 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('midnight' as const), minutes: fc.integer({ min: 0, max: 600 }) }) },
);

const MISSING_TICKET = '00000000-0000-4000-8000-000000000000';

function resolveTicket(w: World, r: Ref, states: readonly TicketState[]): string {
  if (r.fit) {
    const fitting = w.ticketsIn(states);
    if (fitting.length > 0) return fitting[r.n % fitting.length]!;
  }
  const all = w.ticketsIn(TICKET_STATES);
  if (all.length === 0 || r.n % 20 === 19) return MISSING_TICKET;
  return all[r.n % all.length]!;
}

function resolveCounter(w: World, r: CounterRef, statuses: readonly string[]): CounterId {
  if (r.fit) {
    const fitting = w.store.counters.list().filter((c) => statuses.includes(c.status));
    if (fitting.length > 0) return fitting[r.n % fitting.length]!.id as CounterId;
  }
  return r.n % 25 === 24 ? 'c9' : COUNTERS[r.n % COUNTERS.length]!;
}

// ---- invariants -------------------------------------------------------------------------------

const ALLOWED_MOVES = new Set(MOVES.flatMap((m) => TRANSITIONS[m].from.map((from) => `${from}>${TRANSITIONS[m].to}`)));

const MOVE_OF_EVENT: Record<string, Move> = {
  'ticket:called': 'call',
  'ticket:recalled': 'recall',
  'ticket:started': 'start',
  'ticket:finished': 'finish',
  'ticket:missed': 'no_show',
  'ticket:requeued': 'requeue',
  'ticket:transferred': 'transfer',
  'ticket:cancelled': 'cancel',
  'ticket:expired': 'expire',
  'ticket:returned': 'return',
};

interface Tracker {
  /** Ticket states after the previous step, from the database. */
  states: Map<string, TicketState>;
  /** Ticket states as the event stream tells them. */
  eventStates: Map<string, TicketState>;
  /** The client's state: a snapshot plus every event since. */
  client: OfficeState;
  dayChanges: number;
}

function newTracker(w: World): Tracker {
  return { states: new Map(), eventStates: new Map(), client: fromSnapshot(w.core.queries.snapshot()), dayChanges: 0 };
}

function checkInvariants(w: World, tr: Tracker): void {
  const rows = w.tickets();
  const today = w.today();

  // Each ticket is in exactly one valid state, consistent with its columns; none disappears.
  check(rows.length >= tr.states.size, `tickets went from ${tr.states.size} to ${rows.length}`);
  const byId = new Map(rows.map((r) => [r.id, r]));
  let added = 0;
  for (const r of rows) {
    check((TICKET_STATES as readonly string[]).includes(r.state), `ticket ${r.id} has state ${r.state}`);
    const atCounter = r.state === 'called' || r.state === 'serving';
    check(!atCounter || (r.counter_id !== null && r.called_at !== null), `${r.state} ticket ${r.number} has no counter/called_at`);
    check(!atCounter || r.target_counter_id === null, `${r.state} ticket ${r.number} is still sent to ${r.target_counter_id}`);
    check(r.state !== 'serving' || r.started_at !== null, `serving ticket ${r.number} has no started_at`);
    check(r.state !== 'waiting' || r.counter_id === null, `waiting ticket ${r.number} is at counter ${r.counter_id}`);
    const prev = tr.states.get(r.id);
    if (prev === undefined) {
      added++;
      check(r.state === 'waiting', `new ticket ${r.number} starts ${r.state}`);
    } else if (prev !== r.state) {
      check(ALLOWED_MOVES.has(`${prev}>${r.state}`), `ticket ${r.number} moved ${prev} -> ${r.state}, not in TRANSITIONS`);
    }
  }
  check(added <= 1, `${added} tickets appeared in one step`);
  for (const id of tr.states.keys()) check(byId.has(id), `ticket ${id} disappeared`);
  tr.states = new Map(rows.map((r) => [r.id, r.state]));

  // Numbers. A ticket keeps the number of the line it was issued in, even after a transfer.
  const settledDate = w.store.office.businessDate();
  const issuedOnce = new Set<string>();
  const activeKey = new Set<string>();
  const heldNumber = new Set<string>();
  for (const r of rows) {
    const transfers = JSON.parse(r.transfers) as { fromServiceId: string }[];
    const origin = transfers[0]?.fromServiceId ?? r.service_id;
    const service = w.store.services.byId(origin);
    check(service, `ticket ${r.number}: no service ${origin}`);
    const range = rangeOf(service, r.series);
    check(r.value >= range.start && r.value <= range.end, `ticket ${r.number}: ${r.value} is outside ${range.start}-${range.end}`);
    check(r.number === formatNumber(range, r.value), `ticket number ${r.number} is not value ${r.value} formatted`);
    const pos = w.store.tickets.seriesPosition(origin, r.business_date, r.series);
    check(
      pos.last !== null && (r.cycle < pos.cycle || (r.cycle === pos.cycle && r.value <= pos.last)),
      `ticket ${r.number} (cycle ${r.cycle}) is past its series position ${JSON.stringify(pos)}`,
    );
    // refuse: a number once per (service, date); wrap: once per (service, date, series, cycle).
    if (range.onExhausted === 'refuse') check(r.cycle === 0, `refuse-range ticket ${r.number} has cycle ${r.cycle}`);
    const key = range.onExhausted === 'refuse' ? `${origin}|${r.business_date}|${r.value}` : `${origin}|${r.business_date}|${r.series}|${r.cycle}|${r.value}`;
    check(!issuedOnce.has(key), `number ${r.number} issued twice (${key})`);
    issuedOnce.add(key);
    if (ACTIVE.includes(r.state) || r.state === 'no_show') {
      // What the resident holds is the printed number, which a transfer keeps and a requeue brings back.
      const n = `${r.business_date}|${r.number}`;
      check(!heldNumber.has(n), `two people in the office hold number ${r.number} on ${r.business_date}`);
      heldNumber.add(n);
    }
    if (ACTIVE.includes(r.state)) {
      const k = `${r.service_id}|${r.business_date}|${r.series}|${r.value}`;
      check(!activeKey.has(k), `two active tickets share ${k}`);
      activeKey.add(k);
      // The first command of a day expires what earlier days left open.
      check(settledDate === null || r.business_date >= settledDate, `${r.state} ticket ${r.number} of ${r.business_date} outlived its day (${settledDate})`);
    }
  }

  // Counters: one called/serving ticket per counter, at a counter that exists and is not closed.
  const counters = new Map(w.store.counters.list().map((c) => [c.id, c]));
  const busy = new Set<string>();
  for (const r of rows) {
    if (r.state !== 'called' && r.state !== 'serving') continue;
    const c = counters.get(r.counter_id!);
    check(c, `ticket ${r.number} is at unknown counter ${r.counter_id}`);
    check(c.status !== 'closed', `closed counter ${c.id} holds ticket ${r.number}`);
    check(!busy.has(c.id), `counter ${c.id} has two called/serving tickets`);
    busy.add(c.id);
  }

  // The event log: seq 1..N without gaps, chain intact.
  const seqs = w.seqs();
  for (let i = 0; i < seqs.length; i++) check(seqs[i] === i + 1, `event seq ${seqs[i]} at position ${i + 1}`);
  check(w.store.events.lastSeq === seqs.length, `lastSeq ${w.store.events.lastSeq} but ${seqs.length} events`);
  check(w.store.events.verifyChain() === null, `hash chain broken at ${w.store.events.verifyChain()}`);

  // Snapshot and public feed agree with the database for today.
  const snap = w.core.queries.snapshot();
  check(snap.businessDate === today && snap.seq === seqs.length, 'snapshot date/seq');
  const activeToday = w.activeOn(today);
  const snapTickets = sortedById(snap.tickets.map((t) => ({ id: t.id, state: t.state })));
  expect(snapTickets, 'snapshot tickets = active tickets of today').toEqual(activeToday);
  const status = w.feed.current().status;
  check(status.seq === seqs.length, `public seq ${status.seq}, log at ${seqs.length}`);
  for (const s of SERVICES) {
    const pub = status.services.find((x) => x.id === s);
    check(pub, `public status has no service ${s}`);
    check(pub.waiting === w.waitingCount(today, s), `public waiting ${s}: ${pub.waiting}, database ${w.waitingCount(today, s)}`);
  }

  // The event stream: every ticket event is a move allowed from the state the stream last showed.
  const events: DomainEvent[] = w.store.events.after(tr.client.seq);
  // Every event the server appended fits the published contract.
  for (const e of events) check(Value.Check(DomainEvent, e), `seq ${e.seq} (${e.type}) does not fit the DomainEvent schema`);
  for (const e of events) {
    if (!e.type.startsWith('ticket:')) continue;
    const t = (e.data as { ticket: { id: string; state: TicketState } }).ticket;
    const prev = tr.eventStates.get(t.id);
    if (e.type === 'ticket:issued') check(prev === undefined && t.state === 'waiting', `seq ${e.seq}: issued twice or not waiting`);
    else {
      const move = MOVE_OF_EVENT[e.type]!;
      check(prev !== undefined && nextState(prev, move) === t.state, `seq ${e.seq}: ${e.type} moved ${prev} -> ${t.state}`);
    }
    tr.eventStates.set(t.id, t.state);
  }
  for (const r of rows) check(tr.eventStates.get(r.id) === r.state, `events say ticket ${r.number} is ${tr.eventStates.get(r.id)}, database ${r.state}`);

  // The client reducer, fed every event, ends where a fresh snapshot starts.
  let client = tr.client;
  for (const e of events) client = applyEvent(client, e);
  check(!client.stale && client.seq === snap.seq, `client at seq ${client.seq} (stale ${client.stale}), log at ${snap.seq}`);
  if (client.businessDate !== snap.businessDate) {
    // The clock passed midnight and no command has run since: the client takes a new snapshot.
    tr.dayChanges++;
    client = fromSnapshot(snap);
  } else {
    expect(sortedById(Object.values(client.tickets)), 'reducer tickets = snapshot tickets').toEqual(sortedById([...snap.tickets]));
    expect(sortedById(Object.values(client.counters)), 'reducer counters = snapshot counters').toEqual(sortedById([...snap.counters]));
  }
  tr.client = client;
}

// ---- running one command ----------------------------------------------------------------------

/** What the runs reached, so a generator that stops reaching something fails the test. */
interface Stats {
  refused: number;
  accepted: Record<string, number>;
  dayChanges: number;
  runsAcrossDays: number;
}

function runCommand(w: World, cmd: Cmd, stats: Stats): void {
  const { commands: C } = w;
  if (cmd.k === 'tick') {
    w.clock.minutes(cmd.minutes);
    return;
  }
  if (cmd.k === 'midnight') {
    const lastMidnight = Math.floor((w.clock.now - TAIPEI_MIDNIGHT_UTC) / DAY) * DAY + TAIPEI_MIDNIGHT_UTC;
    w.clock.now = lastMidnight + DAY + cmd.minutes * MINUTE;
    return;
  }

  const move = MOVE_OF[cmd.k];
  const eventsBefore = w.store.events.count();
  const digestBefore = w.digest();
  let ticketId: string | null = null;
  let stateBefore: TicketState | undefined;
  // What pickNext, the pure rule, says over the whole waiting line.
  let expectedPick: { id: string; reason: string } | null | undefined;

  const who = (as: Who) => w.who[as];
  const act = (): unknown => {
    switch (cmd.k) {
      case 'issue': {
        const appointmentAt =
          cmd.cls === 'appointment' || cmd.badAppt ? new Date(w.clock.now + cmd.apptMin * MINUTE).toISOString() : undefined;
        const cls = cmd.badAppt && cmd.cls === 'appointment' ? 'normal' : cmd.cls;
        const body = { serviceId: cmd.service, class: cls, language: cmd.lang, ...(appointmentAt ? { appointmentAt } : {}) };
        const res = C.issueTicket(who(cmd.by), body);
        check(res.ticket.trackingToken, 'an issued ticket comes with its tracking token');
        w.tokens.set(res.ticket.id, res.ticket.trackingToken);
        check(res.ticket.state === 'waiting' && res.ticket.businessDate === w.today(), 'issued ticket is not waiting today');
        return res;
      }
      case 'open': {
        const c = C.openCounter(who(cmd.as), resolveCounter(w, cmd.counter, ['closed', 'paused']));
        check(c.status === 'open', 'opened counter is not open');
        return c;
      }
      case 'pause':
        return C.pauseCounter(who(cmd.as), resolveCounter(w, cmd.counter, ['open']), cmd.reason);
      case 'close': {
        const c = C.closeCounter(who(cmd.as), resolveCounter(w, cmd.counter, ['open', 'paused']));
        check(c.status === 'closed', 'closed counter is not closed');
        return c;
      }
      case 'next': {
        // Prefer an open counter with nobody at it.
        const idle = w.store.counters.list().filter((c) => c.status === 'open' && !w.store.tickets.atCounter(c.id));
        const counterId = cmd.counter.fit && idle.length > 0 ? (idle[cmd.counter.n % idle.length]!.id as CounterId) : resolveCounter(w, cmd.counter, ['open']);
        const counter = w.store.counters.byId(counterId);
        if (counter) {
          const targets: Record<string, number> = {};
          for (const s of w.store.services.list()) targets[s.id] = s.targetWaitMinutes;
          const pick = pickNext(w.store.tickets.waitingOn(w.today()), counter, w.clock.now, w.store.office.policy(), targets);
          expectedPick = pick && { id: pick.ticket.id, reason: pick.reason };
        }
        const res = C.callNext(who(cmd.as), counterId);
        check(expectedPick !== undefined, 'call-next succeeded at an unknown counter');
        check(
          (res.ticket?.id ?? null) === (expectedPick?.id ?? null) && res.reason === (expectedPick?.reason ?? null),
          `call-next at ${counterId} picked ${res.ticket?.number ?? 'nothing'} (${res.reason}); pickNext over the whole line says ${expectedPick?.id ?? 'nothing'} (${expectedPick?.reason ?? null})`,
        );
        if (res.ticket) stats.accepted['next:called'] = (stats.accepted['next:called'] ?? 0) + 1;
        check(res.ticket === null || (res.ticket.state === 'called' && res.ticket.counterId === counterId), 'call-next result');
        return res;
      }
      case 'call':
        ticketId = resolveTicket(w, cmd.ticket, TRANSITIONS.call.from);
        stateBefore = w.store.tickets.byId(ticketId)?.state;
        return C.callTicket(who(cmd.as), ticketId, resolveCounter(w, cmd.counter, ['open']), cmd.reason);
      case 'recall':
      case 'start':
      case 'finish': {
        ticketId = resolveTicket(w, cmd.ticket, TRANSITIONS[move!].from);
        stateBefore = w.store.tickets.byId(ticketId)?.state;
        return C[cmd.k](who(cmd.as), ticketId);
      }
      case 'noShow':
      case 'requeue':
      case 'cancel': {
        ticketId = resolveTicket(w, cmd.ticket, TRANSITIONS[move!].from);
        stateBefore = w.store.tickets.byId(ticketId)?.state;
        if (cmd.k === 'cancel') return C.cancel(who(cmd.as), ticketId, { reason: cmd.reason });
        return C[cmd.k](who(cmd.as), ticketId, cmd.reason);
      }
      case 'transfer': {
        ticketId = resolveTicket(w, cmd.ticket, TRANSITIONS.transfer.from);
        stateBefore = w.store.tickets.byId(ticketId)?.state;
        const to = { ...(cmd.service ? { serviceId: cmd.service } : {}), ...(cmd.counter ? { counterId: cmd.counter } : {}) };
        return C.transfer(who(cmd.as), ticketId, to, cmd.reason);
      }
      case 'residentCancel': {
        ticketId = resolveTicket(w, cmd.ticket, TRANSITIONS.cancel.from);
        stateBefore = w.store.tickets.byId(ticketId)?.state;
        const others = [...w.tokens.entries()].filter(([id]) => id !== ticketId);
        const token = cmd.ownToken ? w.tokens.get(ticketId) : others[cmd.ticket.n % Math.max(1, others.length)]?.[1];
        return C.cancel(null, ticketId, { trackingToken: token ?? 'not-a-token' });
      }
      case 'closeDay': {
        const res = C.closeDay(who(cmd.as));
        check(w.activeOn(w.today()).length === 0, 'active tickets left after the day was closed');
        check(w.store.counters.list().every((c) => c.status === 'closed'), 'a counter is open after the day was closed');
        return res;
      }
    }
  };

  let refused: DomainError | null = null;
  let result: unknown;
  try {
    result = act();
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    refused = err;
  }

  if (refused) {
    stats.refused++;
    check(w.store.events.count() === eventsBefore, `refused ${cmd.k} (${refused.code}) appended events`);
    check(w.digest() === digestBefore, `refused ${cmd.k} (${refused.code}) changed the database`);
    return;
  }
  stats.accepted[cmd.k] = (stats.accepted[cmd.k] ?? 0) + 1;
  if (move && ticketId !== null) {
    // The transition table decides: a move it does not allow is never accepted.
    check(stateBefore !== undefined && TRANSITIONS[move].from.includes(stateBefore), `${cmd.k} accepted on a ${stateBefore} ticket`);
    const after = (result as { state: TicketState }).state;
    check(after === TRANSITIONS[move].to, `${cmd.k} left the ticket ${after}, not ${TRANSITIONS[move].to}`);
  }
}

// ---- the properties ---------------------------------------------------------------------------

describe('engine (property-based)', () => {
  it('keeps its invariants under random commands from kiosks and counters, across day changes', () => {
    const stats: Stats = { refused: 0, accepted: {}, dayChanges: 0, runsAcrossDays: 0 };
    fc.assert(
      fc.property(fc.array(cmdArb, { minLength: 1, maxLength: 80, size: 'max' }), (cmds) => {
        const w = new World();
        try {
          const tr = newTracker(w);
          checkInvariants(w, tr);
          for (const cmd of cmds) {
            runCommand(w, cmd, stats);
            checkInvariants(w, tr);
          }
          stats.dayChanges += tr.dayChanges;
          if ((w.db.prepare('SELECT COUNT(DISTINCT business_date) FROM events').pluck().get() as number) > 1) stats.runsAcrossDays++;
        } finally {
          w.close();
        }
      }),
      { numRuns: 60 },
    );
    // The generator reaches what the invariants are about.
    for (const k of ['issue', 'next', 'next:called', 'call', 'recall', 'start', 'finish', 'noShow', 'requeue', 'transfer', 'cancel', 'residentCancel', 'closeDay', 'open', 'pause', 'close']) {
      expect(stats.accepted[k] ?? 0, `accepted ${k} commands`).toBeGreaterThan(0);
    }
    expect(stats.refused).toBeGreaterThan(0);
    expect(stats.dayChanges).toBeGreaterThan(0);
    expect(stats.runsAcrossDays).toBeGreaterThan(0);
  });

  it('reuses a 5-number wrap range many times over without two people holding one number', () => {
    type CounterId3 = (typeof COUNTERS)[number];
    type Extra =
      | { k: 'serve' | 'missed' | 'transfer'; counter: CounterId3 }
      | { k: 'cancel' | 'requeue'; n: number }
      | { k: 'tick'; minutes: number }
      | { k: 'none' };
    const counter3 = fc.constantFrom(...COUNTERS);
    const extraArb: fc.Arbitrary<Extra> = fc.oneof(
      { weight: 8, arbitrary: fc.record({ k: fc.constant('serve' as const), counter: counter3 }) },
      { weight: 1, arbitrary: fc.record({ k: fc.constant('missed' as const), counter: counter3 }) },
      { weight: 1, arbitrary: fc.record({ k: fc.constant('transfer' as const), counter: counter3 }) },
      { weight: 1, arbitrary: fc.record({ k: fc.constant('cancel' as const), n: fc.nat({ max: 99 }) }) },
      { weight: 1, arbitrary: fc.record({ k: fc.constant('requeue' as const), n: fc.nat({ max: 99 }) }) },
      { weight: 1, arbitrary: fc.record({ k: fc.constant('tick' as const), minutes: fc.integer({ min: 0, max: 5 }) }) },
      { weight: 2, arbitrary: fc.constant({ k: 'none' as const }) },
    );
    let wraps = 0;
    let exhausted = 0;

    fc.assert(
      fc.property(fc.array(extraArb, { minLength: 30, maxLength: 45, size: 'max' }), (extras) => {
        const w = new World();
        try {
          const clerk = w.who.clerk1;
          const kiosk = w.who.k1;
          for (const c of COUNTERS) w.commands.openCounter(clerk, c);
          const range = w.store.services.byId('cert')!.numbering;
          const size = range.end - range.start + 1;
          // Who may still come to a counter with a number: waiting, at a counter, or missed (a
          // no-show can be requeued). Transferred tickets keep their cert number in another line.
          const holders = w.db.prepare(
            `SELECT number, value FROM tickets WHERE business_date = ? AND state IN ('waiting', 'called', 'serving', 'no_show')`,
          );
          const heldCertValues = (): Set<number> => {
            const rows = holders.all(w.today()) as { number: string; value: number }[];
            const numbers = rows.map((r) => r.number);
            check(new Set(numbers).size === numbers.length, `two people hold the same number: ${numbers.sort().join(',')}`);
            return new Set(rows.filter((r) => r.number === formatNumber(range, r.value) && r.value >= range.start && r.value <= range.end).map((r) => r.value));
          };
          let last: number | null = null;
          let cycle = 0;

          for (const extra of extras) {
            // Each round issues one cert ticket, then does one other thing.
            const held = heldCertValues();
            // The model: the next value after the last one, wrapping, skipping held values.
            let expected: number | null = null;
            let expectedCycle = cycle;
            for (let i = 0; i < size; i++) {
              let v: number = last === null ? range.start + i : last + 1 + i;
              let c = cycle;
              if (v > range.end) {
                v -= size;
                c += 1;
              }
              if (!held.has(v)) {
                expected = v;
                expectedCycle = c;
                break;
              }
            }
            try {
              const { ticket } = w.commands.issueTicket(kiosk, { serviceId: 'cert' });
              check(expected !== null, `issued ${ticket.number} while all ${size} numbers were held`);
              check(
                ticket.value === expected && ticket.cycle === expectedCycle,
                `issued ${ticket.value}/${ticket.cycle}, expected ${expected}/${expectedCycle} (held ${[...held].join(',')})`,
              );
              if (ticket.cycle > cycle) wraps++;
              last = ticket.value;
              cycle = ticket.cycle;
            } catch (err) {
              if (!(err instanceof DomainError)) throw err;
              check(err.code === 'range_exhausted', `issue refused with ${err.code}`);
              check(held.size === size, `range_exhausted with only ${held.size} of ${size} numbers held`);
              exhausted++;
            }
            heldCertValues();

            const at = 'counter' in extra ? w.store.tickets.atCounter(extra.counter) : undefined;
            switch (extra.k) {
              case 'serve':
                // One step of a counter's work: call, start or finish.
                if (!at) w.commands.callNext(clerk, extra.counter);
                else if (at.state === 'called') w.commands.start(clerk, at.id);
                else w.commands.finish(clerk, at.id);
                break;
              case 'missed':
                if (at?.state === 'called') w.commands.noShow(clerk, at.id, 'left_office');
                break;
              case 'transfer':
                if (at?.state === 'serving' && at.serviceId === 'cert') w.commands.transfer(clerk, at.id, { serviceId: 'reg' }, 'other_service_needed');
                break;
              case 'cancel':
              case 'requeue': {
                const list = w.ticketsIn([extra.k === 'cancel' ? 'waiting' : 'no_show']);
                const id = list[extra.n % Math.max(1, list.length)];
                if (id && extra.k === 'cancel') w.commands.cancel(clerk, id, { reason: 'resident_request' });
                if (id && extra.k === 'requeue') w.commands.requeue(clerk, id, 'resident_returned');
                break;
              }
              case 'tick':
                w.clock.minutes(extra.minutes);
                break;
              case 'none':
                break;
            }
          }
          heldCertValues();
        } finally {
          w.close();
        }
      }),
      { numRuns: 40 },
    );
    expect(wraps, 'the range wrapped').toBeGreaterThan(0);
    expect(exhausted, 'the range was exhausted').toBeGreaterThan(0);
  });
});
