// A public node (`npm start -- --role public`, DESIGN §7): no database and no command, only what
// the offices published to Redis. It serves the public feeds and SSE (?office=<id>), the /public
// Socket.IO namespace (handshake query office=<id>) and the city page, with the office server's own
// route and namespace code over a RedisPublicSource. Any number of them can run behind a load
// balancer; server.ts listens.
//
// Fan-out: each node is subscribed to the channel itself and emits to its own sockets only. No
// Socket.IO Redis adapter: with it, one node's emit reaches every node's sockets, and since every
// node hears every message, each client would be sent each change once per node (or one node would
// have to be elected to emit). Local emits give every client each change exactly once, from the
// node it is connected to, and need no traffic between nodes.
import { createRequire } from 'node:module';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cors from '@fastify/cors';
import rateLimitPlugin from '@fastify/rate-limit';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Server } from 'socket.io';
import { DomainError, ErrorResponse, IsoDateTime, LocalizedText, NAMESPACES } from '@jiaohao/shared';
import type { Config } from '../config';
import { registerErrorHandling } from '../http/errors';
import { addSecurityHeaders } from '../http/security-headers';
import { serverOptions } from '../http/server-options';
import { rateLimit } from '../http/context';
import { eventsRoute, liveFeedRoutes, openToAnyOrigin, PUBLIC_CORS, STALE_HEADER } from '../modules/public/public.routes';
import { textBody, type FeedBody } from '../modules/public/public.service';
import { ifNoneMatchHits } from '../modules/public/etag';
import { attachPublicNamespace, type PublicNs } from '../realtime/public-namespace';
import { OFFICE_SILENT_HEARTBEATS, RedisPublicSource } from './redis-source';
import { cityPage, cityRows, CITY_SCRIPT } from './city-page';

const VERSION = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;

export const PublicNodeHealth = Type.Object({
  status: Type.Literal('ok'),
  version: Type.String(),
  role: Type.Literal('public'),
  redis: Type.Union([Type.Literal('up'), Type.Literal('down')], { description: 'down: serving the offices as they were when Redis went away' }),
  offices: Type.Integer({ minimum: 0, description: 'Offices this node has a snapshot of' }),
});

const OfficeSummary = Type.Object({
  id: Type.String(),
  names: LocalizedText,
  updatedAt: IsoDateTime,
  publishedAt: IsoDateTime,
  staleSince: Type.Union([IsoDateTime, Type.Null()]),
  services: Type.Array(Type.Object({ id: Type.String(), code: Type.String(), names: LocalizedText, waiting: Type.Integer({ minimum: 0 }) })),
});
export const OfficeList = Type.Object({ offices: Type.Array(OfficeSummary) });

export interface PublicNode {
  readonly app: FastifyInstance;
  readonly source: RedisPublicSource;
}

