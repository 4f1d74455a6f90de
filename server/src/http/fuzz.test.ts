// Fuzzing every route of the OpenAPI document and every socket namespace with fast-check: whatever
// arrives (schema-shaped values at and past their bounds, leap seconds, `__proto__` keys, unicode,
// nulls, deep nesting, broken JSON, unknown event names), the server answers with a 4xx in the
// { error: { code, message } } shape or a 2xx, never a 5xx, acks in the Ack shape, never
// `internal`, and the office's invariants hold afterwards.
//
// Bounded for `npm test` (a few seconds: some hundred requests and messages in all) and seeded: a
// failure prints the seed, and JIAOHAO_FUZZ_SEED=<seed> runs the same again. The runs of one
// property share one office, so replay them from the start (the seed), not from the path alone.
import fc from 'fast-check';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import {
  CLIENT_EVENTS,
  COMMAND_NAMES,
  COMMANDS,
  deviceCommandNames,
  DomainError,
  ERROR_CODES,
  ERROR_STATUS,
  NAMESPACES,
  Snapshot,
  staffCommandNames,
  type Access,
  type Audience,
  type CommandName,
  type ErrorCode,
} from '@jiaohao/shared';
import type { Socket as ClientSocket } from 'socket.io-client';
import type { TicketRow } from '../modules/tickets/tickets.repo';
import { bearerHeader, TUESDAY_9AM, type TestApp } from '../testing/fixtures';
import { socketTestbed, untyped, WAIT_MS } from '../testing/sockets';

const SEED = Number(process.env.JIAOHAO_FUZZ_SEED ?? 20_261_201);

function check(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

// ---- values -------------------------------------------------------------------------------------

type Json = Record<string, unknown>;

/** A value taken, when the request is sent, from what the office holds now (a real ticket id…). */
class FromPool {
  constructor(
    readonly pool: PoolName,
    readonly n: number,
  ) {}
  [fc.toStringMethod](): string {
    return `FromPool(${this.pool}, ${this.n})`;
  }
}
type PoolName = 'ticket' | 'service' | 'counter' | 'staff' | 'device' | 'announcement' | 'trackingToken' | 'username' | 'password' | 'any';
/** Which pool a property or path parameter of this name draws from. */
const POOL_OF: Readonly<Record<string, PoolName>> = {
  ticketId: 'ticket',
  id: 'any',
  serviceId: 'service',
  counterId: 'counter',
  staffId: 'staff',
  deviceId: 'device',
  announcementId: 'announcement',
  trackingToken: 'trackingToken',
  token: 'trackingToken',
  username: 'username',
  password: 'password',
};
/** The password testApp gives every account it creates. */
const TEST_PASSWORD = 'correct horse battery staple';

const EDGE_STRINGS = [
  '',
  ' ',
  'NaN',
  'Infinity',
  '-0',
  '1e300',
  'null',
  'undefined',
  'true',
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  '../../etc/passwd',
  '%00',
  '\u0000',
  '\uFFFF',
  '\uD800',
  '😀👩‍👩‍👧',
  '戶籍登記',
  'Ｒｅｇ',
  'x'.repeat(65),
  'x'.repeat(5_000),
  '<script>alert(1)</script>',
  "'; DROP TABLE tickets; --",
  '2026-12-02T23:59:60+08:00',
  '2026-12-31T23:59:60Z',
  '2026-02-30T10:00:00Z',
  '2026-12-02T24:00:00Z',
  '2026-12-01t09:00:00z',
  '+275760-09-13T00:00:00Z',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  'reg',
  'cert',
  'small',
  'c1',
  'c9',
];
/** What a number field most likely mishandles: too big for SQLite, not an integer, negative. */
const EDGE_INTEGERS = [1e300, -1e300, 2 ** 53 + 2, 1e21, 1.5, -1, 0, 5e-324];
const EDGE_NUMBERS = [0, -0, 1, -1, 0.5, 1.5, -1.5, 999, 1000, 999_999, 1_000_000, 1_000_001, 2 ** 31, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 1e21, 1e300, -1e300, 5e-324];

const edgeString = fc.constantFrom(...EDGE_STRINGS);
const edgeNumber = fc.constantFrom(...EDGE_NUMBERS);

/** Nested a few thousand levels deep, built only when serialised (and printed short in a counterexample). */
class Deep {
  constructor(
    readonly depth: number,
    readonly arrays: boolean,
  ) {}
  toJSON(): unknown {
    let v: unknown = 'bottom';
    for (let i = 0; i < this.depth; i++) v = this.arrays ? [v] : { a: v };
    return v;
  }
  [fc.toStringMethod](): string {
    return `Deep(${this.depth}, ${this.arrays ? 'arrays' : 'objects'})`;
  }
}
const deep = fc.tuple(fc.integer({ min: 50, max: 3_000 }), fc.boolean()).map(([depth, arrays]) => new Deep(depth, arrays));

/** An object with an own `__proto__` (or constructor.prototype) key, as JSON.parse would make it. */
const poisoned = fc.tuple(fc.constantFrom('__proto__', 'constructor'), fc.jsonValue({ maxDepth: 1 })).map(([key, v]) => {
  const o: Record<string, unknown> = { serviceId: 'reg' };
  Object.defineProperty(o, key, { value: key === 'constructor' ? { prototype: v } : v, enumerable: true, configurable: true, writable: true });
  return o;
});

const garbage: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.oneof(edgeString, edgeNumber, fc.constant(null), fc.boolean()) },
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3, stringUnit: 'grapheme' }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: deep },
  { weight: 1, arbitrary: poisoned },
);

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
/** Real date-times near the fake clock, in UTC and in Taipei. */
const realInstant = fc.oneof(
  fc.integer({ min: -3 * 86_400_000, max: 3 * 86_400_000 }).map((d) => new Date(TUESDAY_9AM + d).toISOString()),
  fc.integer({ min: -3 * 86_400_000, max: 3 * 86_400_000 }).map((d) => `${new Date(TUESDAY_9AM + d + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`),
);
/** Date-times: real ones, and field salads (Feb 30, 24:00, :60, odd zones). */
const instant = fc.oneof(
  realInstant,
  fc
    .tuple(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
      fc.integer({ min: 0, max: 25 }),
      fc.integer({ min: 0, max: 61 }),
      fc.integer({ min: 0, max: 61 }),
      fc.constantFrom('Z', '+08:00', '-00:00', '+14:00', '-12:00', '+24:00', '+08:60', 'z', ''),
    )
    .map(([y, mo, d, h, mi, s, zone]) => `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${zone}`),
  edgeString,
);

