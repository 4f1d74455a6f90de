#!/usr/bin/env node
// `npm start`: builds any web client whose build is missing or older than its sources, then runs
// the server with the arguments given (`npm start -- --demo`). The server runs as this process's
// child; SIGINT and SIGTERM are passed on to it, and this process exits with its code.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildClients, staleClients } from './clients.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const exitCodeFor = (signal) => 128 + (constants.signals[signal] ?? 1);

let server = null;
let stopSignal = null;
const builds = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopSignal ??= signal;
    if (server) server.kill(signal);
    else builds.abort();
  });
}

const stale = staleClients(root);
if (stale.length > 0) {
  console.log(`clients: building ${stale.map((c) => `${c.name} (${c.reason})`).join(', ')}`);
  try {
    await buildClients(
      root,
      stale.map((c) => c.name),
      { signal: builds.signal },
    );
  } catch (error) {
    if (stopSignal) process.exit(exitCodeFor(stopSignal));
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
if (stopSignal) process.exit(exitCodeFor(stopSignal));

// node --import tsx, not npx, so the signal reaches the server itself (STACK-NOTES G10).
server = spawn(process.execPath, ['--import', 'tsx', join('server', 'src', 'server.ts'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
server.on('error', (error) => {
  console.error(`start: cannot run the server: ${error.message}`);
  process.exit(1);
});
server.on('exit', (code, signal) => {
  process.exit(code ?? exitCodeFor(signal));
});
