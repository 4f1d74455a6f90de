// The built web clients as the server serves them, from a clients folder of fake builds: the pages,
// their caching, the CSP, an unbuilt client, and paths that try to leave dist/.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../testing/fixtures';
import { HOME_PAGE } from './clients';

// Files outside any dist/ folder: no answer may ever contain these.
const SECRET = 'SECRET-OUTSIDE-DIST';

function write(root: string, file: string, content: string): void {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), content);
}

let clientsDir: string;
let t: TestApp;

beforeAll(async () => {
  clientsDir = mkdtempSync(join(tmpdir(), 'jiaohao-clients-'));
  write(clientsDir, 'counter-client/dist/index.html', '<!doctype html><title>counter index</title>');
  write(clientsDir, 'counter-client/dist/assets/index-Ab12Cd34.js', 'console.log("counter")');
  write(clientsDir, 'display/dist/index.html', '<!doctype html><title>display index</title>');
  write(clientsDir, 'display/dist/status.html', '<!doctype html><title>status page</title>');
  write(clientsDir, 'display/dist/assets/styles-Ef56Gh78.css', 'body{}');
  // No kiosk/renderer/dist: the kiosk is "not built".
  write(clientsDir, 'package.json', `{"name":"${SECRET}"}`);
  write(clientsDir, 'counter-client/secret.txt', SECRET);
  write(clientsDir, 'counter-client/package.json', SECRET);
  write(clientsDir, 'kiosk/renderer/index.html', SECRET);
  t = await testApp({ config: { clientsDir } });
});

afterAll(async () => {
  await t.close();
  rmSync(clientsDir, { recursive: true, force: true });
});

/** The CSP directives, by name (`script-src` → `['self']`…). */
function csp(header: unknown): Map<string, string[]> {
  expect(typeof header).toBe('string');
  return new Map(
    String(header)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name = '', ...values]) => [name, values]),
  );
}

describe('built clients', () => {
  it.each([
    ['/counter/', 'counter index'],
    ['/counter/index.html', 'counter index'],
    ['/display/', 'display index'],
  ])('GET %s answers the page, revalidated on every load, under the strict CSP', async (url, title) => {
    const res = await t.app.inject({ url });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain(`<title>${title}</title>`);
    expect(res.headers['cache-control']).toBe('no-cache');
    const policy = csp(res.headers['content-security-policy']);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
  });

  it('serves hashed assets as immutable for a year', async () => {
    const js = await t.app.inject({ url: '/counter/assets/index-Ab12Cd34.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.body).toBe('console.log("counter")');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');

    const css = await t.app.inject({ url: '/display/assets/styles-Ef56Gh78.css' });
    expect(css.statusCode).toBe(200);
    expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('redirects the bare path to the one with a slash', async () => {
    for (const path of ['/counter', '/display']) {
      const res = await t.app.inject({ url: path });
      expect(res.statusCode).toBe(301);
      expect(res.headers.location).toBe(`${path}/`);
    }
  });

  it('answers a missing file with the usual 404 error', async () => {
    const res = await t.app.inject({ url: '/counter/assets/gone-00000000.js' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('sends / to the public status page', async () => {
    const res = await t.app.inject({ url: '/' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(HOME_PAGE);
    expect(HOME_PAGE).toBe('/status');
  });
});

describe('a client that is not built', () => {
  const kioskDist = () => join(clientsDir, 'kiosk/renderer/dist');
  afterEach(() => rmSync(kioskDist(), { recursive: true, force: true }));

  it.each(['/kiosk/', '/kiosk', '/kiosk/assets/index-00000000.js'])('GET %s answers 503 saying how to build it', async (url) => {
    const res = await t.app.inject({ url });
    expect(res.statusCode).toBe(503);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-security-policy']).toBeDefined();
    expect(res.json()).toEqual({
      error: {
        code: 'client_not_built',
        message: 'The kiosk is not built; run npm start (it builds missing clients) or npm run build -w kiosk',
      },
    });
  });

  it('is served as soon as its build appears, without a restart', async () => {
    expect((await t.app.inject({ url: '/kiosk/' })).statusCode).toBe(503);
    write(clientsDir, 'kiosk/renderer/dist/index.html', '<!doctype html><title>kiosk index</title>');
    const res = await t.app.inject({ url: '/kiosk/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<title>kiosk index</title>');
  });

  it('names the client and its workspace in the message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jiaohao-clients-empty-'));
    const empty = await testApp({ config: { clientsDir: dir } });
    try {
      const counter = await empty.app.inject({ url: '/counter/' });
      expect(counter.statusCode).toBe(503);
      expect(counter.json().error.message).toBe(
        'The counter client is not built; run npm start (it builds missing clients) or npm run build -w counter-client',
      );
      const display = await empty.app.inject({ url: '/display/' });
      expect(display.statusCode).toBe(503);
      expect(display.json().error.message).toContain('npm run build -w display');
    } finally {
      await empty.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// Spellings of "go up out of dist/". inject() normalises `..` in the URL the way a browser would,
// so each is also sent byte for byte over a real socket, as an attacker's client would.
const TRAVERSALS = [
  '/counter/../../package.json',
  '/counter/../secret.txt',
  '/counter/assets/../../secret.txt',
  '/counter/%2e%2e/%2e%2e/package.json',
  '/counter/%2e%2e/secret.txt',
  '/counter/.%2e/secret.txt',
  '/counter/..%2f..%2fpackage.json',
  '/counter/%2e%2e%2f%2e%2e%2fpackage.json',
  '/counter/%252e%252e/%252e%252e/package.json',
  '/counter/..%5c..%5cpackage.json',
  '/counter/..\\..\\package.json',
  '/counter//../secret.txt',
  '/counter/./../secret.txt',
  '/counter/%2e%2e%2fpackage.json%00.html',
  '/display/../display/../counter-client/secret.txt',
  '/display/..%2f..%2fcounter-client/secret.txt',
];

/** Sends one request exactly as written and resolves to the raw response (status line, headers, body). */
function rawGet(port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
  });
}

describe('paths that try to leave dist/', () => {
  it.each(TRAVERSALS)('inject %s answers 404, never a file from outside dist', async (url) => {
    const res = await t.app.inject({ url });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'not_found' } });
    expect(res.body).not.toContain(SECRET);
  });

  it('over a real socket, every spelling answers 404, never a file from outside dist', async () => {
    const listening = await testApp({ config: { clientsDir } });
    try {
      await listening.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = listening.app.server.address() as AddressInfo;
      // A control request, so a broken rawGet cannot make the loop below pass.
      expect(await rawGet(port, '/counter/')).toMatch(/^HTTP\/1\.1 200 [\s\S]*<title>counter index<\/title>/);
      for (const path of TRAVERSALS) {
        const answer = await rawGet(port, path);
        expect(answer, path).toMatch(/^HTTP\/1\.1 404 /);
        expect(answer, path).not.toContain(SECRET);
      }
    } finally {
      await listening.close();
    }
  });
});
