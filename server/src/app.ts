// Builds the whole server (HTTP API, OpenAPI docs, Socket.IO, engine) without listening: tests use
// app.inject() or listen on port 0; server.ts is the only place that listens on the real port.
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import rateLimitPlugin from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { DomainError, ErrorResponse, HealthResult } from '@jiaohao/shared';
import type { Config } from './config';
import { openDatabase, type Db } from './db/database';
import type { Store } from './store';
import type { Clock } from './core/engine';
import { SYSTEM } from './core/principal';
import { buildCore } from './wiring';
import { AuthService } from './modules/auth/auth.service';
import { ensureAdmin } from './modules/auth/auth.commands';
import { PublicFeed } from './modules/public/public.service';
import { commandRoutes } from './http/commands.routes';
import { registerErrorHandling } from './http/errors';
import { serverOptions } from './http/server-options';
import { addSecurityHeaders } from './http/security-headers';
import { registerAuth } from './http/auth';
import { registerClients } from './http/clients';
import { registerBookPage } from './http/book-page';
import { registerStatusPage } from './http/status-page';
import { registerWidget } from './http/widget';
import type { AppServices } from './http/context';
import { ticketsRoutes } from './modules/tickets/tickets.routes';
import { countersRoutes } from './modules/counters/counters.routes';
import { servicesRoutes } from './modules/services/services.routes';
import { authRoutes } from './modules/auth/auth.routes';
import { devicesRoutes } from './modules/devices/devices.routes';
import { publicRoutes } from './modules/public/public.routes';
import { eticketRoutes } from './modules/public/eticket.routes';
import { auditRoutes } from './modules/audit/audit.routes';
import { reportsRoutes } from './modules/reports/reports.routes';
import { appointmentsRoutes } from './modules/appointments/appointments.routes';
import { AppointmentsService } from './modules/appointments/appointments.service';
import { openAudit, type Timers } from './modules/audit/audit.service';
import { attachSockets, type Realtime } from './realtime/sockets';
import { seedOffice, type OfficeSetup } from './seed/seed';
import { publishToRedis } from './scale/redis-publisher';

export const VERSION = '0.1.0';

export interface BuildOptions {
  readonly clock?: Clock;
  /** An open database (tests); otherwise config.dbPath is opened. */
  readonly db?: Db;
  /** The office to set up when the database has none (default: the demo office). */
  readonly setup?: OfficeSetup;
  readonly logger?: boolean | object;
  /** The audit anchor timer's setInterval/clearInterval (tests); the real ones otherwise. */
  readonly timers?: Timers;
}

