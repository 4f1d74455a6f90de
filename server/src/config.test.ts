import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    expect(loadConfig({})).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      dbPath: './data/jiaohao.db',
      adminPassword: null,
      rateLimits: 'on',
      loginPerMinute: 10,
      issuePerMinute: 30,
      publicPerMinute: 120,
      lockoutAttempts: 5,
      lockoutMinutes: 15,
      sessionHours: 12,
      secureCookies: false,
      demo: false,
      publicUrl: null,
      role: 'office',
      redisUrl: null,
      backupDir: null,
      backupMinutes: 60,
      backupKeepDays: 14,
    });
  });

  it('reads --role public, which needs REDIS_URL, and refuses any other role', () => {
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }, ['--role', 'public'])).toMatchObject({ role: 'public', redisUrl: 'redis://127.0.0.1:6379' });
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }, ['--role=public']).role).toBe('public');
    expect(() => loadConfig({}, ['--role', 'public'])).toThrow(/--role public needs REDIS_URL/);
    expect(() => loadConfig({}, ['--role', 'city'])).toThrow(/--role must be office or public, got "city"/);
    expect(() => loadConfig({ REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(/REDIS_URL must be a redis:\/\/ or rediss:\/\/ address/);
    expect(() => loadConfig({ JIAOHAO_BACKUP_MINUTES: '-1' })).toThrow(/JIAOHAO_BACKUP_MINUTES must be an integer from 0 to 1440/);
  });

  it('reads every key and the --demo flag', () => {
    const c = loadConfig(
      {
        PORT: '9090',
        HOST: '0.0.0.0',
        JIAOHAO_DB: '/var/lib/jiaohao/office.db',
        JIAOHAO_ADMIN_PASSWORD: 'a long enough password',
        JIAOHAO_RATE_LIMITS: 'off',
        JIAOHAO_RATE_ISSUE_PER_MIN: '60',
        JIAOHAO_SECURE_COOKIES: 'on',
        LOG_LEVEL: 'warn',
        JIAOHAO_SCRYPT_N: '65536',
        JIAOHAO_CLIENTS_DIR: '/opt/jiaohao',
        JIAOHAO_PUBLIC_URL: 'https://queue.example.gov.tw',
      },
      ['--demo'],
    );
    expect(c).toMatchObject({
      port: 9090,
      host: '0.0.0.0',
      dbPath: '/var/lib/jiaohao/office.db',
      adminPassword: 'a long enough password',
      rateLimits: 'off',
      issuePerMinute: 60,
      secureCookies: true,
      logLevel: 'warn',
      demo: true,
      scryptCost: 65536,
      clientsDir: '/opt/jiaohao',
      publicUrl: 'https://queue.example.gov.tw',
    });
  });

  it.each([
    ['https://queue.example.gov.tw/', 'https://queue.example.gov.tw'],
    [' http://192.168.1.20:8080 ', 'http://192.168.1.20:8080'],
    ['https://www.example.gov.tw/queue/', 'https://www.example.gov.tw/queue'],
    ['HTTPS://Queue.Example.gov.tw', 'https://queue.example.gov.tw'],
  ])('reads JIAOHAO_PUBLIC_URL %j as %j (no trailing slash: the e-ticket path is put after it)', (raw, url) => {
    expect(loadConfig({ JIAOHAO_PUBLIC_URL: raw }).publicUrl).toBe(url);
  });

  it.each([
    ['on', true],
    ['ON', true],
    ['true', true],
    ['True', true],
    ['1', true],
    ['yes', true],
    [' yes ', true],
    ['off', false],
    ['OFF', false],
    ['false', false],
    ['0', false],
    ['no', false],
    ['No', false],
  ])('reads the switch %j as %s (JIAOHAO_SECURE_COOKIES and JIAOHAO_RATE_LIMITS)', (word, on) => {
    const c = loadConfig({ JIAOHAO_SECURE_COOKIES: word, JIAOHAO_RATE_LIMITS: word });
    expect(c.secureCookies).toBe(on);
    expect(c.rateLimits).toBe(on ? 'on' : 'off');
  });

  it('reads the timeouts, with production defaults', () => {
    expect(loadConfig({})).toMatchObject({ requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000, idleTimeoutMs: 60_000 });
    const c = loadConfig({ JIAOHAO_REQUEST_TIMEOUT_MS: '10000', JIAOHAO_KEEPALIVE_TIMEOUT_MS: '65000', JIAOHAO_IDLE_TIMEOUT_MS: '120000' });
    expect(c).toMatchObject({ requestTimeoutMs: 10_000, keepAliveTimeoutMs: 65_000, idleTimeoutMs: 120_000 });
  });

  it('reads LOG_LEVEL in any case', () => {
    expect(loadConfig({ LOG_LEVEL: 'WARN' }).logLevel).toBe('warn');
  });

  // One bad value per setting, and the words the message must hold. A new key needs a row here.
  const BAD: readonly (readonly [key: string, value: string, words: RegExp])[] = [
    ['PORT', 'eighty', /^PORT must be an integer from 0 to 65535, got "eighty"$/],
    ['PORT', '70000', /^PORT must be an integer from 0 to 65535, got "70000"$/],
    ['PORT', '80.5', /^PORT must be an integer/],
    ['JIAOHAO_ADMIN_PASSWORD', 'short', /^JIAOHAO_ADMIN_PASSWORD must be at least 12 characters$/],
    ['LOG_LEVEL', 'loud', /^LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"$/],
    ['JIAOHAO_BODY_LIMIT', '100', /^JIAOHAO_BODY_LIMIT must be an integer of at least 1024, got "100"$/],
    ['JIAOHAO_BODY_LIMIT', '64k', /^JIAOHAO_BODY_LIMIT must be an integer/],
    ['JIAOHAO_RATE_LIMITS', 'maybe', /^JIAOHAO_RATE_LIMITS must be on or off \(or true\/false, yes\/no, 1\/0\), got "maybe"$/],
    ['JIAOHAO_RATE_LOGIN_PER_MIN', '0', /^JIAOHAO_RATE_LOGIN_PER_MIN must be an integer of at least 1, got "0"$/],
    ['JIAOHAO_RATE_ISSUE_PER_MIN', 'lots', /^JIAOHAO_RATE_ISSUE_PER_MIN must be an integer of at least 1, got "lots"$/],
    ['JIAOHAO_RATE_PUBLIC_PER_MIN', '-5', /^JIAOHAO_RATE_PUBLIC_PER_MIN must be an integer of at least 1/],
    ['JIAOHAO_LOCKOUT_ATTEMPTS', '0', /^JIAOHAO_LOCKOUT_ATTEMPTS must be an integer of at least 1, got "0"$/],
    ['JIAOHAO_LOCKOUT_MINUTES', '1.5', /^JIAOHAO_LOCKOUT_MINUTES must be an integer of at least 1/],
    ['JIAOHAO_SESSION_HOURS', '1000', /^JIAOHAO_SESSION_HOURS must be an integer from 1 to 720, got "1000"$/],
    ['JIAOHAO_SECURE_COOKIES', 'enabled', /^JIAOHAO_SECURE_COOKIES must be on or off \(or true\/false, yes\/no, 1\/0\), got "enabled"$/],
    ['JIAOHAO_SCRYPT_N', '20000', /^JIAOHAO_SCRYPT_N must be an integer from 16384 to 1048576 and a power of two, got "20000"$/],
    ['JIAOHAO_SCRYPT_N', '1024', /^JIAOHAO_SCRYPT_N must be an integer from 16384 to 1048576 and a power of two, got "1024"$/],
    ['JIAOHAO_ALLOWED_ORIGINS', 'http://localhost:5173,localhost:8080', /^JIAOHAO_ALLOWED_ORIGINS must be a comma-separated list of origins, each scheme:\/\/host\[:port\] with no path/],
    ['JIAOHAO_ALLOWED_ORIGINS', 'https://office.example/counter/', /^JIAOHAO_ALLOWED_ORIGINS must be .*, got "https:\/\/office.example\/counter\/"$/],
    ['JIAOHAO_REQUEST_TIMEOUT_MS', '0', /^JIAOHAO_REQUEST_TIMEOUT_MS must be an integer from 1000 to 600000, got "0"$/],
    ['JIAOHAO_KEEPALIVE_TIMEOUT_MS', '5s', /^JIAOHAO_KEEPALIVE_TIMEOUT_MS must be an integer from 1000 to 600000, got "5s"$/],
    ['JIAOHAO_IDLE_TIMEOUT_MS', '10000', /^JIAOHAO_IDLE_TIMEOUT_MS must be an integer from 30000 to 3600000, got "10000"$/],
    ['JIAOHAO_AUDIT_ANCHOR_MINUTES', '0', /^JIAOHAO_AUDIT_ANCHOR_MINUTES must be an integer from 1 to 1440, got "0"$/],
    ['JIAOHAO_PUBLIC_URL', 'queue.example.gov.tw', /^JIAOHAO_PUBLIC_URL must be an http:\/\/ or https:\/\/ address with no query or #fragment, such as https:\/\/queue.example.gov.tw, got "queue.example.gov.tw"$/],
    ['JIAOHAO_PUBLIC_URL', 'ftp://queue.example.gov.tw', /^JIAOHAO_PUBLIC_URL must be an http:\/\/ or https:\/\/ address/],
    ['JIAOHAO_PUBLIC_URL', 'https://queue.example.gov.tw/?office=north', /^JIAOHAO_PUBLIC_URL must be .*, got "https:\/\/queue.example.gov.tw\/\?office=north"$/],
    ['JIAOHAO_PUBLIC_URL', 'https://user:secret@queue.example.gov.tw', /^JIAOHAO_PUBLIC_URL must be an http:\/\/ or https:\/\/ address/],
    ['REDIS_URL', 'localhost:6379', /^REDIS_URL must be a redis:\/\/ or rediss:\/\/ address, such as redis:\/\/127.0.0.1:6379, got "localhost:6379"$/],
    ['JIAOHAO_PUBLIC_HEARTBEAT_SECONDS', '0', /^JIAOHAO_PUBLIC_HEARTBEAT_SECONDS must be an integer from 1 to 300, got "0"$/],
    ['JIAOHAO_BACKUP_MINUTES', '1441', /^JIAOHAO_BACKUP_MINUTES must be an integer from 0 to 1440, got "1441"$/],
    ['JIAOHAO_BACKUP_KEEP_DAYS', '0', /^JIAOHAO_BACKUP_KEEP_DAYS must be an integer from 1 to 3660, got "0"$/],
  ];
  /** Settings where any text is a valid value (a path, a host name). */
  const ANY_TEXT = ['HOST', 'JIAOHAO_DB', 'JIAOHAO_CLIENTS_DIR', 'JIAOHAO_AUDIT_KEY_FILE', 'JIAOHAO_AUDIT_ANCHOR_FILE', 'JIAOHAO_BACKUP_DIR'];

  it.each(BAD)('refuses %s=%j with a message that names it and says what it accepts', (key, value, words) => {
    let error: unknown;
    try {
      loadConfig({ [key]: value });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(words);
    expect((error as ConfigError).problems).toHaveLength(1);
  });

  it('has a bad value above for every key it reads', () => {
    expect(new Set([...BAD.map(([key]) => key), ...ANY_TEXT])).toEqual(new Set(keysRead()));
  });

  it('names every bad setting at once, and never repeats the admin password', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: '-1', JIAOHAO_SECURE_COOKIES: 'sure', JIAOHAO_ADMIN_PASSWORD: 'hunter2' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { message, problems } = error as ConfigError;
    expect(problems.map((p) => p.split(' ')[0])).toEqual(['PORT', 'JIAOHAO_ADMIN_PASSWORD', 'JIAOHAO_SECURE_COOKIES']);
    expect(message).toMatch(/^3 settings are wrong:\n {2}PORT must be/);
    expect(message).not.toContain('hunter2');
  });

  it('documents every key it reads in .env.example', () => {
    const example = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
    const keys = keysRead();
    expect(keys.length).toBeGreaterThan(10);
    for (const key of keys) expect(example, key).toMatch(new RegExp(`^${key}=`, 'm'));
  });
});

/** The environment variables config.ts reads, from its source. */
function keysRead(): string[] {
  const source = readFileSync(new URL('./config.ts', import.meta.url), 'utf8');
  return [...new Set([...source.matchAll(/(?:key: '|env\.)([A-Z][A-Z0-9_]+)/g)].map((m) => m[1]!))];
}

describe('npm start with a bad setting', () => {
  it('prints what is wrong, without a stack trace, and exits with 2', { timeout: 20_000 }, async () => {
    const server = fileURLToPath(new URL('./server.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', server], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      env: { PATH: process.env.PATH, PORT: '0', JIAOHAO_DB: ':memory:', JIAOHAO_SECURE_COOKIES: 'maybe', JIAOHAO_ADMIN_PASSWORD: 'short' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('JIAOHAO_SECURE_COOKIES must be on or off');
    expect(stderr).toContain('JIAOHAO_ADMIN_PASSWORD must be at least 12 characters');
    expect(stderr).toContain('.env.example');
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(stderr).not.toMatch(/ConfigError/);
    expect(stdout).toBe('');
  });
});
