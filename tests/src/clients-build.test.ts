// `npm start` builds the web clients that need it (scripts/clients.mjs, scripts/start.mjs): which
// builds are stale, on a fixture tree with set mtimes; one real build; the pages' CSP hygiene; and
// start.mjs itself, from stale clients to a served page to a clean stop on SIGTERM.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildClients, CLIENTS, staleClients } from '../../scripts/clients.mjs';
import { SERVED_CLIENTS } from '@jiaohao/server/testing';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

it('the build list and the server agree on every client (workspace, dist folder, path)', () => {
  expect(CLIENTS.map(({ workspace, distDir, path }) => ({ workspace, distDir, path }))).toEqual(
    SERVED_CLIENTS.map(({ workspace, distDir, path }) => ({ workspace, distDir, path })),
  );
});

describe('staleClients', () => {
  // Fixed instants, so no assertion depends on the clock: sources at T0, builds a minute later.
  const T0 = new Date('2026-01-05T01:00:00Z');
  const BUILT = new Date('2026-01-05T01:01:00Z');
  const LATER = new Date('2026-01-05T01:02:00Z');

  const SOURCES = [
    'shared/src/pick-next.ts',
    'shared/src/pick-next.test.ts',
    'counter-client/package.json',
    'counter-client/tsconfig.json',
    'counter-client/vite.config.ts',
    'counter-client/index.html',
    'counter-client/src/main.tsx',
    'counter-client/src/App.tsx',
    'counter-client/src/App.test.tsx',
    'display/package.json',
    'display/tsconfig.json',
    'display/vite.config.ts',
    'display/vite.ssr.config.ts',
    'display/vite.widget.config.ts',
    'display/index.html',
    'display/status.html',
    'display/eticket.html',
    'display/book.html',
    'display/src/main.tsx',
    'kiosk/package.json',
    'kiosk/renderer/tsconfig.json',
    'kiosk/renderer/vite.config.ts',
    'kiosk/renderer/index.html',
    'kiosk/renderer/src/main.tsx',
  ];
  const DIST = [
    'counter-client/dist/index.html',
    'display/dist/index.html',
    'display/dist-ssr/status.js',
    'display/dist-widget/widget.js',
    'kiosk/renderer/dist/index.html',
  ];

  let tree: string;

  function put(file: string, at: Date): void {
    const path = join(tree, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file);
    utimesSync(path, at, at);
  }
  const touch = (file: string, at: Date) => utimesSync(join(tree, file), at, at);
  const names = () => staleClients(tree).map((c) => c.name);

  beforeEach(() => {
    tree = mkdtempSync(join(tmpdir(), 'jiaohao-stale-'));
    for (const file of SOURCES) put(file, T0);
  });
  afterEach(() => rmSync(tree, { recursive: true, force: true }));

  it('a client with no dist/index.html is stale', () => {
    expect(staleClients(tree)).toEqual(CLIENTS.map((c) => ({ ...c, reason: 'not built yet' })));
    put('counter-client/dist/index.html', BUILT);
    expect(names()).toEqual(['display', 'kiosk']);
  });

  it('a dist folder without index.html (a failed build) is stale', () => {
    for (const file of DIST) put(file, BUILT);
    rmSync(join(tree, 'display/dist/index.html'));
    put('display/dist/assets/index-00000000.js', BUILT);
    expect(names()).toEqual(['display']);
  });

  it('the display without its SSR bundle (what /status is rendered with) is stale, and so is one older than a source', () => {
    for (const file of DIST) put(file, BUILT);
    rmSync(join(tree, 'display/dist-ssr/status.js'));
    expect(staleClients(tree)).toEqual([expect.objectContaining({ name: 'display', reason: 'not built yet' })]);
    put('display/dist-ssr/status.js', T0);
    touch('display/src/main.tsx', BUILT);
    expect(staleClients(tree)).toEqual([expect.objectContaining({ name: 'display', reason: 'display/src/main.tsx changed since the last build' })]);
  });

  it('the display without its widget (/widget.js) is stale, and so is one older than the widget config', () => {
    for (const file of DIST) put(file, BUILT);
    rmSync(join(tree, 'display/dist-widget/widget.js'));
    expect(staleClients(tree)).toEqual([expect.objectContaining({ name: 'display', reason: 'not built yet' })]);
    put('display/dist-widget/widget.js', T0);
    touch('display/vite.widget.config.ts', BUILT);
    expect(staleClients(tree)).toEqual([expect.objectContaining({ name: 'display', reason: 'display/vite.widget.config.ts changed since the last build' })]);
  });

  it('builds newer than every source are fresh', () => {
    for (const file of DIST) put(file, BUILT);
    expect(staleClients(tree)).toEqual([]);
  });

  it('a build as old as its newest source is fresh', () => {
    for (const file of DIST) put(file, T0);
    expect(staleClients(tree)).toEqual([]);
  });

  it.each([
    ['counter-client/src/App.tsx', 'counter-client'],
    ['counter-client/index.html', 'counter-client'],
    ['counter-client/vite.config.ts', 'counter-client'],
    ['counter-client/package.json', 'counter-client'],
    ['counter-client/tsconfig.json', 'counter-client'],
    ['display/status.html', 'display'],
    ['display/vite.ssr.config.ts', 'display'],
    ['display/eticket.html', 'display'],
    ['display/book.html', 'display'],
    ['kiosk/renderer/src/main.tsx', 'kiosk'],
    ['kiosk/renderer/vite.config.ts', 'kiosk'],
    ['kiosk/package.json', 'kiosk'],
  ])('%s newer than the build makes %s stale, and only it', (file, client) => {
    for (const dist of DIST) put(dist, BUILT);
    touch(file, LATER);
    expect(staleClients(tree)).toEqual([
      expect.objectContaining({ name: client, reason: `${file} changed since the last build` }),
    ]);
  });

  it('a new source file counts too', () => {
    for (const dist of DIST) put(dist, BUILT);
    put('display/src/features/board/Board.tsx', LATER);
    expect(names()).toEqual(['display']);
  });

  it('a change in shared/src makes every client stale, since they all import it', () => {
    for (const dist of DIST) put(dist, BUILT);
    touch('shared/src/pick-next.ts', LATER);
    expect(staleClients(tree)).toEqual(
      CLIENTS.map((c) => expect.objectContaining({ name: c.name, reason: 'shared/src/pick-next.ts changed since the last build' })),
    );
  });

  it('a change in web/src (the connection store the clients share) makes every client stale too', () => {
    for (const dist of DIST) put(dist, BUILT);
    put('web/src/connection/store.ts', LATER);
    expect(staleClients(tree)).toEqual(
      CLIENTS.map((c) => expect.objectContaining({ name: c.name, reason: 'web/src/connection/store.ts changed since the last build' })),
    );
  });

  it('a changed test file needs no build (tests are not bundled)', () => {
    for (const dist of DIST) put(dist, BUILT);
    touch('counter-client/src/App.test.tsx', LATER);
    touch('shared/src/pick-next.test.ts', LATER);
    expect(staleClients(tree)).toEqual([]);
  });
});

