// `npm run bench`: command throughput over HTTP vs raw SQLite, and call-next → display latency.
// Prints figures only (no pass/fail on time): the machine is shared and noisy, so the machine info
// and load average are printed with them. See bench/README.md.
import { callLatency, type CallLatencyOptions, type CallLatencyResult } from './call-latency';
import { cleanupNow, fmtLat, fmtMs, fmtRate, log, machineInfo, table } from './common';
import { httpCommands, type CommandsResult, type Workload } from './http-commands';
import { rawSqlite } from './raw-sqlite';

/** A positive integer from the environment (for longer runs), or the default. */
function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return n;
}

// Sized to finish in well under 2 minutes even when the shared machine's disk is slow (fsync is
// most of each command's cost); BENCH_ISSUES / BENCH_CYCLES / BENCH_CONNECTIONS / BENCH_CALLS override.
const WORKLOAD: Workload = {
  connections: envInt('BENCH_CONNECTIONS', 16),
  warmupIssues: 200,
  issues: envInt('BENCH_ISSUES', 3_000),
  warmupCycles: 48,
  cycles: envInt('BENCH_CYCLES', 1_000),
};
const CALLS: CallLatencyOptions = { counters: 8, displays: 10, warmupCalls: 24, calls: envInt('BENCH_CALLS', 400) };

process.on('exit', cleanupNow);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    cleanupNow();
    process.exit(130);
  });
}

const ratio = (http: number, raw: number) => `${(http / raw).toFixed(2)} (raw ${(raw / http).toFixed(1)}×)`;

function commandsTable(http: CommandsResult, raw: CommandsResult): string {
  return table(
    ['', 'HTTP (server child)', 'raw better-sqlite3', 'ratio http/raw'],
    [
      ['issue-ticket commands/s', fmtRate(http.issue.perSecond), fmtRate(raw.issue.perSecond), ratio(http.issue.perSecond, raw.issue.perSecond)],
      ['  issue latency p50 / p99', fmtLat(http.issueLatency), fmtLat(raw.issueLatency), ''],
      ['call-next commands/s (cycles/s)', fmtRate(http.cycles.perSecond), fmtRate(raw.cycles.perSecond), ratio(http.cycles.perSecond, raw.cycles.perSecond)],
      ['  all commands/s in cycles (×3)', fmtRate(http.cycles.perSecond * 3), fmtRate(raw.cycles.perSecond * 3), ''],
      ['  call-next latency p50 / p99', fmtLat(http.callNextLatency), fmtLat(raw.callNextLatency), ''],
      ['  start latency p50 / p99', fmtLat(http.startLatency), fmtLat(raw.startLatency), ''],
      ['  finish latency p50 / p99', fmtLat(http.finishLatency), fmtLat(raw.finishLatency), ''],
      ['  whole cycle p50 / p99', fmtLat(http.cycleLatency), fmtLat(raw.cycleLatency), ''],
      ['measured time issue / cycles', `${http.issue.seconds.toFixed(1)} s / ${http.cycles.seconds.toFixed(1)} s`, `${raw.issue.seconds.toFixed(1)} s / ${raw.cycles.seconds.toFixed(1)} s`, ''],
      ['database', http.durability, raw.durability, ''],
    ],
  );
}

function latencyTable(r: CallLatencyResult): string {
  const row = (name: string, l: CallLatencyResult['allDisplays']) => [name, fmtMs(l.p50), fmtMs(l.p99), fmtMs(l.max), String(l.n)];
  return table(
    ['call-next → ticket:called', 'p50 ms', 'p99 ms', 'max ms', 'n'],
    [row(`all ${r.displays} displays received`, r.allDisplays), row('first display received', r.firstDisplay), row('HTTP response (for comparison)', r.httpResponse)],
  );
}

async function main(): Promise<void> {
  const began = performance.now();
  const w = WORKLOAD;
  log('Jiaohao benchmarks');
  log(machineInfo());
  log('');

  log(
    `[1/3] HTTP, server in a child process: ${fmtRate(w.issues)} issue-ticket on ${w.connections} connections, then ` +
      `${fmtRate(w.cycles)} call-next→start→finish cycles on ${w.connections} counters (after ${w.warmupIssues} + ${w.warmupCycles} warm-up)…`,
  );
  const http = await httpCommands(w);
  log(`      issue ${fmtRate(http.issue.perSecond)}/s, call-next ${fmtRate(http.cycles.perSecond)}/s`);

  log('[2/3] raw better-sqlite3 in this process, same commands, one transaction each…');
  const raw = rawSqlite(w);
  log(`      issue ${fmtRate(raw.issue.perSecond)}/s, call-next ${fmtRate(raw.cycles.perSecond)}/s`);

  log(`[3/3] call-next → display latency: ${CALLS.counters} counters, ${CALLS.displays} display sockets, ${CALLS.calls} calls (after ${CALLS.warmupCalls} warm-up)…`);
  const calls = await callLatency(CALLS);
  log(`      ${CALLS.displays} displays connected in ${fmtMs(calls.connectMs)} ms; ${CALLS.calls} calls in ${calls.seconds.toFixed(1)} s`);

  log('');
  log('=== Results ===');
  log('');
  log(`Commands: temp-file SQLite, one transaction per command; HTTP = real app (${w.connections} keep-alive connections, rate limits and logs off, no sockets connected)`);
  log(commandsTable(http, raw));
  log('');
  log(`HEADLINE ratio http/raw: issue-ticket ${(http.issue.perSecond / raw.issue.perSecond).toFixed(2)}, call-next ${(http.cycles.perSecond / raw.cycles.perSecond).toFixed(2)}`);
  log('');
  log(`Call-next → display (${calls.counters} counters calling back-to-back, ${calls.displays} /display sockets, websocket):`);
  log(latencyTable(calls));
  log('');
  log(machineInfo().split('\n').at(-1)!.replace('loadavg', 'loadavg at end'));
  log(`total bench time ${((performance.now() - began) / 1000).toFixed(1)} s`);
}

main().then(
  () => {
    cleanupNow();
    process.exit(0);
  },
  (err: unknown) => {
    console.error('bench failed:', err);
    cleanupNow();
    process.exit(1);
  },
);
