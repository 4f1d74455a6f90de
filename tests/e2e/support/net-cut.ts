// A network cable a test can pull: a TCP proxy in the test process between Chromium and the server.
// Pages load from the proxy's origin (so the server's CSP 'self' still holds), and cut() makes the
// link go silent the way a pulled cable or a dead switch does, which neither side notices until
// its own timeouts fire (Socket.IO's ping timeout, an ack timeout):
//
// - an open connection carries nothing either way while cut; what either side sends, a close
//   included, is held and delivered in order at restore(), as TCP's retransmissions deliver it
//   when the cable goes back in (a minute is far inside TCP's retry time);
// - a new connection is accepted but not answered (its request is kept); connected to the server
//   at restore() if the client still waits for it, dropped if the client gave up meanwhile, as a
//   SYN that was never answered never carried a request.
//
// Playwright's context.setOffline(true) is not this: Debian's Chromium then closes its WebSockets
// at once and fails new ones with net::ERR_INTERNET_DISCONNECTED, so a page learns of it at once.
import { createConnection, createServer, type Socket } from 'node:net';

export interface NetCut {
  /** `http://127.0.0.1:<port>`: what the pages load from instead of the server's origin. */
  readonly origin: string;
  /** An absolute URL through the proxy: `net.url('/display/')`. */
  url(path: string): string;
  /** True between cut() and restore(). */
  readonly isCut: boolean;
  /** Pulls the cable: from now on nothing passes, in either direction, until restore(). */
  cut(): void;
  /** Puts it back: held bytes and closes are delivered in order, waiting new connections go through. */
  restore(): void;
  /** cut() now and restore() after `ms`; resolves once restored. */
  cutFor(ms: number): Promise<void>;
  /** What is held now: connections open through the proxy, new ones waiting, bytes kept. */
  held(): { readonly open: number; readonly waiting: number; readonly bytes: number };
  /** Closes the proxy and every connection through it. */
  close(): Promise<void>;
}

/** What one side sent that the other has not been given yet: bytes, then maybe its end or its reset. */
type Held = Buffer | 'end' | 'destroy';

/** One connection through the proxy: the browser's socket and, once connected, the server's. */
interface Link {
  readonly client: Socket;
  server: Socket | null;
  readonly toServer: Held[];
  readonly toClient: Held[];
  /** The client ended or reset before it ever reached the server (only while waiting). */
  gaveUp: boolean;
}

/** Starts a proxy to `target` (a server's origin, e.g. `e2e.server.origin`), not cut. */
export async function startNetCut(target: string): Promise<NetCut> {
  const { hostname, port } = new URL(target);
  const links = new Set<Link>();
  let isCut = false;
  let pendingRestore: ReturnType<typeof setTimeout> | null = null;

  const deliver = (to: Socket | null, item: Held) => {
    if (!to || to.destroyed) return;
    if (item === 'end') to.end();
    else if (item === 'destroy') to.destroy();
    else to.write(item);
  };
  /** One side's traffic towards the other: passed on now, or held while cut. */
  const relay = (link: Link, from: 'client' | 'server') => {
    const queue = from === 'client' ? link.toServer : link.toClient;
    const other = () => (from === 'client' ? link.server : link.client);
    const pass = (item: Held) => {
      if (isCut || queue.length > 0 || (from === 'client' && link.server === null)) queue.push(item);
      else deliver(other(), item);
    };
    const socket = from === 'client' ? link.client : link.server!;
    socket.on('data', (chunk: Buffer) => pass(chunk));
    socket.on('end', () => pass('end'));
    socket.on('error', () => undefined); // 'close' follows, with the reset passed on as one
    socket.on('close', (hadError) => {
      if (from === 'client' && link.server === null) {
        // It gave up while waiting for an answer that never came: nothing of it ever left.
        link.gaveUp = true;
        links.delete(link);
        return;
      }
      pass(hadError ? 'destroy' : 'end');
      if (!isCut && link.client.destroyed && (link.server?.destroyed ?? true)) links.delete(link);
    });
  };
  const connectUpstream = (link: Link) => {
    const server = createConnection({ host: hostname, port: Number(port), allowHalfOpen: true });
    link.server = server;
    relay(link, 'server');
    flush(link);
  };
  const flush = (link: Link) => {
    for (const item of link.toServer.splice(0)) deliver(link.server, item);
    for (const item of link.toClient.splice(0)) deliver(link.client, item);
    if (link.client.destroyed && (link.server?.destroyed ?? true)) links.delete(link);
  };

  const proxy = createServer({ allowHalfOpen: true }, (client) => {
    client.setNoDelay(true);
    const link: Link = { client, server: null, toServer: [], toClient: [], gaveUp: false };
    links.add(link);
    relay(link, 'client');
    // A new connection while cut is accepted (the client's request is kept) but not answered.
    if (!isCut) connectUpstream(link);
  });
  await new Promise<void>((resolve, reject) => {
    proxy.once('error', reject);
    proxy.listen(0, '127.0.0.1', () => resolve());
  });
  const address = proxy.address();
  if (address === null || typeof address === 'string') throw new Error('net-cut: the proxy has no port');
  const origin = `http://127.0.0.1:${address.port}`;

  const restore = () => {
    if (pendingRestore !== null) clearTimeout(pendingRestore);
    pendingRestore = null;
    if (!isCut) return;
    isCut = false;
    for (const link of [...links]) {
      if (link.server === null) {
        if (!link.gaveUp) connectUpstream(link);
      } else flush(link);
    }
  };

  return {
    origin,
    url: (path) => new URL(path, origin + '/').href,
    get isCut() {
      return isCut;
    },
    cut() {
      isCut = true;
    },
    restore,
    cutFor(ms) {
      isCut = true;
      if (pendingRestore !== null) clearTimeout(pendingRestore);
      return new Promise((resolve) => {
        pendingRestore = setTimeout(() => {
          restore();
          resolve();
        }, ms);
      });
    },
    held() {
      let waiting = 0;
      let bytes = 0;
      for (const link of links) {
        if (link.server === null) waiting += 1;
        for (const item of [...link.toServer, ...link.toClient]) if (typeof item !== 'string') bytes += item.length;
      }
      return { open: links.size - waiting, waiting, bytes };
    },
    async close() {
      if (pendingRestore !== null) clearTimeout(pendingRestore);
      for (const link of links) {
        link.client.destroy();
        link.server?.destroy();
      }
      links.clear();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    },
  };
}
