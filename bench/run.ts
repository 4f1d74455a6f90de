// `npm run bench`: command throughput over HTTP vs raw SQLite, call-next → display latency, and
// the office with the public connected (status requests/s, fan-out, a reconnect storm, memory)
// against the bare stack; one summary table of ratios, then the detail tables. Prints figures only (no pass/fail on time): the machine is shared and noisy, so the machine info
// and load average are printed with them. See bench/README.md.
import { callLatency, type CallLatencyOptions, type CallLatencyResult } from './call-latency';
import { cleanupNow, fmtLat, fmtMs, fmtRate, log, machineInfo, table } from './common';
import { httpCommands, type CommandsResult, type Workload } from './http-commands';
import { profileSummary } from './cpu-profile-top';
import { publicFanout, type FanoutOptions, type FanoutResult } from './public-fanout';
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
  issues: envInt('BENCH_ISSUES', 1_000),
  warmupCycles: 48,
  cycles: envInt('BENCH_CYCLES', 500),
};
const CALLS: CallLatencyOptions = { counters: 8, displays: 10, warmupCalls: 24, calls: envInt('BENCH_CALLS', 400) };
// The busy office with the public connected: 50 counters, 20 displays, 2,000 /public sockets and
// 200 SSE clients spread over 4 load processes.
const FANOUT: FanoutOptions = {
  counters: envInt('BENCH_FANOUT_COUNTERS', 50),
  displays: envInt('BENCH_FANOUT_DISPLAYS', 20),
  publicSockets: envInt('BENCH_PUBLIC_SOCKETS', 2_000),
  sseClients: envInt('BENCH_SSE_CLIENTS', 200),
  loaders: envInt('BENCH_LOADERS', 4),
  warmupCalls: 50,
  calls: envInt('BENCH_FANOUT_CALLS', 500),
  callsPerSecond: envInt('BENCH_FANOUT_RATE', 25),
  statusConnections: envInt('BENCH_STATUS_CONNECTIONS', 32),
  statusSeconds: envInt('BENCH_STATUS_SECONDS', 5),
  cpuProfile: process.env.BENCH_CPU_PROF === '1',
};
/** BENCH_ONLY=commands (figures 1–3) or BENCH_ONLY=public (4–8), for shorter runs while working on one. */
const ONLY = process.env.BENCH_ONLY ?? '';
if (!['', 'commands', 'public'].includes(ONLY)) throw new Error(`BENCH_ONLY must be commands or public, got "${ONLY}"`);

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

/** Higher is better for both: project/bare for a rate, bare/project for a time or a size. */
const rateRatio = (project: number, bare: number) => (project / bare).toFixed(2);
const timeRatio = (project: number, bare: number) => (bare / project).toFixed(2);
const mib = (n: number) => `${n.toFixed(0)} MiB`;

