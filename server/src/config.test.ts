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
    });
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
    });
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT must be an integer/],
    [{ PORT: '70000' }, /port/],
    [{ JIAOHAO_ADMIN_PASSWORD: 'short' }, /adminPassword/],
    [{ JIAOHAO_RATE_LIMITS: 'maybe' }, /rateLimits/],
    [{ LOG_LEVEL: 'loud' }, /logLevel/],
    [{ JIAOHAO_LOCKOUT_ATTEMPTS: '0' }, /lockoutAttempts/],
    [{ JIAOHAO_SCRYPT_N: '20000' }, /power of two/],
    [{ JIAOHAO_SCRYPT_N: '1024' }, /scryptCost/],
  ])('refuses %o with a clear message', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('documents every key it reads in .env.example', async () => {
    const { readFileSync } = await import('node:fs');
    const example = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
    const source = readFileSync(new URL('./config.ts', import.meta.url), 'utf8');
    const keys = [...source.matchAll(/(?:int\('|env\.)([A-Z_]+)/g)].map((m) => m[1]!);
    expect(keys.length).toBeGreaterThan(10);
    for (const key of new Set(keys)) expect(example, key).toMatch(new RegExp(`^${key}=`, 'm'));
  });
});