const MISSING = Symbol('missing');

/**
 * Values for a JSON schema (TypeBox's or the OpenAPI document's): ones that fit it (so the handlers
 * behind the validators run too), ones that fit but for one edge value (1e300 as a sort order, a
 * leap second as an appointment), and ones shaped like it at and past its bounds, with stray keys
 * and now and then garbage anywhere.
 */
function valueFor(schema: Json): fc.Arbitrary<unknown> {
  const fitting = shaped(schema, '', 0, true);
  const edged = (base: fc.Arbitrary<unknown>) => fc.tuple(base, fc.nat(), fc.nat()).map(([value, at, edge]) => withOneEdge(value, at, edge));
  return fc.oneof(fitting, edged(withOneOptional(schema)), edged(fitting), fromSchema(schema));
}

/** A fitting object with its required properties and one optional one: an edge in it is the only thing wrong. */
function withOneOptional(schema: Json): fc.Arbitrary<unknown> {
  const props = (schema.properties ?? {}) as Record<string, Json>;
  const required = new Set((schema.required ?? []) as string[]);
  const optional = Object.keys(props).filter((key) => !required.has(key));
  if (schema.type !== 'object' || optional.length === 0) return shaped(schema, '', 0, true);
  return fc.constantFrom(...optional).chain((key) => {
    const keep = Object.fromEntries(Object.entries(props).filter(([k]) => required.has(k) || k === key));
    return shaped({ ...schema, properties: keep, required: [...required, key] }, '', 0, true);
  });
}

/** How much a route's body holds: routes with more to get wrong get more of the runs. */
function weightOf(route: Route): number {
  return 1 + Math.min(8, Object.keys((route.body?.properties ?? {}) as object).length);
}

/** A copy of the plain objects and arrays in `value`; anything else (FromPool, Deep) is shared. */
function cloneTree(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cloneTree);
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) Object.defineProperty(out, key, { value: cloneTree(v), enumerable: true, configurable: true, writable: true });
  return out;
}

/** `value` with one of its leaves (the `at`-th, wrapping) replaced by an edge value of the same type. */
function withOneEdge(value: unknown, at: number, edge: number): unknown {
  const leaves: (readonly (string | number)[])[] = [];
  const walk = (v: unknown, path: readonly (string | number)[]) => {
    if (Array.isArray(v)) v.forEach((item, i) => walk(item, [...path, i]));
    else if (v !== null && typeof v === 'object' && !(v instanceof FromPool)) for (const [key, item] of Object.entries(v)) walk(item, [...path, key]);
    else leaves.push(path);
  };
  walk(value, []);
  const path = leaves[at % Math.max(1, leaves.length)];
  if (path === undefined || path.length === 0) return value;
  const copy = cloneTree(value) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  const old = parent[last];
  const edges: readonly unknown[] = typeof old === 'number' ? EDGE_INTEGERS : typeof old === 'boolean' ? [null, 'true', 0] : EDGE_STRINGS;
  parent[last] = edges[edge % edges.length];
  return copy;
}

function fromSchema(schema: Json, name = '', depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 8, arbitrary: shaped(schema, name, depth, false) }, { weight: 1, arbitrary: garbage });
}

/** `clean`: values that fit the schema, no more. */
function shaped(schema: Json, name: string, depth: number, clean: boolean): fc.Arbitrary<unknown> {
  if (depth > 6) return clean ? fc.constant(null) : garbage;
  const arb = shapedOnly(schema, name, depth, clean);
  // OpenAPI 3.0 writes a TypeBox union with null as `nullable`.
  return schema.nullable === true ? fc.oneof(arb, fc.constant(null)) : arb;
}

function shapedOnly(schema: Json, name: string, depth: number, clean: boolean): fc.Arbitrary<unknown> {
  const next = (s: Json, key = name) => (clean ? shaped(s, key, depth + 1, true) : fromSchema(s, key, depth + 1));
  const alternatives = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
  if (alternatives) return fc.oneof(...alternatives.map((s) => shaped(s, name, depth + 1, clean)));
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  switch (schema.type) {
    case 'object':
      return objectOf(schema, next, clean);
    case 'array': {
      const max = typeof schema.maxItems === 'number' ? schema.maxItems : 4;
      const min = typeof schema.minItems === 'number' ? schema.minItems : 0;
      const items = schema.items as Json | undefined;
      if (clean) return fc.array(items ? next(items) : fc.constant(null), { minLength: min, maxLength: Math.max(min, Math.min(max, 3)) });
      return fc.array(items ? next(items) : garbage, { maxLength: Math.min(max + 1, 5) });
    }
    case 'string':
      return stringOf(schema, name, clean);
    case 'integer':
    case 'number':
      return numberOf(schema, clean);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return clean ? fc.constant(null) : garbage;
  }
}