function summaryTable(http: CommandsResult | null, raw: CommandsResult | null, f: FanoutResult | null): string {
  const rows: string[][] = [];
  if (http && raw) {
    rows.push(
      ['issue-ticket commands/s (HTTP vs raw better-sqlite3, same durability)', fmtRate(http.issue.perSecond), fmtRate(raw.issue.perSecond), rateRatio(http.issue.perSecond, raw.issue.perSecond)],
      ['call-next→start→finish cycles/s (HTTP vs raw)', fmtRate(http.cycles.perSecond), fmtRate(raw.cycles.perSecond), rateRatio(http.cycles.perSecond, raw.cycles.perSecond)],
    );
  }
  if (f) {
    const p = f.project.realtime;
    const b = f.bare.realtime;
    const o = FANOUT;
    rows.push(
      [`public status req/s (${o.statusConnections} keep-alive conns; bare Fastify, same ${f.project.status.bodyBytes} B)`, fmtRate(f.project.status.perSecond), fmtRate(f.bare.status.perSecond), rateRatio(f.project.status.perSecond, f.bare.status.perSecond)],
      [`call-next → all ${o.displays} displays ticket:called p50 ms (bare Socket.IO)`, fmtMs(p.allDisplays.p50), fmtMs(b.allDisplays.p50), timeRatio(p.allDisplays.p50, b.allDisplays.p50)],
      [`call-next → all ${o.displays} displays ticket:called p99 ms`, fmtMs(p.allDisplays.p99), fmtMs(b.allDisplays.p99), timeRatio(p.allDisplays.p99, b.allDisplays.p99)],
      [`call-next → last of ${fmtRate(o.publicSockets)} /public sockets updated p50 / p99 ms`, `${fmtMs(p.lastSocket.p50)} / ${fmtMs(p.lastSocket.p99)}`, `${fmtMs(b.lastSocket.p50)} / ${fmtMs(b.lastSocket.p99)}`, timeRatio(p.lastSocket.p50, b.lastSocket.p50)],
      [`call-next → last of ${o.sseClients} SSE clients updated p50 / p99 ms`, `${fmtMs(p.lastSse.p50)} / ${fmtMs(p.lastSse.p99)}`, `${fmtMs(b.lastSse.p50)} / ${fmtMs(b.lastSse.p99)}`, timeRatio(p.lastSse.p50, b.lastSse.p50)],
      [`${fmtRate(o.publicSockets)} /public sockets reconnect at once → all hold current seq, ms`, fmtMs(p.reconnectMs), fmtMs(b.reconnectMs), timeRatio(p.reconnectMs, b.reconnectMs)],
      [`server RSS at that load (all clients connected)`, mib(p.rssMiB), mib(b.rssMiB), timeRatio(p.rssMiB, b.rssMiB)],
    );
    if ('skipped' in f.city) {
      rows.push(['city set-up (office → Redis → public node)', 'skipped', f.city.skipped, '']);
    } else {
      const c = f.city.realtime;
      const where = 'public on a public node';
      rows.push(
        [`city: public status req/s on one public node (bare Fastify)`, fmtRate(f.city.status.perSecond), fmtRate(f.bare.status.perSecond), rateRatio(f.city.status.perSecond, f.bare.status.perSecond)],
        [`city: call-next → all ${o.displays} displays p50 ms, ${where}`, fmtMs(c.allDisplays.p50), fmtMs(b.allDisplays.p50), timeRatio(c.allDisplays.p50, b.allDisplays.p50)],
        [`city: call-next → all ${o.displays} displays p99 ms, ${where}`, fmtMs(c.allDisplays.p99), fmtMs(b.allDisplays.p99), timeRatio(c.allDisplays.p99, b.allDisplays.p99)],
        [`city: call-next → last of ${fmtRate(o.publicSockets)} /public sockets on the node p50 / p99 ms`, `${fmtMs(c.lastSocket.p50)} / ${fmtMs(c.lastSocket.p99)}`, `${fmtMs(b.lastSocket.p50)} / ${fmtMs(b.lastSocket.p99)}`, timeRatio(c.lastSocket.p50, b.lastSocket.p50)],
        [`city: reconnect storm on the node, ms`, fmtMs(c.reconnectMs), fmtMs(b.reconnectMs), timeRatio(c.reconnectMs, b.reconnectMs)],
        [`city: RSS of the office server + the public node`, `${mib(c.rssMiB)} + ${mib(c.nodeRssMiB)}`, mib(b.rssMiB), timeRatio(c.rssMiB + c.nodeRssMiB, b.rssMiB)],
      );
    }
  }
  return table(['figure', 'project', 'bare stack', 'ratio'], rows);
}

