// Every setting comes from the environment, is validated once here, and is passed down as one object.
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { fileURLToPath } from 'node:url';

// The checkout's root: the web clients' folders sit beside server/.
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

const OnOff = Type.Union([Type.Literal('on'), Type.Literal('off')]);

export const ConfigSchema = Type.Object({
  port: Type.Integer({ minimum: 0, maximum: 65535 }),
  host: Type.String({ minLength: 1 }),
  dbPath: Type.String({ minLength: 1 }),
  adminPassword: Type.Union([Type.String({ minLength: 12 }), Type.Null()]),
  logLevel: Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l))),
  bodyLimitBytes: Type.Integer({ minimum: 1024 }),
  rateLimits: OnOff,
  loginPerMinute: Type.Integer({ minimum: 1 }),
  issuePerMinute: Type.Integer({ minimum: 1 }),
  publicPerMinute: Type.Integer({ minimum: 1 }),
  lockoutAttempts: Type.Integer({ minimum: 1 }),
  lockoutMinutes: Type.Integer({ minimum: 1 }),
  sessionHours: Type.Integer({ minimum: 1, maximum: 24 * 30 }),
  secureCookies: Type.Boolean(),
  demo: Type.Boolean(),
  /** scrypt cost N for new password hashes (a power of two; stored with each hash). */
  scryptCost: Type.Integer({ minimum: 16384, maximum: 1048576 }),
  /** The folder holding the web clients (counter-client/, display/, kiosk/), served from their dist/. */
  clientsDir: Type.String({ minLength: 1 }),
  /** Other origins whose pages may use a staff session or device namespace (development servers). */
  allowedOrigins: Type.Array(Type.String({ pattern: '^https?://[^/]+$' })),
  /** The whole request, headers and body, must arrive within this (slow senders get 408). */
  requestTimeoutMs: Type.Integer({ minimum: 1000, maximum: 600_000 }),
  /** An idle kept-alive connection between two requests is closed after this. */
  keepAliveTimeoutMs: Type.Integer({ minimum: 1000, maximum: 600_000 }),
  /**
   * A connection with no traffic either way for this long is closed (a client that stopped reading).
   * Above Socket.IO's 25 s ping interval, the longest a long-polling request waits in silence; the
   * SSE stream sends a comment at half of it.
   */
  idleTimeoutMs: Type.Integer({ minimum: 30_000, maximum: 3_600_000 }),
  /** The secret that seals the audit anchors, kept outside the database; null: beside the database. */
  auditKeyFile: Type.Union([Type.String({ minLength: 1 }), Type.Null()]),
  /** The append-only file of sealed log heads; null: beside the database. */
  auditAnchorFile: Type.Union([Type.String({ minLength: 1 }), Type.Null()]),
  /** How often the log's head is anchored (also at start, at every day close and at shutdown). */
  auditAnchorMinutes: Type.Integer({ minimum: 1, maximum: 1440 }),
  /**
   * The address residents' phones reach this server at (the printed ticket's QR code), without a
   * trailing slash; null: the origin the request came to (its Host header).
   */
  publicUrl: Type.Union([Type.String({ pattern: '^https?://[^/?#\\s]+(/[^?#\\s]*)?$' }), Type.Null()]),
  /**
   * `office` (the default): the office server with its database. `public` (`--role public`): a
   * stateless public node that reads every office's public snapshot from Redis and changes nothing.
   */
  role: Type.Union([Type.Literal('office'), Type.Literal('public')]),
  /** Redis (redis://host:port/db) the office publishes its public side to; null: no Redis (one process). */
  redisUrl: Type.Union([Type.String({ pattern: '^rediss?://' }), Type.Null()]),
  /**
   * Seconds between an office's publications to Redis when nothing changed (a heartbeat). A public
   * node marks an office not heard from for three of these as out of date: set it alike on both.
   */
  publicHeartbeatSeconds: Type.Integer({ minimum: 1, maximum: 300 }),
  /** The folder of online backups; null: beside the database (./data/backups); none for ":memory:". */
  backupDir: Type.Union([Type.String({ minLength: 1 }), Type.Null()]),
  /** Minutes between online backups of the day's copy (0: no scheduled backups). */
  backupMinutes: Type.Integer({ minimum: 0, maximum: 1440 }),
  /** Days of backups kept; older ones are deleted after each backup. */
  backupKeepDays: Type.Integer({ minimum: 1, maximum: 3660 }),
});
export type Config = Static<typeof ConfigSchema>;

/** Stops the start. Each problem is one sentence that names its setting and says what it accepts. */
export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: string | readonly string[]) {
    const list = typeof problems === 'string' ? [problems] : problems;
    super(list.length === 1 ? list[0]! : `${list.length} settings are wrong:\n  ${list.join('\n  ')}`);
    this.problems = list;
  }
}

/** A reader's answer to a value it cannot make sense of (the message is built by loadConfig). */
class Unreadable extends Error {}

/**
 * One setting: its environment variable, how its text becomes the field's value, and what it
 * accepts in words where the field's schema cannot say it (`inWords` says it otherwise).
 */