/** The `<script>`, `<style>` and `style=` uses a strict CSP (`script-src 'self'`) would block. */
function inlineCode(html: string): string[] {
  const found: string[] = [];
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attrs = match[1] ?? '';
    if (!/\ssrc=/i.test(attrs) || (match[2] ?? '').trim() !== '') found.push(match[0]);
  }
  for (const match of html.matchAll(/<style\b[^>]*>|\sstyle\s*=|\son[a-z]+\s*=/gi)) found.push(match[0]);
  return found;
}

describe("the clients' pages", () => {
  const pages = ['counter-client/index.html', 'display/index.html', 'display/status.html', 'display/eticket.html', 'display/book.html', 'kiosk/renderer/index.html'];

  it.each(pages)('%s names its language and title, with no inline script or style', (page) => {
    const html = readFileSync(join(ROOT, page), 'utf8');
    expect(html).toMatch(/<html lang="zh-Hant-TW">/);
    expect(html).toMatch(/<title>[^<]*\p{Script=Han}[^<]*<\/title>/u);
    expect(inlineCode(html)).toEqual([]);
  });
});

describe('a real build', () => {
  it(
    'buildClients builds the counter client into its dist, for /counter/, in one line',
    async () => {
      const log = vi.spyOn(console, 'log');
      try {
        await buildClients(ROOT, ['counter-client']);
        const lines = log.mock.calls.map((args) => args.join(' '));
        expect(lines).toEqual([expect.stringMatching(/^clients: built counter-client in \d+\.\d s$/)]);
      } finally {
        log.mockRestore();
      }

      const dist = join(ROOT, 'counter-client', 'dist');
      const html = readFileSync(join(dist, 'index.html'), 'utf8');
      const assets = [...html.matchAll(/(?:src|href)="(\/counter\/assets\/[^"]+)"/g)].map((m) => m[1] ?? '');
      expect(assets).toContainEqual(expect.stringMatching(/^\/counter\/assets\/index-[\w-]+\.js$/));
      expect(assets).toContainEqual(expect.stringMatching(/^\/counter\/assets\/index-[\w-]+\.css$/));
      for (const asset of assets) expect(existsSync(join(dist, asset.slice('/counter/'.length))), asset).toBe(true);
      expect(inlineCode(html)).toEqual([]);
      expect(staleClients(ROOT).find((c) => c.name === 'counter-client')?.reason).not.toBe('not built yet');
    },
    120_000,
  );

  it(
    'a failing build rejects with what vite said and how to see the rest',
    async () => {
      // Inside the checkout (and git-ignored), so vite resolves from it as from a real client.
      mkdirSync(join(ROOT, '.test-output'), { recursive: true });
      const tree = mkdtempSync(join(ROOT, '.test-output', 'broken-client-'));
      try {
        mkdirSync(join(tree, 'counter-client', 'src'), { recursive: true });
        writeFileSync(join(tree, 'counter-client', 'index.html'), '<!doctype html><script type="module" src="/src/main.ts"></script>');
        writeFileSync(join(tree, 'counter-client', 'src', 'main.ts'), 'export const broken = ;\n');
        const failure = buildClients(tree, ['counter-client']);
        await expect(failure).rejects.toThrow(/^clients: building counter-client failed \(exit 1\) after \d+\.\d s:\n/);
        await expect(failure).rejects.toThrow(/main\.ts/);
        await expect(failure).rejects.toThrow('see the full output of: npm run build -w counter-client');
        expect(existsSync(join(tree, 'counter-client', 'dist', 'index.html'))).toBe(false);
      } finally {
        rmSync(tree, { recursive: true, force: true });
      }
    },
    120_000,
  );

  it('buildClients refuses a client it does not know, before building anything', async () => {
    await expect(buildClients(ROOT, ['counter-client', 'no-such-client'])).rejects.toThrow(
      'no client named "no-such-client" (known: counter-client, display, kiosk)',
    );
  });
});