function fanoutTable(f: FanoutResult): string {
  const p = f.project.realtime;
  const b = f.bare.realtime;
  const city = 'skipped' in f.city ? null : f.city;
  const c = city?.realtime;
  const lat = (l: CallLatencyResult['allDisplays']) => `${fmtMs(l.p50)} / ${fmtMs(l.p99)} / ${fmtMs(l.max)} (n ${l.n})`;
  const loaders = (r: typeof p) =>
    `busiest ${r.loaders.maxCpuPct.toFixed(0)}%, all ${r.loaders.sumCpuPct.toFixed(0)}%; loop lag p99 ${fmtMs(r.loaders.lagP99Ms)} / max ${fmtMs(r.loaders.lagMaxMs)} ms`;
  return table(
    ['', 'project (server child)', 'bare stack (bare child)', 'city: office + Redis + public node'],
    [
      ['call-next → all displays p50 / p99 / max ms', lat(p.allDisplays), lat(b.allDisplays), c ? lat(c.allDisplays) : '–'],
      ['call-next → first display', lat(p.firstDisplay), lat(b.firstDisplay), c ? lat(c.firstDisplay) : '–'],
      ['call-next → HTTP response', lat(p.httpResponse), lat(b.httpResponse), c ? lat(c.httpResponse) : '–'],
      ['call-next → last /public socket', lat(p.lastSocket), lat(b.lastSocket), c ? lat(c.lastSocket) : '–'],
      ['call-next → last SSE client', lat(p.lastSse), lat(b.lastSse), c ? lat(c.lastSse) : '–'],
      [`calls/s achieved (asked ${FANOUT.callsPerSecond}/s)`, p.achievedPerSecond.toFixed(1), b.achievedPerSecond.toFixed(1), c ? c.achievedPerSecond.toFixed(1) : '–'],
      ['distinct public pushes / calls some client never saw / socket drops', `${p.pushes} / ${p.missedCalls} / ${p.disconnects}`, `${b.pushes} / ${b.missedCalls} / ${b.disconnects}`, c ? `${c.pushes} / ${c.missedCalls} / ${c.disconnects}` : '–'],
      ['payload bytes: ticket:called / public status', `${p.calledBytes} / ${f.project.status.bodyBytes}`, `same (padded)`, c ? `${c.calledBytes} / ${city!.status.bodyBytes}` : '–'],
      ['public clients connected in (failed)', `${fmtMs(p.connectMs)} ms (${p.connectFailed})`, `${fmtMs(b.connectMs)} ms (${b.connectFailed})`, c ? `${fmtMs(c.connectMs)} ms (${c.connectFailed})` : '–'],
      ['reconnect storm: ms / sockets with current seq', `${fmtMs(p.reconnectMs)} / ${p.reconnectOk} of ${p.reconnectTotal}`, `${fmtMs(b.reconnectMs)} / ${b.reconnectOk} of ${b.reconnectTotal}`, c ? `${fmtMs(c.reconnectMs)} / ${c.reconnectOk} of ${c.reconnectTotal}` : '–'],
      ['server RSS / peak RSS', `${mib(p.rssMiB)} / ${mib(p.peakMiB)}`, `${mib(b.rssMiB)} / ${mib(b.peakMiB)}`, c ? `office ${mib(c.rssMiB)} / ${mib(c.peakMiB)}; node ${mib(c.nodeRssMiB)}` : '–'],
      ['server CPU during the calls (% of one core)', `${p.serverCpuPct.toFixed(0)}%`, `${b.serverCpuPct.toFixed(0)}%`, c ? `office ${c.serverCpuPct.toFixed(0)}%, node ${c.nodeCpuPct.toFixed(0)}%` : '–'],
      [`load processes (${FANOUT.loaders}) CPU during the calls`, loaders(p), loaders(b), c ? loaders(c) : '–'],
      ['status load: server CPU / load process CPU', `${f.project.status.serverCpuPct.toFixed(0)}% / ${f.project.status.loaderCpuPct.toFixed(0)}%`, `${f.bare.status.serverCpuPct.toFixed(0)}% / ${f.bare.status.loaderCpuPct.toFixed(0)}%`, city ? `${city.status.serverCpuPct.toFixed(0)}% / ${city.status.loaderCpuPct.toFixed(0)}% (node)` : '–'],
      ['status load: non-200 or errors', String(f.project.status.errors), String(f.bare.status.errors), city ? String(city.status.errors) : '–'],
    ],
  );
}