function objectOf(schema: Json, next: (s: Json, key: string) => fc.Arbitrary<unknown>, clean: boolean): fc.Arbitrary<unknown> {
  const props = Object.entries((schema.properties ?? {}) as Record<string, Json>);
  const required = new Set((schema.required ?? []) as string[]);
  const values = props.map(([key, s]) => {
    const value = next(s, key);
    if (clean && required.has(key)) return value;
    // Fitting values carry few optional properties, so one edge among them is what gets refused.
    if (clean) return fc.oneof({ weight: 2, arbitrary: fc.constant(MISSING) }, { weight: 1, arbitrary: value });
    return fc.option(value, { nil: MISSING, freq: required.has(key) ? 12 : 2 });
  });
  const extraKey = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'id', 'isAdmin', ''), fc.string({ maxLength: 8 }));
  const extra = clean
    ? fc.constant([])
    : fc.oneof({ weight: 5, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(fc.tuple(extraKey, garbage), { minLength: 1, maxLength: 2 }) });
  return fc.tuple(fc.tuple(...values), extra).map(([vals, extras]) => {
    const o: Record<string, unknown> = {};
    props.forEach(([key], i) => {
      if (vals[i] !== MISSING) o[key] = vals[i];
    });
    // Own properties, even `__proto__`, as a JSON body or a socket payload carries them.
    for (const [key, v] of extras) Object.defineProperty(o, key, { value: v, enumerable: true, configurable: true, writable: true });
    return o;
  });
}

function stringOf(schema: Json, name: string, clean: boolean): fc.Arbitrary<unknown> {
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const maxLength = typeof schema.maxLength === 'number' ? schema.maxLength : 80;
  const pool = Object.hasOwn(POOL_OF, name) ? POOL_OF[name] : undefined;
  if (clean) {
    const fitting: fc.Arbitrary<unknown>[] = [];
    // Mostly what exists, so the command gets past "not found".
    if (pool) fitting.push(...[1, 2, 3, 4].map(() => fc.nat().map((n) => new FromPool(pool, n))));
    if (schema.format === 'date-time') fitting.push(realInstant);
    else if (typeof schema.pattern === 'string') fitting.push(fc.stringMatching(new RegExp(schema.pattern), { maxLength: Math.min(maxLength, 80) }).filter((v) => v.length >= minLength));
    else fitting.push(fc.string({ minLength, maxLength: Math.min(maxLength, 40) }));
    return fc.oneof(...fitting);
  }
  const options: fc.Arbitrary<unknown>[] = [
    fc.string({ minLength, maxLength: Math.min(maxLength, 80), unit: 'grapheme' }),
    fc.constantFrom('x'.repeat(maxLength), 'x'.repeat(maxLength + 1), 'x'.repeat(Math.max(0, minLength - 1))),
    edgeString,
  ];
  if (schema.format === 'date-time') options.push(instant, instant, instant);
  if (typeof schema.pattern === 'string') options.push(fc.stringMatching(new RegExp(schema.pattern), { maxLength: Math.min(maxLength, 80) }));
  if (pool) options.push(...[1, 2, 3].map(() => fc.nat().map((n) => new FromPool(pool, n))));
  return fc.oneof(...options);
}

function numberOf(schema: Json, clean: boolean): fc.Arbitrary<unknown> {
  const min = typeof schema.minimum === 'number' ? schema.minimum : -1_000_000;
  const max = typeof schema.maximum === 'number' ? schema.maximum : 1_000_000;
  const inRange =
    schema.type === 'integer'
      ? fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31) })
      : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
  if (clean) return inRange;
  return fc.oneof({ weight: 3, arbitrary: inRange }, { weight: 2, arbitrary: fc.constantFrom(min, max, min - 1, max + 1, min - 0.5) }, { weight: 2, arbitrary: edgeNumber });
}

// ---- the office under test ----------------------------------------------------------------------

type Who = 'anon' | 'clerk' | 'supervisor' | 'admin' | 'kiosk' | 'display' | 'bogus';
// Weighted to whoever may do the most, so requests get past authorisation to the handlers too.
const WHO_WEIGHTS: Readonly<Record<Who, number>> = { admin: 4, clerk: 2, supervisor: 2, kiosk: 2, display: 1, anon: 1, bogus: 1 };
const whoArb = fc.oneof(...Object.entries(WHO_WEIGHTS).map(([who, weight]) => ({ weight, arbitrary: fc.constant(who as Who) })));

/** Tokens for each principal, minted again when a request ended one (logout, deactivation, revocation). */
class Principals {
  private readonly tokens = new Map<Who, string>();
  constructor(private readonly t: TestApp) {}

  async token(who: Who): Promise<string | undefined> {
    if (who === 'anon') return undefined;
    if (who === 'bogus') return 'jhs_made-up';
    const held = this.tokens.get(who);
    if (held !== undefined && this.stillIs(held, who)) return held;
    const fresh = who === 'kiosk' || who === 'display' ? this.t.deviceToken(who) : await this.t.staffToken(who);
    this.tokens.set(who, fresh);
    return fresh;
  }

  private stillIs(token: string, who: Who): boolean {
    const p = this.t.services.auth.resolve(token);
    if (!p) return false;
    return p.kind === 'device' ? p.deviceKind === who : p.kind === 'staff' && p.role === who;
  }
}

/** What the office holds now, for FromPool values, and the tracking tokens seen in answers. */
class Pools {
  readonly trackingTokens: string[] = [];
  /** `accounts: false` keeps staff and device ids out, so nothing can deactivate or revoke the principals in use. */
  constructor(
    private readonly t: TestApp,
    private readonly accounts = true,
  ) {}

  pick(pool: PoolName, n: number): string {
    const list = this.list(pool);
    return list.length === 0 ? 'none-yet' : list[n % list.length]!;
  }

  private list(pool: PoolName): string[] {
    const ids = (sql: string) => this.t.db.prepare(sql).pluck().all() as string[];
    switch (pool) {
      case 'ticket':
        // Tickets still in play first (a move on them can succeed), then every other.
        return ids(`SELECT id FROM tickets ORDER BY state IN ('waiting', 'called', 'serving') DESC, rowid DESC LIMIT 20`);
      case 'service':
        return ids('SELECT id FROM services ORDER BY id');
      case 'counter':
        return ids('SELECT id FROM counters ORDER BY id');
      case 'staff':
        return this.accounts ? ids('SELECT id FROM staff ORDER BY rowid') : [];
      case 'device':
        return this.accounts ? ids('SELECT id FROM devices ORDER BY rowid') : [];
      case 'announcement':
        return ids('SELECT id FROM announcements ORDER BY rowid DESC LIMIT 20');
      case 'trackingToken':
        return this.trackingTokens;
      case 'username':
        return ids('SELECT username FROM staff ORDER BY rowid');
      case 'password':
        return [TEST_PASSWORD];
      case 'any':
        return [...this.list('ticket'), ...this.list('counter'), ...this.list('service')];
    }
  }