interface Started {
  readonly output: () => string;
  /** Resolves to the server's base URL once the start-up banner is out; rejects if it exits first. */
  readonly banner: Promise<string>;
  readonly exited: Promise<number | null>;
  stop(signal: NodeJS.Signals): Promise<number | null>;
  /** Kills whatever is left of its process group (the server too, if a signal was not passed on). */
  cleanup(): void;
}

function start(args: readonly string[], env: Record<string, string>): Started {
  // Its own process group, so cleanup reaches the server even if start.mjs did not pass a signal on.
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'start.mjs'), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const banner = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /Public page {4}(http:\/\/127\.0\.0\.1:\d+)\/status\n/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    void exited.then((code) => reject(new Error(`start.mjs exited (${code}) before the server ran:\n${output}`)));
  });
  return {
    output: () => output,
    banner,
    exited,
    stop(signal) {
      child.kill(signal);
      return exited;
    },
    cleanup() {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // ESRCH: the group is gone, as it should be.
      }
    },
  };
}

describe('npm start (scripts/start.mjs)', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'jiaohao-start-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it(
    "builds what is stale, serves every client, passes arguments on, and stops on SIGTERM or SIGINT with the server's code",
    async () => {
      const env = {
        PORT: '0',
        HOST: '127.0.0.1',
        JIAOHAO_DB: join(dataDir, 'start.db'),
        JIAOHAO_ADMIN_PASSWORD: 'start-test-password',
        LOG_LEVEL: 'warn',
      };
      const first = start([], env);
      try {
        const base = await first.banner;
        expect(first.output()).toContain(`Counter client ${base}/counter/`);
        expect(first.output()).toContain(`Wall display   ${base}/display/`);
        expect(first.output()).toContain(`Kiosk          ${base}/kiosk/`);
        // Every client is built by now: each page is served, under the CSP.
        for (const path of ['/counter/', '/display/', '/status', '/display/status.html', '/kiosk/']) {
          const res = await fetch(base + path);
          expect(res.status, path).toBe(200);
          expect(res.headers.get('content-security-policy'), path).toContain("script-src 'self'");
          expect(await res.text(), path).toMatch(/<script type="module" crossorigin src="\/[a-z]+\/assets\//);
        }
        // The SSR bundle was built too: /status holds the counts without a script.
        expect(await (await fetch(`${base}/status`)).text()).toMatch(/<div id="root"><div class="st" lang="zh-Hant-TW">[\s\S]*各項業務/);
        expect(staleClients(ROOT).filter((c) => c.reason === 'not built yet')).toEqual([]);
        expect(await first.stop('SIGTERM')).toBe(0);
      } finally {
        first.cleanup();
      }

      // `npm start -- --demo` on a database that already holds an office: the server says so,
      // which it can only do if the argument reached it.
      const second = start(['--demo'], env);
      try {
        await second.banner;
        expect(second.output()).toContain('--demo: the database already holds an office');
        expect(await second.stop('SIGINT')).toBe(0);
      } finally {
        second.cleanup();
      }
    },
    180_000,
  );
});
