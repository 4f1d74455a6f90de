// Figure 1: issue-ticket and call-next through the real HTTP API of a server in a child process.
import type { CallNextResult, IssueTicketResult, TicketResult } from '@jiaohao/shared';
import { expectStatus, HttpClient, latency, pool, startServerChild, throughput, type Latency, type Throughput } from './common';
import { BENCH_SERVICE_IDS } from './setup';

/** The same sequence of commands for the HTTP run and the raw SQLite run. */
export interface Workload {
  /** Concurrent connections for issuing; also the number of counters (one loop per counter) for call-next. */
  readonly connections: number;
  readonly warmupIssues: number;
  readonly issues: number;
  readonly warmupCycles: number;
  /** One cycle = call-next, start, finish on one counter (finish needs a ticket being served). */
  readonly cycles: number;
}

export interface CommandsResult {
  readonly issue: Throughput;
  readonly issueLatency: Latency;
  /** Cycles per second = call-next commands per second in the cycle phase. */
  readonly cycles: Throughput;
  readonly callNextLatency: Latency;
  readonly startLatency: Latency;
  readonly finishLatency: Latency;
  readonly cycleLatency: Latency;
  readonly durability: string;
}

const API = '/api/v1';

export async function httpCommands(w: Workload): Promise<CommandsResult> {
  const child = await startServerChild(w.connections);
  const { info } = child;
  const client = new HttpClient(info.port, w.connections);
  try {
    const issueLat: number[] = [];
    const issueOne = async (i: number) => {
      const t0 = performance.now();
      const res = await client.post<IssueTicketResult>(`${API}/tickets`, info.kioskToken, { serviceId: BENCH_SERVICE_IDS[i % 2] });
      issueLat.push(performance.now() - t0);
      expectStatus(res, 201, 'issue ticket');
    };
    await pool(w.connections, w.warmupIssues, issueOne);
    issueLat.length = 0;
    const issueStart = performance.now();
    await pool(w.connections, w.issues, issueOne);
    const issue = throughput(w.issues, performance.now() - issueStart);

    const callLat: number[] = [];
    const startLat: number[] = [];
    const finishLat: number[] = [];
    const cycleLat: number[] = [];
    const cycle = async (_i: number, worker: number) => {
      const counterId = info.counterIds[worker]!;
      const t0 = performance.now();
      const called = expectStatus(await client.post<CallNextResult>(`${API}/counters/${counterId}/call-next`, info.adminToken), 200, 'call-next');
      const t1 = performance.now();
      if (!called.ticket) throw new Error('call-next found nobody waiting: issue more tickets than cycles');
      const id = called.ticket.id;
      expectStatus(await client.post<TicketResult>(`${API}/tickets/${id}/start`, info.adminToken), 200, 'start');
      const t2 = performance.now();
      expectStatus(await client.post<TicketResult>(`${API}/tickets/${id}/finish`, info.adminToken), 200, 'finish');
      const t3 = performance.now();
      callLat.push(t1 - t0);
      startLat.push(t2 - t1);
      finishLat.push(t3 - t2);
      cycleLat.push(t3 - t0);
    };
    await pool(w.connections, w.warmupCycles, cycle);
    for (const a of [callLat, startLat, finishLat, cycleLat]) a.length = 0;
    const cycleStart = performance.now();
    await pool(w.connections, w.cycles, cycle);
    const cycles = throughput(w.cycles, performance.now() - cycleStart);

    return {
      issue,
      issueLatency: latency(issueLat),
      cycles,
      callNextLatency: latency(callLat),
      startLatency: latency(startLat),
      finishLatency: latency(finishLat),
      cycleLatency: latency(cycleLat),
      durability: `journal_mode=${info.journalMode}, synchronous=${info.synchronous === 2 ? 'FULL' : info.synchronous}`,
    };
  } finally {
    client.close();
    await child.stop();
  }
}