  /** `value` with every FromPool replaced by what it picks now. */
  resolve(value: unknown): unknown {
    if (value instanceof FromPool) return this.pick(value.pool, value.n);
    if (Array.isArray(value)) return value.map((v) => this.resolve(v));
    // Only plain objects: a Deep, a byte array and the like go as they are.
    if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return value;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) Object.defineProperty(out, key, { value: this.resolve(v), enumerable: true, configurable: true, writable: true });
    return out;
  }

  /** Keeps the tracking tokens an answer hands out, so a later request can use one. */
  collect(body: unknown): void {
    const token = (body as { ticket?: { trackingToken?: unknown } } | null)?.ticket?.trackingToken;
    if (typeof token === 'string') this.trackingTokens.push(token);
  }
}

const ACTIVE = new Set(['waiting', 'called', 'serving', 'no_show']);

/** The invariants the engine's property test keeps, read from the database after a fuzz run. */
function checkOffice(t: TestApp): void {
  const rows = t.db.prepare('SELECT * FROM tickets ORDER BY rowid').all() as TicketRow[];
  const issued = new Set<string>();
  const held = new Set<string>();
  const busy = new Set<string>();
  const status = new Map((t.db.prepare('SELECT id, status FROM counters').all() as { id: string; status: string }[]).map((c) => [c.id, c.status]));
  for (const r of rows) {
    // A number once per line, day, series and wrap cycle (a refuse range never wraps).
    const key = `${r.issued_service_id}|${r.business_date}|${r.series}|${r.cycle}|${r.value}`;
    check(!issued.has(key), `number ${r.number} issued twice (${key})`);
    issued.add(key);
    if (ACTIVE.has(r.state)) {
      const n = `${r.business_date}|${r.number}`;
      check(!held.has(n), `two people hold number ${r.number} on ${r.business_date}`);
      held.add(n);
    }
    if (r.state === 'called' || r.state === 'serving') {
      check(r.counter_id !== null, `${r.state} ticket ${r.number} has no counter`);
      check(status.has(r.counter_id) && status.get(r.counter_id) !== 'closed', `${r.state} ticket ${r.number} is at counter ${r.counter_id}, ${status.get(r.counter_id) ?? 'unknown'}`);
      check(!busy.has(r.counter_id), `counter ${r.counter_id} has two active tickets`);
      busy.add(r.counter_id);
    }
  }
  const seqs = t.db.prepare('SELECT seq FROM events ORDER BY seq').pluck().all() as number[];
  seqs.forEach((seq, i) => check(seq === i + 1, `event seq ${seq} at position ${i + 1}`));
  const chain = t.services.queries.verifyChain();
  check(chain.ok, `the event chain does not verify: ${JSON.stringify(chain)}`);
  const snapshot = t.services.queries.snapshot();
  check(Value.Check(Snapshot, snapshot), `the snapshot does not fit its schema: ${[...Value.Errors(Snapshot, snapshot)].map((e) => `${e.path} ${e.message}`).join('; ')}`);
}

/**
 * A working office: issuing open (no emergency closure, no stop), counters open, people waiting,
 * one at a counter. Before every run, so that whatever the fuzzing closed or expired, some moves
 * can still succeed.
 */
async function keepBusy(t: TestApp, who: Principals, pools: Pools, issued = 1): Promise<void> {
  const [supervisor, clerk, kiosk] = [await who.token('supervisor'), await who.token('clerk'), await who.token('kiosk')];
  const post = (url: string, token: string | undefined, payload: object = {}) => t.app.inject({ method: 'POST', url, headers: bearerHeader(token!), payload });
  await post('/api/v1/office/issuing', supervisor, { mode: 'open' });
  const { closure, issuingStops } = t.services.queries.snapshot();
  if (closure) await post('/api/v1/office/emergency-end', supervisor);
  for (const stop of issuingStops) await post('/api/v1/office/issuing/resume', supervisor, { serviceId: stop.serviceId });
  for (const c of ['c1', 'c2']) await post(`/api/v1/counters/${c}/open`, clerk);
  for (let i = 0; i < issued; i++) pools.collect((await post('/api/v1/tickets', kiosk, { serviceId: ['reg', 'cert', 'small'][i % 3]! })).json());
  await post('/api/v1/counters/c1/call-next', clerk);
}

/**
 * Time passing between runs: rate limits refill, a closed day gives way to the next, and the day
 * rolls over (expiring what it left) in the middle of the fuzzing, as it does in an office.
 */
const minutes = fc.integer({ min: 0, max: 120 });

const SOCKET_EVENT_NAMES = [...COMMAND_NAMES, ...Object.values(CLIENT_EVENTS)];
/** A message no namespace handles: answered forbidden, after everything sent before it. */
const PROBE = 'fuzz:probe';
// Own keys only: `'toString' in COMMANDS` is true.
const isCommand = (name: string): name is CommandName => Object.hasOwn(COMMANDS, name);

// ---- HTTP ---------------------------------------------------------------------------------------

interface Route {
  /** The command behind the route, when there is one (its operationId). */
  readonly command: CommandName | undefined;
  readonly method: string;
  /** OpenAPI path, `{name}` for each parameter. */
  readonly path: string;
  readonly pathParams: readonly { name: string; schema: Json }[];
  readonly queryParams: readonly { name: string; schema: Json }[];
  readonly body: Json | undefined;
}

interface OpenApi {
  paths: Record<string, Record<string, { operationId?: string; parameters?: { in: string; name: string; schema: Json }[]; requestBody?: { content?: Record<string, { schema: Json }> } }>>;
}

