// The web clients the server serves, which of them need a build, and building them. Plain Node
// ESM, so `npm start` can run it before anything compiles TypeScript. Types: clients.d.mts.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

/** Keep in step with server/src/http/clients.ts (tests/src/clients-build.test.ts compares them). */
export const CLIENTS = Object.freeze([
  { name: 'counter-client', workspace: 'counter-client', viteRoot: 'counter-client', distDir: 'counter-client/dist', path: '/counter/' },
  { name: 'display', workspace: 'display', viteRoot: 'display', distDir: 'display/dist', path: '/display/' },
  { name: 'kiosk', workspace: 'kiosk', viteRoot: 'kiosk/renderer', distDir: 'kiosk/renderer/dist', path: '/kiosk/' },
]);

// Tests are not bundled, so editing one needs no new build.
const isTest = (file) => /\.test\.[cm]?[jt]sx?$/.test(file);

/** The newest file under `dir` (recursively), or null when there is none. */
function newestIn(dir) {
  let newest = null;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return null; // a folder the client does not have (public/, say)
  }
  for (const entry of entries) {
    const file = join(dir, entry.name);
    const found = entry.isDirectory() ? newestIn(file) : entry.isFile() && !isTest(entry.name) ? { file, mtimeMs: statSync(file).mtimeMs } : null;
    if (found && (!newest || found.mtimeMs > newest.mtimeMs)) newest = found;
  }
  return newest;
}

function newestFile(files) {
  let newest = null;
  for (const file of files) {
    if (!existsSync(file)) continue;
    const { mtimeMs } = statSync(file);
    if (!newest || mtimeMs > newest.mtimeMs) newest = { file, mtimeMs };
  }
  return newest;
}

/** What a client's build is made from: its own folder's inputs, and shared/src and web/src, which it imports. */
function newestSource(rootDir, client) {
  const viteRoot = join(rootDir, client.viteRoot);
  const html = readdirSync(viteRoot).filter((f) => f.endsWith('.html')).map((f) => join(viteRoot, f));
  const candidates = [
    newestIn(join(viteRoot, 'src')),
    newestIn(join(viteRoot, 'public')),
    newestIn(join(rootDir, 'shared', 'src')),
    newestIn(join(rootDir, 'web', 'src')),
    newestFile([
      ...html,
      join(viteRoot, 'vite.config.ts'),
      join(viteRoot, 'tsconfig.json'),
      join(rootDir, client.workspace, 'package.json'),
    ]),
  ];
  return candidates.reduce((a, b) => (b && (!a || b.mtimeMs > a.mtimeMs) ? b : a), null);
}

/**
 * The clients whose `dist/index.html` is missing or older than one of their sources, each with
 * the reason (for the log line).
 */
export function staleClients(rootDir) {
  const stale = [];
  for (const client of CLIENTS) {
    const index = join(rootDir, client.distDir, 'index.html');
    if (!existsSync(index)) {
      stale.push({ ...client, reason: 'not built yet' });
      continue;
    }
    const built = statSync(index).mtimeMs;
    const source = newestSource(rootDir, client);
    if (source && source.mtimeMs > built) {
      stale.push({ ...client, reason: `${relative(rootDir, source.file)} changed since the last build` });
    }
  }
  return stale;
}

/** vite's CLI script, resolved from where the client lives (run with this node, not npx: STACK-NOTES G10). */
function viteBin(viteRoot) {
  const require = createRequire(join(viteRoot, 'package.json'));
  const pkgPath = require.resolve('vite/package.json');
  const { bin } = JSON.parse(readFileSync(pkgPath, 'utf8'));
  return join(dirname(pkgPath), typeof bin === 'string' ? bin : bin.vite);
}

function buildOne(rootDir, client, signal) {
  const cwd = join(rootDir, client.viteRoot);
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    // Only warnings and errors, kept until the end: a good build is one line, a bad one shows all.
    const child = spawn(process.execPath, [viteBin(cwd), 'build', '--logLevel', 'warn'], {
      cwd,
      // A production bundle even when the caller runs with NODE_ENV=test or development.
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
      signal,
    });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', (error) => reject(error));
    child.on('close', (code, killedBy) => {
      const seconds = (Number(process.hrtime.bigint() - started) / 1e9).toFixed(1);
      const raw = Buffer.concat(output).toString('utf8').trim();
      // rolldown colours its diagnostics even into a pipe; keep the colours for a terminal only.
      const log = process.stderr.isTTY ? raw : stripVTControlCharacters(raw);
      if (code === 0) {
        console.log(`clients: built ${client.name} in ${seconds} s`);
        if (log) console.log(log);
        resolve();
        return;
      }
      reject(
        new Error(
          `clients: building ${client.name} failed (${killedBy ? `killed by ${killedBy}` : `exit ${code}`}) after ${seconds} s` +
            (log ? `:\n${log}` : '') +
            `\nclients: fix it and run npm start again, or see the full output of: npm run build -w ${client.workspace}`,
        ),
      );
    });
  });
}

/**
 * Builds the named clients one after another (the machine may have few cores), printing one line
 * per client. Rejects on the first failure, with vite's output in the message. Aborting `signal`
 * stops the running build.
 */
export async function buildClients(rootDir, names, { signal } = {}) {
  const clients = names.map((name) => {
    const client = CLIENTS.find((c) => c.name === name);
    if (!client) throw new Error(`clients: no client named "${name}" (known: ${CLIENTS.map((c) => c.name).join(', ')})`);
    return client;
  });
  for (const client of clients) await buildOne(rootDir, client, signal);
}