interface Setting<T> {
  readonly key: string;
  /** `raw` is undefined when the variable is unset or empty; throws Unreadable when it makes no sense. */
  read(raw: string | undefined): T;
  readonly accepts?: string;
  /** A rule beyond the schema, with its words. */
  readonly also?: { readonly words: string; test(value: T): boolean };
  /** The value is never repeated in a message. */
  readonly secret?: boolean;
}

const text = (fallback: string) => (raw: string | undefined) => raw ?? fallback;
const integer = (fallback: number) => (raw: string | undefined) => {
  if (raw === undefined) return fallback;
  if (!/^\s*[+-]?\d+\s*$/.test(raw)) throw new Unreadable();
  return Number(raw);
};
/** An http(s) address with no query, fragment or credentials, kept without its trailing slash. */
const webAddress = (raw: string | undefined) => {
  if (raw === undefined) return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new Unreadable();
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash || url.username || url.password || !url.hostname) {
    throw new Unreadable();
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
};
const FLAG_WORDS = 'on or off (or true/false, yes/no, 1/0)';
const FLAGS = new Map([...['on', 'true', 'yes', '1'].map((w) => [w, true] as const), ...['off', 'false', 'no', '0'].map((w) => [w, false] as const)]);
const flag = (fallback: boolean) => (raw: string | undefined) => {
  if (raw === undefined) return fallback;
  const value = FLAGS.get(raw.trim().toLowerCase());
  if (value === undefined) throw new Unreadable();
  return value;
};

/**
 * Every environment setting, one row each (the type asks for a row per Config field; `demo` comes
 * from the command line). Validated against ConfigSchema field by field.
 */
const SETTINGS: { readonly [F in Exclude<keyof Config, 'demo' | 'role'>]: Setting<Config[F]> } = {
  port: { key: 'PORT', read: integer(8080) },
  host: { key: 'HOST', read: text('127.0.0.1') },
  dbPath: { key: 'JIAOHAO_DB', read: text('./data/jiaohao.db') },
  adminPassword: { key: 'JIAOHAO_ADMIN_PASSWORD', read: (raw) => raw ?? null, secret: true },
  logLevel: { key: 'LOG_LEVEL', read: (raw) => raw?.trim().toLowerCase() ?? 'info' },
  bodyLimitBytes: { key: 'JIAOHAO_BODY_LIMIT', read: integer(64 * 1024) },
  rateLimits: { key: 'JIAOHAO_RATE_LIMITS', read: (raw) => (flag(true)(raw) ? 'on' : 'off'), accepts: FLAG_WORDS },
  loginPerMinute: { key: 'JIAOHAO_RATE_LOGIN_PER_MIN', read: integer(10) },
  issuePerMinute: { key: 'JIAOHAO_RATE_ISSUE_PER_MIN', read: integer(30) },
  publicPerMinute: { key: 'JIAOHAO_RATE_PUBLIC_PER_MIN', read: integer(120) },
  lockoutAttempts: { key: 'JIAOHAO_LOCKOUT_ATTEMPTS', read: integer(5) },
  lockoutMinutes: { key: 'JIAOHAO_LOCKOUT_MINUTES', read: integer(15) },
  sessionHours: { key: 'JIAOHAO_SESSION_HOURS', read: integer(12) },
  secureCookies: { key: 'JIAOHAO_SECURE_COOKIES', read: flag(false), accepts: FLAG_WORDS },
  scryptCost: { key: 'JIAOHAO_SCRYPT_N', read: integer(16384), also: { words: 'a power of two', test: (n) => (n & (n - 1)) === 0 } },
  clientsDir: { key: 'JIAOHAO_CLIENTS_DIR', read: text(REPO_ROOT) },
  allowedOrigins: {
    key: 'JIAOHAO_ALLOWED_ORIGINS',
    read: (raw) => (raw ?? '').split(',').map((o) => o.trim()).filter(Boolean),
    accepts: 'a comma-separated list of origins, each scheme://host[:port] with no path, such as http://localhost:5173',
  },
  requestTimeoutMs: { key: 'JIAOHAO_REQUEST_TIMEOUT_MS', read: integer(30_000) },
  keepAliveTimeoutMs: { key: 'JIAOHAO_KEEPALIVE_TIMEOUT_MS', read: integer(5_000) },
  idleTimeoutMs: { key: 'JIAOHAO_IDLE_TIMEOUT_MS', read: integer(60_000) },
  auditKeyFile: { key: 'JIAOHAO_AUDIT_KEY_FILE', read: (raw) => raw ?? null },
  auditAnchorFile: { key: 'JIAOHAO_AUDIT_ANCHOR_FILE', read: (raw) => raw ?? null },
  auditAnchorMinutes: { key: 'JIAOHAO_AUDIT_ANCHOR_MINUTES', read: integer(5) },
  publicUrl: {
    key: 'JIAOHAO_PUBLIC_URL',
    read: webAddress,
    accepts: 'an http:// or https:// address with no query or #fragment, such as https://queue.example.gov.tw',
  },
  redisUrl: { key: 'REDIS_URL', read: (raw) => raw?.trim() ?? null, accepts: 'a redis:// or rediss:// address, such as redis://127.0.0.1:6379' },
  publicHeartbeatSeconds: { key: 'JIAOHAO_PUBLIC_HEARTBEAT_SECONDS', read: integer(30) },
  backupDir: { key: 'JIAOHAO_BACKUP_DIR', read: (raw) => raw ?? null },
  backupMinutes: { key: 'JIAOHAO_BACKUP_MINUTES', read: integer(60) },
  backupKeepDays: { key: 'JIAOHAO_BACKUP_KEEP_DAYS', read: integer(14) },
};