export async function buildPublicNode(config: Config, options: { logger?: boolean | object } = {}): Promise<PublicNode> {
  if (config.redisUrl === null) throw new Error('a public node needs REDIS_URL');
  const app = Fastify(serverOptions(config, options.logger)).withTypeProvider<TypeBoxTypeProvider>();

  registerErrorHandling(app);
  app.addSchema(ErrorResponse);
  // The city page's script is a file of this server (/city.js): no inline script needed.
  addSecurityHeaders(app, {
    contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], upgradeInsecureRequests: null } },
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });
  await app.register(cors, { origin: false });
  await app.register(rateLimitPlugin, {
    global: false,
    errorResponseBuilder: (_req, ctx) => new DomainError('rate_limited', `Too many requests; try again in ${Math.ceil(ctx.ttl / 1000)} s`),
  });

  const source = new RedisPublicSource(config.redisUrl, app.log, Date.now, OFFICE_SILENT_HEARTBEATS * config.publicHeartbeatSeconds * 1000);
  const shutdown = new Set<() => void>();
  const onShutdown = (fn: () => void) => {
    shutdown.add(fn);
    return () => shutdown.delete(fn);
  };

  const io = new Server(app.server, { serveClient: false, cors: { origin: true, credentials: false } });
  const publicNs = attachPublicNamespace(io.of(NAMESPACES.public) as PublicNs, { source, clock: Date.now, log: app.log, tickets: null });

  // The lists below are rebuilt once per snapshot taken or change of an office's staleness, not per request.
  let lists: { list: FeedBody; rows: FeedBody; taken: number; stale: string } | null = null;
  const currentLists = () => {
    const offices = source.all();
    const staleOf = new Map(offices.map((o) => [o.view.status.office.id, source.staleSince(o.view.status.office.id)]));
    const stale = JSON.stringify([...staleOf]);
    if (lists && lists.taken === source.taken && lists.stale === stale) return lists;
    const list = offices.map(({ view: { status }, publishedAt }) => ({
      id: status.office.id,
      names: status.office.names,
      updatedAt: status.updatedAt,
      publishedAt,
      staleSince: staleOf.get(status.office.id) ?? null,
      services: status.services.map((s) => ({ id: s.id, code: s.code, names: s.names, waiting: s.waiting })),
    }));
    const staleFor = (id: string) => staleOf.get(id) ?? null;
    lists = { list: textBody(JSON.stringify({ offices: list })), rows: textBody(cityRows(offices, staleFor)), taken: source.taken, stale };
    return lists;
  };
  const sendBody = (req: FastifyRequest, reply: FastifyReply, body: FeedBody, type: string) => {
    void reply.header('etag', body.etag).header('cache-control', 'no-cache');
    if (ifNoneMatchHits(req.headers['if-none-match'], body.etag)) return reply.status(304).send(null);
    return reply.type(type).serializer((x: unknown) => x as string).send(body.json as never);
  };

  const limited = rateLimit(config, config.publicPerMinute);
  await app.register(
    async (api) => {
      api.get('/health', { schema: { tags: ['health'], summary: 'Liveness of this public node and its Redis', response: { 200: PublicNodeHealth } } }, async () => ({
        status: 'ok' as const,
        version: VERSION,
        role: 'public' as const,
        redis: source.connected ? ('up' as const) : ('down' as const),
        offices: source.all().length,
      }));
      await api.register(async (open) => {
        openToAnyOrigin(open, { ...PUBLIC_CORS, exposedHeaders: [...[PUBLIC_CORS.exposedHeaders ?? []].flat(), STALE_HEADER] });
        liveFeedRoutes(open, source, { config, onShutdown });
        eventsRoute(open, source, { config, onShutdown });
        open.get(
          '/public/offices',
          {
            schema: { tags: ['public'], summary: 'Every office this node shows: names, each line’s waiting count, when updated', response: { 200: OfficeList } },
            config: limited,
          },
          async (req, reply) => sendBody(req, reply, currentLists().list, 'application/json; charset=utf-8'),
        );
      });
    },
    { prefix: '/api/v1' },
  );

  app.get('/', { schema: { hide: true } }, async (_req, reply) => reply.redirect('/city', 302));
  app.get('/city', { schema: { hide: true }, config: limited }, async (_req, reply) =>
    reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(cityPage(source.all(), (id) => source.staleSince(id))),
  );
  app.get('/city/rows', { schema: { hide: true }, config: limited }, async (req, reply) => sendBody(req, reply, currentLists().rows, 'text/html; charset=utf-8'));
  app.get('/city.js', { schema: { hide: true } }, async (_req, reply) =>
    reply.header('cache-control', 'public, max-age=300').type('text/javascript; charset=utf-8').send(CITY_SCRIPT),
  );

  app.addHook('preClose', async () => {
    for (const fn of shutdown) fn();
    publicNs.close();
    io.disconnectSockets(true);
    // Not io.close(): that closes the HTTP server, which Fastify closes itself.
    io.engine.close();
  });
  app.addHook('onClose', async () => source.close());
  return { app, source };
}