// The SSE stream never ends, so inject would wait for ever; public.routes.test.ts covers it.
const NOT_FUZZED = new Set(['GET /api/v1/public/events']);

function routesOf(doc: OpenApi): Route[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([method]) => !NOT_FUZZED.has(`${method.toUpperCase()} ${path}`))
      .map(([method, op]) => ({
        command: op.operationId !== undefined && isCommand(op.operationId) ? op.operationId : undefined,
        method: method.toUpperCase(),
        path,
        pathParams: (op.parameters ?? []).filter((p) => p.in === 'path'),
        queryParams: (op.parameters ?? []).filter((p) => p.in === 'query'),
        body: op.requestBody?.content?.['application/json']?.schema,
        // A counterexample names the route, not its whole schema.
        [fc.toStringMethod]: () => `${method.toUpperCase()} ${path}`,
      })),
  );
}

type Body = { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'raw'; text: string | Buffer };

const RAW_BODIES: readonly (string | Buffer)[] = [
  '{',
  '',
  'null',
  '[]',
  '"x"',
  '1e999',
  '{"serviceId":"reg",}',
  '\uFEFF{"serviceId":"reg"}',
  '{"__proto__":{"isAdmin":true}}',
  '{"a":{"constructor":{"prototype":{"x":1}}}}',
  '{"serviceId":"reg","serviceId":"cert"}',
  `{"sortOrder":${'9'.repeat(400)}}`,
  `${'['.repeat(100_000)}`,
  Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28]),
];
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/json; charset=latin1',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  '',
  'application/json; a=b; c',
];
const RAW_SEGMENTS = ['..', '.', '%', '%zz', '%00', '%2F', 'a%2Fb', '%E0%A4%A', '~', ' ', '%20', encodeURIComponent('😀')];
const RAW_QUERIES = ['a=1&a=2', 'token=', 'token=a&token=b', 'after=99999999999999999999', 'after=-1', 'limit=0', 'limit=99999', '__proto__[x]=1', 'constructor[prototype][x]=1', '%zz=1', '&&&', 'after=1e3', `x=${'y'.repeat(3_000)}`];

interface FuzzRequest {
  readonly route: Route;
  readonly who: Who;
  /** Another method now and then: routes answer 404 for it. */
  readonly method: string;
  readonly params: readonly ({ raw: string } | { value: unknown })[];
  readonly query: { raw: string } | { values: Record<string, unknown> } | null;
  readonly body: Body;
  readonly contentType: string | null;
}

/** Often whoever the command is for (a kiosk issues, a clerk calls, an admin edits), so requests get to its handler. */
function principalFor(route: Route): fc.Arbitrary<Who> {
  const access: Access | undefined = route.command === undefined ? undefined : COMMANDS[route.command].access;
  const preferred: Who | undefined = access?.devices?.includes('kiosk') ? 'kiosk' : access?.staff;
  return preferred === undefined ? whoArb : fc.oneof({ weight: 3, arbitrary: fc.constant(preferred) }, { weight: 2, arbitrary: whoArb });
}