/** The parts of a field's schema that a message puts in words. */
interface Described {
  readonly anyOf?: readonly Described[];
  readonly const?: unknown;
  readonly type?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
}

/** What a field's schema accepts, said in words. */
function inWords(schema: Described): string {
  if (schema.anyOf) {
    // A null alternative is the setting left unset; only the others need saying.
    const options = schema.anyOf.filter((o) => o.type !== 'null');
    if (options.every((o) => o.const !== undefined)) return `one of ${options.map((o) => String(o.const)).join(', ')}`;
    return options.map(inWords).join(', or ');
  }
  const { type, minimum: min, maximum: max, minLength } = schema;
  if (type === 'integer' || type === 'number') {
    const a = type === 'integer' ? 'an integer' : 'a number';
    if (min !== undefined && max !== undefined) return `${a} from ${min} to ${max}`;
    if (min !== undefined) return `${a} of at least ${min}`;
    if (max !== undefined) return `${a} of at most ${max}`;
    return a;
  }
  if (type === 'string') return minLength !== undefined && minLength > 1 ? `at least ${minLength} characters` : 'some text';
  return `a ${type ?? 'value'}`;
}

/** `--role public` or `--role=public`; `office` when not given. */
function roleOf(argv: readonly string[]): unknown {
  const at = argv.findIndex((a) => a === '--role' || a.startsWith('--role='));
  if (at === -1) return 'office';
  const given = argv[at] ?? '';
  const value = given.startsWith('--role=') ? given.slice('--role='.length) : argv[at + 1];
  if (value === 'office' || value === 'public') return value;
  throw new ConfigError(`--role must be office or public, got "${value ?? ''}"`);
}

/** Reads the documented keys (see .env.example); anything invalid stops the start with a clear message. */
export function loadConfig(env: NodeJS.ProcessEnv, argv: readonly string[] = []): Config {
  const problems: string[] = [];
  const config: Record<string, unknown> = { demo: argv.includes('--demo'), role: roleOf(argv) };
  for (const [field, setting] of Object.entries(SETTINGS) as [keyof typeof SETTINGS, Setting<unknown>][]) {
    const raw = env[setting.key] === '' ? undefined : env[setting.key];
    const schema = ConfigSchema.properties[field];
    let value: unknown;
    let ok = true;
    try {
      value = setting.read(raw);
    } catch (err) {
      if (!(err instanceof Unreadable)) throw err;
      ok = false;
    }
    if (ok && Value.Check(schema, value) && (setting.also?.test(value) ?? true)) {
      config[field] = value;
      continue;
    }
    const words = [setting.accepts ?? inWords(schema as Described), setting.also?.words].filter(Boolean).join(' and ');
    const got = setting.secret || raw === undefined ? '' : `, got "${raw}"`;
    problems.push(`${setting.key} must be ${words}${got}`);
  }
  if (config.role === 'public' && config.redisUrl === null) problems.push('--role public needs REDIS_URL: a public node reads the offices from Redis');
  if (problems.length > 0) throw new ConfigError(problems);
  // Only a field without a row could fail here, and the table's type rules that out.
  if (!Value.Check(ConfigSchema, config)) {
    throw new ConfigError([...Value.Errors(ConfigSchema, config)].map((e) => `invalid setting ${e.path}: ${e.message}`));
  }
  return config;
}

/** A config for tests and benchmarks: in-memory database, quiet logs, no rate limits. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    dbPath: ':memory:',
    adminPassword: 'test-admin-password',
    logLevel: 'silent',
    bodyLimitBytes: 64 * 1024,
    rateLimits: 'off',
    loginPerMinute: 10,
    issuePerMinute: 30,
    publicPerMinute: 120,
    lockoutAttempts: 5,
    lockoutMinutes: 15,
    sessionHours: 12,
    secureCookies: false,
    demo: false,
    // Below the production minimum on purpose: tests hash many passwords and test no cryptography.
    scryptCost: 1024,
    clientsDir: REPO_ROOT,
    allowedOrigins: [],
    requestTimeoutMs: 30_000,
    keepAliveTimeoutMs: 5_000,
    idleTimeoutMs: 60_000,
    // Beside the database: in memory for the in-memory one.
    auditKeyFile: null,
    auditAnchorFile: null,
    auditAnchorMinutes: 5,
    // The request's own origin (http://localhost under inject).
    publicUrl: null,
    role: 'office',
    redisUrl: null,
    publicHeartbeatSeconds: 30,
    // No scheduled backups in tests unless one asks.
    backupDir: null,
    backupMinutes: 0,
    backupKeepDays: 14,
    ...overrides,
  };
}
