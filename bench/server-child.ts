// The server under load, in its own process (started by bench/common.ts with `node --import tsx`)
// so the load generator never shares its event loop. Real app (helmet, auth, validation, Socket.IO),
// a temp-file SQLite database opened like the real server (WAL, synchronous=FULL), rate limits and
// logs off. Prints one `BENCH_READY {json}` line, then serves until SIGTERM/SIGINT or until its
// stdin closes (the parent died).
//   argv: <temp dir for the database> <counters to open> <display tokens to create>
//   env BENCH_REDIS_URL: publish the public view to that Redis too (REDIS_URL), for public nodes
// The bench may also ask for a CPU profile of a phase (see the stdin lines below).
import { rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { buildApp } from '@jiaohao/server';
import { SYSTEM, testConfig } from '@jiaohao/server/testing';
import { exitWhenTold, READY_PREFIX, type ChildInfo } from './common';
import { benchSetup, counterId } from './setup';

async function main(): Promise<void> {
  const [dir, countersArg, displaysArg] = process.argv.slice(2);
  if (!dir) throw new Error('usage: server-child.ts <temp dir> <counters> <displays>');
  const counters = Number(countersArg ?? '16');
  const displays = Number(displaysArg ?? '0');
  // The parent removes it too; this covers a parent that was killed outright.
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

  const config = testConfig({ dbPath: join(dir, 'jiaohao.db'), rateLimits: 'off', logLevel: 'silent', redisUrl: process.env.BENCH_REDIS_URL ?? null });
  const built = await buildApp(config, { setup: benchSetup(counters), logger: false });
  const { services } = built;

  const profiler = new Session();
  exitWhenTold(() => built.app.close());
  // `profile-start` / `profile-stop <file>` lines on stdin: a CPU profile of just the phase the
  // bench is measuring (BENCH_CPU_PROF=1), written as a .cpuprofile (the format of node --cpu-prof).
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line === 'profile-start') {
      profiler.connect();
      profiler.post('Profiler.enable', () => profiler.post('Profiler.start'));
    } else if (line.startsWith('profile-stop ')) {
      const file = line.slice('profile-stop '.length);
      profiler.post('Profiler.stop', (err, result) => {
        if (!err) writeFileSync(file, JSON.stringify(result.profile));
        process.stdout.write(`BENCH_PROFILE ${err ? `error ${err.message}` : file}\n`);
        profiler.disconnect();
      });
    }
  });

  const admin = await services.auth.login('admin', config.adminPassword ?? '', '127.0.0.1');
  const counterIds = Array.from({ length: counters }, (_, i) => counterId(i));
  for (const id of counterIds) services.bus.executeNow(SYSTEM, 'counter:open', { counterId: id });

  await built.app.listen({ port: 0, host: '127.0.0.1' });
  const address = built.app.server.address();
  if (typeof address !== 'object' || !address) throw new Error('server has no address');

  const info: ChildInfo = {
    pid: process.pid,
    port: address.port,
    adminToken: admin.token,
    kioskToken: services.bus.executeNow(SYSTEM, 'device:create', { kind: 'kiosk', name: 'bench kiosk' }).token,
    displayTokens: Array.from({ length: displays }, (_, i) => services.bus.executeNow(SYSTEM, 'device:create', { kind: 'display', name: `bench display ${i + 1}` }).token),
    counterIds,
    journalMode: String(built.db.pragma('journal_mode', { simple: true })),
    synchronous: Number(built.db.pragma('synchronous', { simple: true })),
  };
  process.stdout.write(`${READY_PREFIX}${JSON.stringify(info)}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