export interface JiaohaoApp {
  readonly app: FastifyInstance;
  readonly services: AppServices;
  /** The store under the services (tests and benchmarks inspect it; edges never see it). */
  readonly store: Store;
  /** Runs the day roll-over now (the server calls it every minute). */
  rollDay(): void;
  readonly realtime: Realtime;
  readonly db: Db;
  /** Set when this start created the admin account with a generated password (print it once). */
  readonly adminPassword: string | null;
  readonly seeded: boolean;
}

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<JiaohaoApp> {
  const clock = options.clock ?? Date.now;
  const db = options.db ?? openDatabase(config.dbPath);
  const auditParts = openAudit(config);
  const { store, engine, bus, queries, audit } = buildCore(db, clock, {
    scryptCost: config.scryptCost,
    onListenerError: (err) => app.log.error({ err }, 'event listener failed after a commit'),
    onRepairedEvent: (seq, type) => app.log.warn({ seq, type }, 'an event did not fit its schema and was repaired for reading'),
    audit: auditParts,
    // Per device or account, over REST and sockets alike.
    limits: config.rateLimits === 'off' ? {} : { 'ticket:issue': { max: config.issuePerMinute, windowMs: 60_000 } },
  });
  const seeded = seedOffice(engine, options.setup);
  const appointments = new AppointmentsService(engine);
  // Bookings past their date or their retention, left from while the server was off.
  appointments.sweep();
  const auth = new AuthService(store, clock, config);
  const adminPassword = await ensureAdmin(bus, store, config.adminPassword);
  const shutdown = new Set<() => void>();
  const services: AppServices = {
    config,
    bus,
    queries,
    auth,
    feed: new PublicFeed(engine),
    appointments,
    clock,
    onEvents: (listener) => engine.onEvents(listener),
    onShutdown: (fn) => {
      shutdown.add(fn);
      return () => shutdown.delete(fn);
    },
  };

  const app = Fastify(serverOptions(config, options.logger)).withTypeProvider<TypeBoxTypeProvider>();

  registerErrorHandling(app);
  app.addSchema(ErrorResponse);
  addSecurityHeaders(app, {
    // The OpenAPI page loads its own scripts and styles from this server.
    contentSecurityPolicy: {
      directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'], upgradeInsecureRequests: null },
    },
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });
  await app.register(cookie);
  // No other origin by default; the public feeds open themselves per route (config.cors).
  await app.register(cors, { origin: false });
  await app.register(rateLimitPlugin, {
    global: false,
    // The plugin throws what this returns: a DomainError reaches the error handler as { error: { code, message } }.
    errorResponseBuilder: (_req, ctx) => new DomainError('rate_limited', `Too many requests; try again in ${Math.ceil(ctx.ttl / 1000)} s`),
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Jiaohao (叫號) API',
        version: VERSION,
        description: 'Counter queue and ticketing. Staff: POST /api/v1/auth/login, then the cookie or `Authorization: Bearer <token>`. Devices: their token as bearer.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  registerAuth(app, auth, config.allowedOrigins);

  const realtime = attachSockets(app.server, services, app.log);
  // The public side at city scale (DESIGN §7): never awaited, and the office runs the same without it.
  const publisher = config.redisUrl === null ? null : publishToRedis(services.feed, config.redisUrl, app.log, clock, config.publicHeartbeatSeconds * 1000);

  await app.register(
    async (api) => {
      // A POST without a body (call-next, start, finish…) is validated as an empty object.
      api.addHook('preValidation', async (request) => {
        if (request.body === undefined || request.body === null) request.body = {};
      });
      api.get(
        '/health',
        {
          schema: {
            tags: ['health'],
            security: [],
            summary: 'Liveness and where the event log stands',
            response: { 200: HealthResult },
          },
          config: { access: 'public' },
        },
        async () => {
          const head = queries.snapshotHead();
          return { status: 'ok' as const, version: VERSION, seq: head.seq, businessDate: head.businessDate };
        },
      );
      await api.register(commandRoutes(services));
      await api.register(authRoutes(services, (token) => realtime.disconnectSession(token)));
      await api.register(servicesRoutes(services));
      await api.register(countersRoutes(services));
      await api.register(devicesRoutes(services));
      await api.register(ticketsRoutes(services));
      await api.register(publicRoutes(services));
      await api.register(eticketRoutes(services));
      await api.register(auditRoutes(services));
      await api.register(reportsRoutes(services));
      await api.register(appointmentsRoutes(services));
    },
    { prefix: '/api/v1' },
  );
  await registerClients(app, config.clientsDir);
  registerBookPage(app, config.clientsDir);
  await registerStatusPage(app, services);
  await registerWidget(app, config);

  if (auditParts.key.exposed) app.log.warn({ path: auditParts.key.path }, 'other users may read the audit key file: chmod 600 it');
  // The head is anchored now, every few minutes and at close (onClose, once no command can come in).
  audit.start(config.auditAnchorMinutes, (err) => app.log.error({ err }, 'could not write an audit anchor'), options.timers);
  app.addHook('preClose', async () => {
    for (const fn of shutdown) fn();
    await publisher?.close();
    services.feed.close();
    await realtime.close();
  });
  app.addHook('onClose', async () => {
    audit.stop();
    if (!options.db) db.close();
  });

  return { app, services, store, rollDay: () => bus.tick(SYSTEM), realtime, db, adminPassword, seeded };
}