async function main(): Promise<void> {
  const began = performance.now();
  const w = WORKLOAD;
  const f = FANOUT;
  log('Jiaohao benchmarks');
  log(machineInfo());
  log('');

  let http: CommandsResult | null = null;
  let raw: CommandsResult | null = null;
  let calls: CallLatencyResult | null = null;
  let fanout: FanoutResult | null = null;
  if (ONLY !== 'public') {
    log(
      `[1/4] HTTP, server in a child process: ${fmtRate(w.issues)} issue-ticket on ${w.connections} connections, then ` +
        `${fmtRate(w.cycles)} call-next→start→finish cycles on ${w.connections} counters (after ${w.warmupIssues} + ${w.warmupCycles} warm-up)…`,
    );
    http = await httpCommands(w);
    log(`      issue ${fmtRate(http.issue.perSecond)}/s, call-next ${fmtRate(http.cycles.perSecond)}/s`);

    log('[2/4] raw better-sqlite3 in this process, same commands, one transaction each…');
    raw = rawSqlite(w);
    log(`      issue ${fmtRate(raw.issue.perSecond)}/s, call-next ${fmtRate(raw.cycles.perSecond)}/s`);

    log(`[3/4] call-next → display latency: ${CALLS.counters} counters, ${CALLS.displays} display sockets, ${CALLS.calls} calls (after ${CALLS.warmupCalls} warm-up)…`);
    calls = await callLatency(CALLS);
    log(`      ${CALLS.displays} displays connected in ${fmtMs(calls.connectMs)} ms; ${CALLS.calls} calls in ${calls.seconds.toFixed(1)} s`);
  }
  if (ONLY !== 'commands') {
    log(
      `[4/4] busy office with the public connected: ${f.counters} counters at ${f.callsPerSecond} calls/s, ${f.displays} displays, ${fmtRate(f.publicSockets)} /public sockets + ` +
        `${f.sseClients} SSE clients over ${f.loaders} load processes, ${fmtRate(f.calls)} calls (after ${f.warmupCalls}); then the same with the public on a public node (Redis); then the bare stack…` +
        (f.cpuProfile ? ' (CPU profile of the server during the calls: its figures are perturbed)' : ''),
    );
    fanout = await publicFanout(f, log);
  }

  log('');
  log('=== Summary: every figure from this run; ratio = project/bare for a rate, bare/project for a time or memory (1 = as good as the bare stack) ===');
  log('');
  log(summaryTable(http, raw, fanout));
  log('');
  log('=== Details ===');
  if (http && raw && calls) {
    log('');
    log(`Commands: temp-file SQLite, one transaction per command; HTTP = real app (${w.connections} keep-alive connections, rate limits and logs off, no sockets connected)`);
    log(commandsTable(http, raw));
    log('');
    log(`HEADLINE ratio http/raw: issue-ticket ${(http.issue.perSecond / raw.issue.perSecond).toFixed(2)}, call-next ${(http.cycles.perSecond / raw.cycles.perSecond).toFixed(2)}`);
    log('');
    log(`Call-next → display (${calls.counters} counters calling back-to-back, ${calls.displays} /display sockets, websocket, no public clients):`);
    log(latencyTable(calls));
  }
  if (fanout) {
    log('');
    log(
      `Busy office (${f.counters} counters, ${f.callsPerSecond} calls/s in all, ${f.displays} /display sockets in the bench process, ${fmtRate(f.publicSockets)} /public sockets and ` +
        `${f.sseClients} SSE clients in ${f.loaders} load processes; public pushes at most every 250 ms on both sides):`,
    );
    log(fanoutTable(fanout));
    if (fanout.project.profile) {
      log('');
      log(`Office server during the calls above (${fmtRate(f.calls)} calls at ${f.callsPerSecond}/s with every client connected):`);
      log(profileSummary(fanout.project.profile.calls, 15));
      log('');
      log(`Office server during the public status load (${f.statusConnections} connections, ${f.statusSeconds} s):`);
      log(profileSummary(fanout.project.profile.status, 15));
    }
  }
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
