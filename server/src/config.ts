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
});
export type Config = Static<typeof ConfigSchema>;

export class ConfigError extends Error {}

/** Reads the documented keys (see .env.example); anything invalid stops the start with a clear message. */
export function loadConfig(env: NodeJS.ProcessEnv, argv: readonly string[] = []): Config {
  const int = (key: string, fallback: number) => {
    const raw = env[key];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n)) throw new ConfigError(`${key} must be an integer, got "${raw}"`);
    return n;
  };
  const config = {
    port: int('PORT', 8080),
    host: env.HOST || '127.0.0.1',
    dbPath: env.JIAOHAO_DB || './data/jiaohao.db',
    adminPassword: env.JIAOHAO_ADMIN_PASSWORD || null,
    logLevel: env.LOG_LEVEL || 'info',
    bodyLimitBytes: int('JIAOHAO_BODY_LIMIT', 64 * 1024),
    rateLimits: env.JIAOHAO_RATE_LIMITS || 'on',
    loginPerMinute: int('JIAOHAO_RATE_LOGIN_PER_MIN', 10),
    issuePerMinute: int('JIAOHAO_RATE_ISSUE_PER_MIN', 30),
    publicPerMinute: int('JIAOHAO_RATE_PUBLIC_PER_MIN', 120),
    lockoutAttempts: int('JIAOHAO_LOCKOUT_ATTEMPTS', 5),
    lockoutMinutes: int('JIAOHAO_LOCKOUT_MINUTES', 15),
    sessionHours: int('JIAOHAO_SESSION_HOURS', 12),
    secureCookies: (env.JIAOHAO_SECURE_COOKIES || 'off') === 'on',
    demo: argv.includes('--demo'),
    scryptCost: int('JIAOHAO_SCRYPT_N', 16384),
    clientsDir: env.JIAOHAO_CLIENTS_DIR || REPO_ROOT,
    allowedOrigins: (env.JIAOHAO_ALLOWED_ORIGINS || '').split(',').map((o) => o.trim()).filter(Boolean),
  };
  if ((config.scryptCost & (config.scryptCost - 1)) !== 0) {
    throw new ConfigError(`JIAOHAO_SCRYPT_N must be a power of two, got "${env.JIAOHAO_SCRYPT_N}"`);
  }
  if (!Value.Check(ConfigSchema, config)) {
    const first = [...Value.Errors(ConfigSchema, config)][0];
    throw new ConfigError(`invalid setting ${first?.path ?? ''}: ${first?.message ?? 'unknown'}`);
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
    ...overrides,
  };
}