function requestArb(route: Route): fc.Arbitrary<FuzzRequest> {
  const param = (p: { name: string; schema: Json }) =>
    fc.oneof({ weight: 6, arbitrary: fc.oneof(shaped(p.schema, p.name, 0, true), fromSchema(p.schema, p.name)).map((value) => ({ value })) }, { weight: 1, arbitrary: fc.constantFrom(...RAW_SEGMENTS).map((raw) => ({ raw })) });
  const queryValues = fc.record(Object.fromEntries(route.queryParams.map((q) => [q.name, fromSchema(q.schema, q.name)])), { requiredKeys: [] });
  const query = fc.oneof(
    { weight: 4, arbitrary: fc.constant(null) },
    { weight: route.queryParams.length > 0 ? 6 : 1, arbitrary: queryValues.map((values) => ({ values })) },
    { weight: 2, arbitrary: fc.constantFrom(...RAW_QUERIES).map((raw) => ({ raw })) },
  );
  const body: fc.Arbitrary<Body> = fc.oneof(
    { weight: 2, arbitrary: fc.constant({ kind: 'none' as const }) },
    { weight: route.body ? 12 : 1, arbitrary: (route.body ? valueFor(route.body) : garbage).map((value) => ({ kind: 'json' as const, value })) },
    { weight: 2, arbitrary: garbage.map((value) => ({ kind: 'json' as const, value })) },
    { weight: 2, arbitrary: fc.constantFrom(...RAW_BODIES).map((text) => ({ kind: 'raw' as const, text })) },
  );
  return fc.record({
    route: fc.constant(route),
    who: principalFor(route),
    method: fc.oneof({ weight: 30, arbitrary: fc.constant(route.method) }, { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS') }),
    params: fc.tuple(...route.pathParams.map(param)),
    query,
    body,
    contentType: fc.oneof({ weight: 12, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(...CONTENT_TYPES) }),
  });
}

/** encodeURIComponent, except that a lone surrogate goes as the bytes it would be (invalid UTF-8) rather than throwing. */
function encodePart(text: string): string {
  let out = '';
  for (const ch of text) {
    const unit = ch.charCodeAt(0);
    const lone = ch.length === 1 && unit >= 0xd800 && unit <= 0xdfff;
    out += lone ? [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('') : encodeURIComponent(ch);
  }
  return out;
}

function urlOf(r: FuzzRequest, pools: Pools): string {
  let i = 0;
  const path = r.route.path.replace(/\{[^}]+\}/g, () => {
    const p = r.params[i++]!;
    return 'raw' in p ? p.raw : encodePart(String(pools.resolve(p.value)));
  });
  if (r.query === null) return path;
  if ('raw' in r.query) return `${path}?${r.query.raw}`;
  const q = new URLSearchParams();
  for (const [key, v] of Object.entries(pools.resolve(r.query.values) as Record<string, unknown>)) q.append(key, typeof v === 'string' ? v : JSON.stringify(v));
  return `${path}?${q.toString()}`;
}

/** A 5xx fails; a 4xx must be the error shape, with a code from the closed list and its status. */
function checkAnswer(label: string, method: string, res: LightMyRequestResponse): void {
  check(res.statusCode < 500, `${label} → ${res.statusCode} ${res.body.slice(0, 500)}`);
  if (res.statusCode < 400 || method === 'HEAD') return;
  check(/^application\/json/.test(String(res.headers['content-type'])), `${label} → ${res.statusCode} with content-type ${res.headers['content-type']}`);
  const body = res.json<{ error?: { code?: ErrorCode; message?: unknown; details?: unknown } }>();
  check(Object.keys(body).join() === 'error' && body.error, `${label} → ${res.statusCode} not the error shape: ${res.body.slice(0, 300)}`);
  const { code, message } = body.error;
  check(code !== undefined && ERROR_CODES.includes(code), `${label} → code ${code} is not in the closed list`);
  check(ERROR_STATUS[code] === res.statusCode, `${label} → ${res.statusCode} with code ${code}, which is ${ERROR_STATUS[code]}`);
  check(typeof message === 'string' && message.length > 0, `${label} → no message`);
  check(Object.keys(body.error).every((k) => ['code', 'message', 'details'].includes(k)), `${label} → extra keys in ${res.body.slice(0, 300)}`);
  check(!/\n\s+at |node_modules|\.ts:\d+/.test(res.body), `${label} → a stack trace in ${res.body.slice(0, 300)}`);
}

/** Sends one request, checks the answer and returns its status. */
async function sendFuzzed(t: TestApp, who: Principals, pools: Pools, r: FuzzRequest): Promise<number> {
  const url = urlOf(r, pools);
  const token = await who.token(r.who);
  const headers: Record<string, string> = token ? bearerHeader(token) : {};
  let payload: string | Buffer | undefined;
  if (r.body.kind === 'json') payload = JSON.stringify(pools.resolve(r.body.value)) ?? 'null';
  else if (r.body.kind === 'raw') payload = r.body.text;
  if (payload !== undefined) headers['content-type'] = 'application/json';
  if (r.contentType !== null) headers['content-type'] = r.contentType;
  const method = r.method as 'GET';
  const res = await t.app.inject({ method, url, headers, ...(payload !== undefined ? { payload } : {}) });
  const label = `${r.who}: ${method} ${url.slice(0, 200)} ${typeof payload === 'string' ? payload.slice(0, 300) : (payload?.toString('hex') ?? '')}`;
  checkAnswer(label, method, res);
  if (res.statusCode < 300 && /^application\/json/.test(String(res.headers['content-type']))) pools.collect(res.json());
  return res.statusCode;
}

// ---- every field at its edges -------------------------------------------------------------------

/** A scalar in a body schema, by its path, with the values most likely to get past its validator wrongly. */
interface Leaf {
  readonly path: readonly string[];
  readonly edges: readonly unknown[];
}

/** The schema without its null alternative (OpenAPI 3.0's `nullable`, or TypeBox's anyOf with null). */
function nonNull(schema: Json): Json {
  const alternatives = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
  const first = alternatives?.find((s) => s.type !== 'null');
  if (first) return first;
  const { nullable: _nullable, ...rest } = schema;
  return rest;
}

function leavesOf(schema: Json, path: readonly string[] = []): Leaf[] {
  const s = nonNull(schema);
  if (s.type === 'object') {
    if (path.length >= 3) return [];
    return Object.entries((s.properties ?? {}) as Record<string, Json>).flatMap(([key, sub]) => leavesOf(sub, [...path, key]));
  }
  if (path.length === 0) return [];
  if (s.type === 'integer' || s.type === 'number') {
    const outside = [typeof s.minimum === 'number' ? [s.minimum - 1] : [], typeof s.maximum === 'number' ? [s.maximum + 1] : []].flat();
    return [{ path, edges: [1e300, -1e300, 2 ** 53 + 2, 1.5, ...outside] }];
  }
  if (s.type === 'string') {
    if (s.format === 'date-time') return [{ path, edges: ['2026-12-02T23:59:60+08:00', '2026-12-31T23:59:60Z', '2026-02-30T10:00:00+08:00', '2026-12-02T24:00:00Z', '+275760-09-13T00:00:00Z', '0000-01-01T00:00:00Z'] }];
    const max = typeof s.maxLength === 'number' ? s.maxLength : 200;
    return [{ path, edges: ['\u0000', '\uD800', 'x'.repeat(max + 1), ''] }];
  }
  if (s.type === 'boolean') return [{ path, edges: ['true', 1] }];
  return [];
}

/** A fitting value whose properties along `path` are present (with the required ones and no other). */
function fittingAlong(schema: Json, path: readonly string[]): fc.Arbitrary<unknown> {
  const s = nonNull(schema);
  if (path.length === 0 || s.type !== 'object') return shaped(s, '', 1, true);
  const [key, ...rest] = path as [string, ...string[]];
  const required = new Set((s.required ?? []) as string[]);
  const props = Object.entries((s.properties ?? {}) as Record<string, Json>).filter(([k]) => required.has(k) || k === key);
  return fc.record(Object.fromEntries(props.map(([k, sub]) => [k, k === key ? fittingAlong(sub, rest) : shaped(sub, k, 1, true)])));
}

function setAt(value: unknown, path: readonly string[], leaf: unknown): unknown {
  const copy = cloneTree(value) as Record<string, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
  parent[path.at(-1)!] = leaf;
  return copy;
}

describe('fuzzing every route and socket event', () => {
  const bed = socketTestbed();

  // Thousands of requests and socket messages: on a loaded CI machine this took 35 s once.
  it('no route answers 5xx to anything, refusals have the error shape, and the office stays consistent', { timeout: 180_000 }, async () => {
    const { t } = bed;
    const who = new Principals(t);
    const pools = new Pools(t);
    await keepBusy(t, who, pools, 4);
    const routes = routesOf(t.app.swagger() as unknown as OpenApi);
    expect(routes.length).toBeGreaterThanOrEqual(35);
    const anyRoute = fc.oneof(...routes.map((r) => ({ weight: weightOf(r), arbitrary: requestArb(r) })));
    const stats = { requests: 0 };
    const answered = new Set<string>();
    const send = async (r: FuzzRequest) => {
      if ((await sendFuzzed(t, who, pools, r)) < 300) answered.add(`${r.route.method} ${r.route.path}`);
      stats.requests++;
    };
    // Every route a few times whatever the seed, then the runs, weighted to the routes with more to get wrong.
    for (const route of routes) for (const r of fc.sample(requestArb(route), { numRuns: 3, seed: SEED })) await send(r);
    checkOffice(t);

    await fc.assert(
      fc.asyncProperty(minutes, fc.array(anyRoute, { minLength: 1, maxLength: 5 }), async (passed, requests) => {
        t.clock.minutes(passed);
        await keepBusy(t, who, pools);
        for (const r of requests) await send(r);
        checkOffice(t);
      }),
      { seed: SEED, numRuns: 200 },
    );
    expect(stats.requests).toBeGreaterThan(500);
    // The requests got past the validators to handlers that said yes, on many routes.
    expect(answered.size, `routes never answered 2xx: ${routes.filter((r) => !answered.has(`${r.method} ${r.path}`)).map((r) => `${r.method} ${r.path}`).join(', ')}`).toBeGreaterThan(routes.length / 3);
  });

  it('every field of every body, at its edges, is refused or taken, never 5xx', async () => {
    const { t } = bed;
    const who = new Principals(t);
    const pools = new Pools(t);
    await keepBusy(t, who, pools, 4);
    const routes = routesOf(t.app.swagger() as unknown as OpenApi).filter((r) => r.body !== undefined);
    let sent = 0;
    for (const route of routes) {
      // As whoever the command is for, at something that exists: only the field is wrong.
      const access: Access | undefined = route.command === undefined ? undefined : COMMANDS[route.command].access;
      const principal: Who = access?.devices?.includes('kiosk') ? 'kiosk' : (access?.staff ?? 'admin');
      const params = route.pathParams.map((p) => ({ value: new FromPool(Object.hasOwn(POOL_OF, p.name) ? POOL_OF[p.name]! : 'any', 0) }));
      for (const leaf of leavesOf(route.body!)) {
        const [base] = fc.sample(fittingAlong(route.body!, leaf.path), { numRuns: 1, seed: SEED + sent });
        for (const edge of leaf.edges) {
          const body = { kind: 'json' as const, value: setAt(base, leaf.path, edge) };
          await sendFuzzed(t, who, pools, { route, who: principal, method: route.method, params, query: null, body, contentType: null });
          sent++;
          if (route.command === undefined) continue;
          // The same payload straight to the command bus, as a socket message goes: TypeBox checks it there, not ajv.
          const payload = { ...(pools.resolve(body.value) as object), ...Object.fromEntries(route.pathParams.map((p, i) => [p.name, pools.resolve(params[i]!.value)])) };
          const as = t.services.auth.resolve((await who.token(principal))!);
          const outcome = await t.services.bus.execute(as, route.command, payload as never).then(
            () => null,
            (err: unknown) => err,
          );
          check(outcome === null || (outcome instanceof DomainError && outcome.code !== 'internal'), `${route.command} ${JSON.stringify(payload).slice(0, 300)}: the bus threw ${String(outcome)}`);
        }
      }
      t.clock.minutes(1);
    }
    expect(sent).toBeGreaterThan(300);
    checkOffice(t);
  });

  // A 500 the socket fuzzing found (seeds 6, 8, 12…): CommandBus.authorize read payload.trackingToken
  // before the payload was validated, so ticket:cancel with no payload, null, or a token that is not a
  // string threw a TypeError and acked `internal`. REST was safe (ajv checks the body first); sockets
  // hand the bus the payload as sent.
  it('a socket payload that is not an object, or has a token that is not a string, is refused, never internal', async () => {
    const { t } = bed;
    const clerk = t.services.auth.resolve(await t.staffToken('clerk'));
    for (const payload of [undefined, null, 'x', { ticketId: 'x', trackingToken: 5 }, { ticketId: 'x', trackingToken: null }, { ticketId: 'x', trackingToken: {} }]) {
      for (const as of [clerk, null]) {
        const outcome = await t.services.bus.execute(as, 'ticket:cancel', payload as never).catch((err: unknown) => err);
        check(outcome instanceof DomainError && outcome.code !== 'internal', `ticket:cancel ${JSON.stringify(payload)}: ${String(outcome)}`);
      }
    }
  });

  it('no socket message crashes the server or acks `internal`; acks have the Ack shape, and the office stays consistent', async () => {
    const { t } = bed;
    const who = new Principals(t);
    // The sockets stay open for the whole run: no message may end the session or device they use.
    const pools = new Pools(t, false);
    await keepBusy(t, who, pools, 4);
    let last = 'the start';
    const disconnects: string[] = [];

    // Each namespace, under each principal it admits.
    const sockets: { audience: Audience; bound: ReadonlySet<string>; socket: ClientSocket }[] = [];
    const join = async (audience: Audience, principal: Who | null) => {
      const token = principal === null ? undefined : await who.token(principal);
      const socket = bed.client<ClientSocket>(NAMESPACES[audience], token);
      await bed.connectFirst(socket);
      socket.on('disconnect', (reason) => disconnects.push(`${audience} (${principal ?? 'anonymous'}): ${reason}, after ${last}`));
      // What the namespace handles; it answers anything else that has a callback with forbidden.
      const bound = new Set<string>(
        audience === 'public' ? [CLIENT_EVENTS.publicStatus] : [CLIENT_EVENTS.snapshotRequest, ...(audience === 'staff' ? staffCommandNames() : deviceCommandNames(audience))],
      );
      sockets.push({ audience, bound, socket });
    };
    for (const role of ['clerk', 'supervisor', 'admin'] as const) await join('staff', role);
    await join('kiosk', 'kiosk');
    await join('display', 'display');
    await join('public', null);

    const reserved = new Set(['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener']);
    // Mostly what the socket's namespace handles, so the commands run; also the rest, and names no one handles.
    const eventName = (bound: ReadonlySet<string>) =>
      fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom(...bound) },
        { weight: 3, arbitrary: fc.constantFrom(...SOCKET_EVENT_NAMES) },
        { weight: 1, arbitrary: fc.string({ maxLength: 30, unit: 'grapheme' }).filter((n) => !reserved.has(n)) },
        { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'hasOwnProperty', 'snapshot', 'ticket:issued', 'public:status', 'error', 'message') },
      );
    const message = fc
      .nat({ max: sockets.length - 1 })
      .chain((socket) => eventName(sockets[socket]!.bound).map((name) => ({ socket, name })))
      .chain(({ socket, name }) =>
      fc.record({
        socket: fc.constant(socket),
        name: fc.constant(name),
        // The command's payload schema when there is one; anything otherwise; sometimes more arguments.
        args: fc.oneof(
          { weight: 6, arbitrary: (isCommand(name) ? valueFor(COMMANDS[name].payload as unknown as Json) : garbage).map((p) => [p]) },
          { weight: 2, arbitrary: fc.constant([]) },
          { weight: 1, arbitrary: fc.array(garbage, { minLength: 2, maxLength: 3 }) },
          { weight: 1, arbitrary: fc.uint8Array({ maxLength: 16 }).map((bytes) => [bytes]) },
        ),
        ack: fc.boolean(),
      }),
    );
    const stats = { awaited: 0, ok: 0, refused: 0 };

    const checkAck = (label: string, ack: unknown) => {
      const a = ack as { ok?: unknown; data?: unknown; error?: { code?: ErrorCode; message?: unknown } } | null;
      check(a !== null && typeof a === 'object', `${label}: the ack is ${JSON.stringify(ack)}`);
      if (a.ok === true) {
        check('data' in a, `${label}: ok without data`);
        stats.ok++;
        return;
      }
      check(a.ok === false && a.error, `${label}: not an Ack: ${JSON.stringify(ack).slice(0, 300)}`);
      check(a.error.code !== undefined && ERROR_CODES.includes(a.error.code), `${label}: code ${a.error.code} is not in the closed list`);
      check(a.error.code !== 'internal', `${label}: acked internal: ${a.error.message}`);
      check(typeof a.error.message === 'string', `${label}: no message`);
      stats.refused++;
    };

    await fc.assert(
      // Less time than a session lasts over all the runs: the sockets' logins must not expire.
      fc.asyncProperty(fc.integer({ min: 0, max: 5 }), fc.array(message, { minLength: 1, maxLength: 4 }), async (passed, messages) => {
        t.clock.minutes(passed);
        const used = new Set<number>();
        for (const m of messages) {
          const { socket, bound, audience } = sockets[m.socket]!;
          used.add(m.socket);
          // Socket.IO hands a handler its arguments as sent: a command answers (payload, ack) or (ack),
          // the reads answer (ack), and a message the namespace does not handle is answered forbidden.
          const args = (m.args as unknown[]).map((a) => pools.resolve(a));
          const answers = !bound.has(m.name) || (isCommand(m.name) ? args.length <= 1 : args.length === 0);
          const label = `${audience} ${m.name} ${JSON.stringify(args).slice(0, 300)}`;
          last = label;
          check(disconnects.length === 0, `disconnected: ${disconnects.join('; ')}`);
          if (m.ack && answers) {
            checkAck(label, await untyped(socket).timeout(WAIT_MS).emitWithAck(m.name, ...args));
            stats.awaited++;
          } else if (m.ack) {
            // Not expected to answer; if it does, the answer must still be an Ack.
            untyped(socket).emit(m.name, ...args, (ack: unknown) => checkAck(label, ack));
          } else {
            untyped(socket).emit(m.name, ...args);
          }
        }
        // Messages on one socket are handled in order: once this one is answered, the server has
        // taken everything sent before it, and is still there.
        for (const i of used) {
          const { socket, audience } = sockets[i]!;
          check(socket.connected && disconnects.length === 0, `the ${audience} socket was disconnected: ${disconnects.join('; ')}`);
          const ack = (await untyped(socket).timeout(WAIT_MS).emitWithAck(PROBE)) as { ok?: boolean; error?: { code?: string } };
          check(ack.ok === false && ack.error?.code === 'forbidden', `${audience} ${PROBE} after the run: ${JSON.stringify(ack).slice(0, 200)}`);
        }
        checkOffice(t);
      }),
      { seed: SEED, numRuns: 100 },
    );
    expect(stats.awaited).toBeGreaterThan(50);
    expect(stats.ok).toBeGreaterThan(0);
    expect(stats.refused).toBeGreaterThan(0);
  });

  it('no handshake crashes the server: a garbage token or none is refused, and the namespace still admits its own', async () => {
    const { t } = bed;
    const who = new Principals(t);
    const auth = fc.oneof(garbage, fc.constantFrom('jhs_made-up', '', 'Bearer x'), fc.nat().map((n) => new FromPool('trackingToken', n)));
    const pools = new Pools(t);
    await keepBusy(t, who, pools, 4);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom<Audience>('staff', 'kiosk', 'display'), auth, async (audience, token) => {
        const socket = bed.client<ClientSocket>(NAMESPACES[audience], undefined);
        // Not a string token at all, sometimes: the server must read it without trusting its type.
        socket.auth = { token: pools.resolve(token) };
        await expect(bed.connectFirst(socket)).rejects.toThrow(/unauthenticated/);
        socket.disconnect();
      }),
      { seed: SEED, numRuns: 25 },
    );
    const clerk = bed.client<ClientSocket>(NAMESPACES.staff, await who.token('clerk'));
    await bed.connectFirst(clerk);
    checkOffice(t);
  });
});
