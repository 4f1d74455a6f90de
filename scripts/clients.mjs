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
  // The server renders /status with the SSR bundle (display/vite.ssr.config.ts) and serves /widget.js
  // (display/vite.widget.config.ts): a build without them is not whole.
  {
    name: 'display',
    workspace: 'display',
    viteRoot: 'display',
    distDir: 'display/dist',
    path: '/display/',
    outputs: ['display/dist-ssr/status.js', 'display/dist-widget/widget.js'],
  },
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
  const own = readdirSync(viteRoot);
  const html = own.filter((f) => f.endsWith('.html')).map((f) => join(viteRoot, f));
  // vite.config.ts and any other build of the same sources (vite.ssr.config.ts…).
  const configs = own.filter((f) => /^vite(\.[\w-]+)*\.config\.[cm]?[jt]s$/.test(f)).map((f) => join(viteRoot, f));
  const candidates = [
    newestIn(join(viteRoot, 'src')),
    newestIn(join(viteRoot, 'public')),
    newestIn(join(rootDir, 'shared', 'src')),
    newestIn(join(rootDir, 'web', 'src')),
    newestFile([
      ...html,
      ...configs,
      join(viteRoot, 'tsconfig.json'),
      join(rootDir, client.workspace, 'package.json'),
    ]),
  ];
  return candidates.reduce((a, b) => (b && (!a || b.mtimeMs > a.mtimeMs) ? b : a), null);
}

/**
 * The clients whose `dist/index.html` (or another of their `outputs`) is missing or older than one
 * of their sources, each with the reason (for the log line).
 */
export function staleClients(rootDir) {
  const stale = [];
  for (const client of CLIENTS) {
    const outputs = [join(rootDir, client.distDir, 'index.html'), ...(client.outputs ?? []).map((file) => join(rootDir, file))];
    if (!outputs.every((file) => existsSync(file))) {
      stale.push({ ...client, reason: 'not built yet' });
      continue;
    }
    const built = Math.min(...outputs.map((file) => statSync(file).mtimeMs));
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

/**
 * The other vite builds the workspace's `build` script runs after the main one (`&& vite build
 * --config vite.ssr.config.ts`), as absolute paths: npm start builds what `npm run build` does.
 */
function extraConfigs(rootDir, client) {
  let script;
  try {
    script = JSON.parse(readFileSync(join(rootDir, client.workspace, 'package.json'), 'utf8')).scripts?.build ?? '';
  } catch {
    return [];
  }
  return [...script.matchAll(/\bvite build --config (\S+)/g)].map((m) => join(rootDir, client.workspace, m[1]));
}

async function buildOne(rootDir, client, signal) {
  const started = process.hrtime.bigint();
  for (const config of [null, ...extraConfigs(rootDir, client)]) await viteBuild(rootDir, client, config, signal, started);
  const seconds = (Number(process.hrtime.bigint() - started) / 1e9).toFixed(1);
  console.log(`clients: built ${client.name} in ${seconds} s`);
}

function viteBuild(rootDir, client, config, signal, started) {
  const cwd = join(rootDir, client.viteRoot);
  return new Promise((resolve, reject) => {
    // Only warnings and errors, kept until the end: a good build is one line, a bad one shows all.
    const args = [viteBin(cwd), 'build', ...(config ? ['--config', config] : []), '--logLevel', 'warn'];
    const child = spawn(process.execPath, args, {
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
