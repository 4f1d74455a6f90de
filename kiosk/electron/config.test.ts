import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configPath, loadConfig, parseConfig, saveSetup, type ParseResult } from './config';

const TOKEN = 'jhd_Q2xhaW1lZC10b2tlbi1mb3ItdGVzdHMtb25seS0xMjM0NTY3OA';
const good = { serverUrl: 'http://192.168.1.10:8080', deviceToken: TOKEN, printer: 'TM-T88', kiosk: true };

function problems(result: ParseResult) {
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.problems;
}

describe('parseConfig', () => {
  it('accepts a complete file and normalises the address', () => {
    expect(parseConfig({ ...good, serverUrl: 'HTTP://Kiosk-Server.LAN:8080/', media: 'RP80x297' })).toEqual({
      ok: true,
      config: { serverUrl: 'http://kiosk-server.lan:8080', deviceToken: TOKEN, printer: 'TM-T88', kiosk: true, media: 'RP80x297' },
    });
  });

  it("defaults to kiosk mode, no printer and the ticket PDF's own page size", () => {
    expect(parseConfig({ serverUrl: 'https://jiaohao.example.gov.tw', deviceToken: TOKEN })).toEqual({
      ok: true,
      config: { serverUrl: 'https://jiaohao.example.gov.tw', deviceToken: TOKEN, printer: null, kiosk: true, media: null },
    });
    expect(parseConfig({ ...good, printer: '' })).toMatchObject({ ok: true, config: { printer: null } });
    expect(parseConfig({ ...good, printer: null })).toMatchObject({ ok: true, config: { printer: null } });
    expect(parseConfig({ ...good, kiosk: false })).toMatchObject({ ok: true, config: { kiosk: false } });
    expect(parseConfig({ ...good, media: null })).toMatchObject({ ok: true, config: { media: null } });
  });

  it.each([
    [undefined, /serverUrl is missing.*http:\/\/192\.168\.1\.10:8080/],
    ['', /serverUrl is missing/],
    [8080, /serverUrl must be text/],
    ['192.168.1.10:8080', /needs http:\/\/ or https:\/\/ in front, e\.g\. http:\/\/192\.168\.1\.10:8080$/],
    ['server.lan', /needs http:\/\/ or https:\/\/ in front, e\.g\. http:\/\/server\.lan$/],
    ['http://', /is not an address/],
    ['http://server lan', /is not an address/],
    ['ftp://server.lan', /must start with http:\/\/ or https:\/\/ \(got "ftp:"\)/],
    ['javascript:alert(1)', /must start with http:\/\/ or https:\/\//],
    ['file:///etc/passwd', /must start with http:\/\/ or https:\/\//],
    ['http://admin:pw@server.lan', /user name or password/],
    ['http://server.lan:8080/kiosk/', /without a path.*http:\/\/server\.lan:8080/],
    ['http://server.lan/?x=1', /without a path/],
    ['http://server.lan/#token=abc', /without a path/],
  ])('refuses serverUrl %j with a sentence saying why', (serverUrl, message) => {
    const found = problems(parseConfig({ ...good, serverUrl }));
    expect(found).toEqual([{ field: 'serverUrl', message: expect.stringMatching(message) }]);
  });

  it.each([
    [undefined, /deviceToken is missing: register the kiosk/],
    ['   ', /deviceToken is missing/],
    [42, /deviceToken must be text/],
    ['jhd_abc def', /characters a device token never has/],
    ['jhd_abc#x', /characters a device token never has/],
    ['x'.repeat(513), /too long/],
  ])('refuses deviceToken %j', (deviceToken, message) => {
    expect(problems(parseConfig({ ...good, deviceToken }))).toEqual([{ field: 'deviceToken', message: expect.stringMatching(message) }]);
  });

  it.each(['-d', 'two words', 'a/b', 'x'.repeat(128), 7, true])('refuses printer %j', (printer) => {
    expect(problems(parseConfig({ ...good, printer }))).toEqual([{ field: 'printer', message: expect.stringMatching(/not a CUPS queue name/) }]);
  });

  it('refuses the rest, all problems at once', () => {
    const found = problems(parseConfig({ serverUrl: 'http://a b', kiosk: 'yes', media: '-o x', printr: 'PDF' }));
    expect(found.map((p) => p.message)).toEqual([
      expect.stringMatching(/unknown setting "printr"/),
      expect.stringMatching(/serverUrl "http:\/\/a b" is not an address/),
      expect.stringMatching(/deviceToken is missing/),
      expect.stringMatching(/kiosk must be true or false/),
      expect.stringMatching(/media "-o x" is not a CUPS media name/),
    ]);
  });

  it.each([[null], [[]], ['text'], [3]])('refuses a file that is not an object (%j)', (raw) => {
    expect(problems(parseConfig(raw))).toEqual([{ field: null, message: expect.stringMatching(/must be a JSON object/) }]);
  });
});

describe('configPath', () => {
  it('is $JIAOHAO_KIOSK_CONFIG, else kiosk.json in the userData folder', () => {
    expect(configPath({ JIAOHAO_KIOSK_CONFIG: '/etc/jiaohao/kiosk.json' }, '/home/kiosk/.config/jiaohao-kiosk')).toBe('/etc/jiaohao/kiosk.json');
    expect(configPath({}, '/home/kiosk/.config/jiaohao-kiosk')).toBe('/home/kiosk/.config/jiaohao-kiosk/kiosk.json');
    expect(configPath({ JIAOHAO_KIOSK_CONFIG: ' ' }, '/u')).toBe('/u/kiosk.json');
  });
});

describe('loadConfig and saveSetup', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('says missing when there is no file', () => {
    expect(loadConfig(join(dir, 'kiosk.json'))).toEqual({ state: 'missing', path: join(dir, 'kiosk.json') });
  });

  it('says why a file cannot be used, keeping what it holds for the form', () => {
    const path = join(dir, 'kiosk.json');
    writeFileSync(path, '{"serverUrl": "http://x:8080",');
    expect(loadConfig(path)).toMatchObject({ state: 'invalid', problems: [{ field: null, message: expect.stringMatching(/is not valid JSON/) }] });
    writeFileSync(path, JSON.stringify({ serverUrl: 'http://server.lan:8080', printer: 'PDF', kiosk: false }));
    expect(loadConfig(path)).toEqual({
      state: 'invalid',
      path,
      problems: [{ field: 'deviceToken', message: expect.stringMatching(/deviceToken is missing/) }],
      values: { serverUrl: 'http://server.lan:8080', deviceToken: '', printer: 'PDF', kiosk: false },
    });
  });

  it('saves a valid form owner-only, normalised, keeping the media of the file, and loads it back', () => {
    const path = join(dir, 'sub', 'kiosk.json');
    expect(saveSetup(path, { serverUrl: ' http://Server.lan:8080/ ', deviceToken: ` ${TOKEN} `, printer: '', kiosk: true }).ok).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({
      serverUrl: 'http://server.lan:8080',
      deviceToken: TOKEN,
      printer: null,
      kiosk: true,
      media: null,
    });
    writeFileSync(path, JSON.stringify({ ...good, media: 'RP80x297' }));
    saveSetup(path, { ...good, printer: 'PDF' });
    expect(loadConfig(path)).toEqual({ state: 'ok', path, config: { ...good, printer: 'PDF', media: 'RP80x297' } });
  });

  it('writes nothing when the form is wrong', () => {
    const path = join(dir, 'kiosk.json');
    const result = saveSetup(path, { serverUrl: 'server', deviceToken: '', printer: 'a b', kiosk: true });
    expect(problems(result).map((p) => p.field)).toEqual(['serverUrl', 'deviceToken', 'printer']);
    expect(loadConfig(path).state).toBe('missing');
  });
});
