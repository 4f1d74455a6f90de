// The bare stack the project is compared with, in its own process (started by bench/common.ts with
// `node --import tsx`): Fastify, and for the realtime figures Socket.IO and SSE, with nothing of the
// app (no helmet, auth, validation, SQLite or engine). Prints one `BENCH_READY {json}` line, then
// serves until SIGTERM/SIGINT or until its stdin closes (the parent died).
//   argv: http <status body bytes>
//         realtime <ticket:called bytes> <public status bytes>
// http: GET /api/v1/public/status returns a constant JSON body of the given size.
// realtime: the same routes the bench drives on the real server, doing only the I/O:
//   POST /api/v1/counters/:id/call-next  seq + 1, emits a ticket:called of the same size to every
//                                        /display socket, answers { ticket: { id } }, and schedules
//                                        a public push (at most one per 250 ms, like PublicFeed)
//   POST /api/v1/tickets/:id/start|finish  answers {}
//   /public socket and GET /api/v1/public/events (SSE): a snapshot / first event of the status size
//                                        with the current seq, then every public push
import Fastify from 'fastify';
import { Server } from 'socket.io';
import { exitWhenTold, READY_PREFIX } from './common';

/** Pads `make(pad)` with ASCII until its JSON is `bytes` long (or as close as it gets). */
function sized<T>(bytes: number, make: (pad: string) => T): T {
  const base = Buffer.byteLength(JSON.stringify(make('')));
  return make('x'.repeat(Math.max(0, bytes - base)));
}

/** Same as PublicFeed's PUSH_INTERVAL_MS. */
const PUSH_INTERVAL_MS = 250;

async function main(): Promise<void> {
  const [mode, a, b] = process.argv.slice(2);
  const app = Fastify({ logger: false });

  let io: Server | null = null;
  if (mode === 'http') {
    const body = JSON.stringify(sized(Number(a), (pad) => ({ ok: true, pad })));
    app.get('/api/v1/public/status', (_req, reply) => reply.type('application/json; charset=utf-8').send(body));
  } else if (mode === 'realtime') {
    const calledBytes = Number(a);
    const statusBytes = Number(b);
    let seq = 1;
    const status = () => sized(statusBytes, (pad) => ({ seq, pad }));
    let current = status();
    const sse = new Set<(json: string, seq: number) => void>();
    io = new Server(app.server, { serveClient: false });
    const display = io.of('/display');
    const pub = io.of('/public');
    display.on('connection', (socket) => socket.emit('snapshot', { seq }));
    pub.on('connection', (socket) => socket.emit('snapshot', current));

    let timer: NodeJS.Timeout | null = null;
    let lastPush = 0;
    const push = () => {
      timer = null;
      lastPush = performance.now();
      current = status();
      pub.emit('public:status', current);
      const json = JSON.stringify(current);
      for (const send of sse) send(json, current.seq);
    };
    app.post<{ Params: { id: string } }>('/api/v1/counters/:id/call-next', (_req, reply) => {
      seq += 1;
      const id = `bare-${seq}`;
      display.emit('ticket:called', sized(calledBytes, (pad) => ({ type: 'ticket:called', seq, data: { ticket: { id } }, pad })));
      timer ??= setTimeout(push, Math.max(0, lastPush + PUSH_INTERVAL_MS - performance.now()));
      return reply.send({ ticket: { id } });
    });
    app.post('/api/v1/tickets/:id/start', (_req, reply) => reply.send({}));
    app.post('/api/v1/tickets/:id/finish', (_req, reply) => reply.send({}));
    app.get('/api/v1/public/status', (_req, reply) => reply.send(current));
    app.get('/api/v1/public/events', (req, reply) => {
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
      const send = (json: string, at: number) => res.write(`id: ${at}\nevent: status\ndata: ${json}\n\n`);
      res.write('retry: 3000\n\n');
      send(JSON.stringify(current), current.seq);
      sse.add(send);
      req.raw.on('close', () => sse.delete(send));
    });
  } else {
    throw new Error('usage: bare-child.ts http <bytes> | realtime <called bytes> <status bytes>');
  }

  exitWhenTold(async () => {
    io?.disconnectSockets(true);
    io?.engine.close();
    await app.close();
  });

  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (typeof address !== 'object' || !address) throw new Error('server has no address');
  process.stdout.write(`${READY_PREFIX}${JSON.stringify({ pid: process.pid, port: address.port })}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
