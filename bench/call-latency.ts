// Figure 3: how long from a clerk pressing "call next" to every display showing the number.
// 8 open counters, 10 display sockets (socket.io-client, forceNew, websocket only, each with its own
// display device token) on /display of a server in a child process. Each counter's loop does
// call-next over HTTP, waits until all displays have the ticket's `ticket:called`, then start and
// finish (so the counter is free again). Times are performance.now() in this process, which holds
// both the HTTP client and the display sockets.
import { io, type Socket } from 'socket.io-client';
import { NAMESPACES, type CallNextResult, type DisplayClientToServer, type DisplayServerToClient, type TicketResult } from '@jiaohao/shared';
import { Arrivals, expectStatus, HttpClient, latency, pool, startServerChild, type Latency } from './common';
import { BENCH_SERVICE_IDS } from './setup';

export interface CallLatencyOptions {
  readonly counters: number;
  readonly displays: number;
  readonly warmupCalls: number;
  readonly calls: number;
}

export interface CallLatencyResult extends CallLatencyOptions {
  /** From just before the HTTP request to the moment the last display had the event. */
  readonly allDisplays: Latency;
  /** …to the moment the first display had it. */
  readonly firstDisplay: Latency;
  /** …to the HTTP response (for comparison). */
  readonly httpResponse: Latency;
  readonly connectMs: number;
  readonly seconds: number;
}

type DisplaySocket = Socket<DisplayServerToClient, DisplayClientToServer>;

const API = '/api/v1';
const ARRIVAL_TIMEOUT_MS = 10_000;

export async function callLatency(o: CallLatencyOptions): Promise<CallLatencyResult> {
  const child = await startServerChild(o.counters, o.displays);
  const { info } = child;
  const client = new HttpClient(info.port, o.counters);
  const sockets: DisplaySocket[] = [];
  try {
    // Enough people waiting for every call, plus some left over.
    const issues = o.warmupCalls + o.calls + 50;
    await pool(o.counters, issues, async (i) => {
      expectStatus(await client.post(`${API}/tickets`, info.kioskToken, { serviceId: BENCH_SERVICE_IDS[i % 2] }), 201, 'issue ticket');
    });

    // ticket id → when each display received its ticket:called.
    const arrivals = new Arrivals(o.displays, ARRIVAL_TIMEOUT_MS);

    const connectStart = performance.now();
    await Promise.all(
      info.displayTokens.map(
        (token) =>
          new Promise<void>((resolve, reject) => {
            const socket: DisplaySocket = io(`http://127.0.0.1:${info.port}${NAMESPACES.display}`, {
              forceNew: true,
              transports: ['websocket'],
              reconnection: false,
              auth: { token },
            });
            sockets.push(socket);
            socket.on('ticket:called', (e) => arrivals.record(e.data.ticket.id, performance.now()));
            // The snapshot comes after the handshake: from then on the display receives events.
            socket.once('snapshot', () => resolve());
            socket.once('connect_error', (err) => reject(new Error(`display could not connect: ${err.message}`)));
          }),
      ),
    );
    const connectMs = performance.now() - connectStart;

    const all: number[] = [];
    const first: number[] = [];
    const response: number[] = [];
    const callOnce = async (_i: number, worker: number) => {
      const counterId = info.counterIds[worker]!;
      const t0 = performance.now();
      const res = await client.post<CallNextResult>(`${API}/counters/${counterId}/call-next`, info.adminToken);
      const tResponse = performance.now();
      const ticket = expectStatus(res, 200, 'call-next').ticket;
      if (!ticket) throw new Error('call-next found nobody waiting');
      const times = await arrivals.all(ticket.id);
      all.push(Math.max(...times) - t0);
      first.push(Math.min(...times) - t0);
      response.push(tResponse - t0);
      expectStatus(await client.post<TicketResult>(`${API}/tickets/${ticket.id}/start`, info.adminToken), 200, 'start');
      expectStatus(await client.post<TicketResult>(`${API}/tickets/${ticket.id}/finish`, info.adminToken), 200, 'finish');
    };
    await pool(o.counters, o.warmupCalls, callOnce);
    for (const a of [all, first, response]) a.length = 0;
    const started = performance.now();
    await pool(o.counters, o.calls, callOnce);
    const seconds = (performance.now() - started) / 1000;

    return {
      ...o,
      allDisplays: latency(all),
      firstDisplay: latency(first),
      httpResponse: latency(response),
      connectMs,
      seconds,
    };
  } finally {
    for (const s of sockets) s.disconnect();
    client.close();
    await child.stop();
  }
}
