// Read-only public feeds: no login, open CORS, ETag and a short Cache-Control, rate limited. And a
// resident's own ticket by the tracking token of their link: private, so never cached or logged.
import type { FastifyCorsOptions } from '@fastify/cors';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  addDays,
  CalendarDate,
  DAILY_COLUMNS,
  dailyCsv,
  DailyFigures,
  datesBetween,
  DEFAULT_DAILY_RANGE_DAYS,
  DomainError,
  ETicketView,
  MAX_DAILY_RANGE_DAYS,
  PublicStatus,
  QueueMonitorFeed,
  TownPassFeed,
  TrackingToken,
} from '@jiaohao/shared';
import type { Config } from '../../config';
import { errorResponses, rateLimit, type AppServices } from '../../http/context';
import { at } from '../../core/refusals';
import { ifNoneMatchHits } from './etag';
import { textBody, type FeedBody, type PublicView } from './public.service';
import { feedSource, type PublicSource } from './public.source';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** @fastify/cors reads a route's own CORS options from here (its types do not declare it). */
    cors?: FastifyCorsOptions | false;
  }
}

const tags = ['public'];

const DAILY_QUERY = Type.Object(
  {
    from: Type.Optional(CalendarDate),
    to: Type.Optional(CalendarDate),
  },
  { additionalProperties: false },
);
const DAILY_DESCRIPTION =
  `Open data: per business date and line, from \`from\` to \`to\` (both included; default the last ${DEFAULT_DAILY_RANGE_DAYS} days to ` +
  `today; at most ${MAX_DAILY_RANGE_DAYS} days). Counts and times only, never a ticket or a person. A line appears on a date it held tickets. ` +
  'Columns (the CSV header row, in this order; the JSON rows have the same fields): ' +
  DAILY_COLUMNS.map(([name, text]) => `\`${name}\`: ${text}`).join('; ') +
  '. Kept per day and rebuilt only when a ticket of that day changes; ETag with 304, Cache-Control 60 s.';

/** The dates a daily-figures request covers, checked: a range the other way round or too long is 400. */
function dailyDates(query: { from?: string; to?: string }, today: string): { from: string; to: string; dates: string[] } {
  const to = query.to ?? today;
  const from = query.from ?? addDays(to, -(DEFAULT_DAILY_RANGE_DAYS - 1));
  if (from > to) throw new DomainError('validation_failed', `from (${from}) is after to (${to})`, at('/from', 'must not be after to'));
  const dates = datesBetween(from, to);
  if (dates.length > MAX_DAILY_RANGE_DAYS) {
    throw new DomainError('validation_failed', `At most ${MAX_DAILY_RANGE_DAYS} days at once (asked for ${dates.length})`, at('/from', `at most ${MAX_DAILY_RANGE_DAYS} days before to`));
  }
  return { from, to, dates };
}

const LIVE_CACHE = 'public, max-age=5, stale-while-revalidate=10';

/** A prepared feed body, with its ETag (304 when the reader has it) and its caching: a few seconds for the live feeds. */
function sendFeed(req: FastifyRequest, reply: FastifyReply, body: FeedBody, options: { cache?: string; type?: string } = {}) {
  void reply.header('etag', body.etag).header('cache-control', options.cache ?? LIVE_CACHE);
  if (ifNoneMatchHits(req.headers['if-none-match'], body.etag)) return reply.status(304).send(null);
  // Already serialised (once per change for the live feeds); every reader shares the same bytes.
  return reply
    .type(options.type ?? 'application/json; charset=utf-8')
    .serializer((x: unknown) => x as string)
    .send(body.json as never);
}

/**
 * Any page may read these feeds from a script, without credentials. Set on every route of this
 * plugin only: app.ts opens no other route to other origins.
 */
export const PUBLIC_CORS: FastifyCorsOptions = {
  origin: '*',
  credentials: false,
  methods: ['GET', 'HEAD', 'OPTIONS'],
  // If-None-Match for conditional GETs; EventSource may send Last-Event-ID and Cache-Control.
  allowedHeaders: ['If-None-Match', 'Last-Event-ID', 'Cache-Control'],
  exposedHeaders: ['ETag', 'Retry-After'],
  // Chromium caps a cached preflight at 2 hours.
  maxAge: 7200,
  // A bare OPTIONS (no Origin) gets the same 204, not a text/plain 400.
  strictPreflight: false,
};

/** Every route added to `app` (a plugin's scope), now or later, gets the open CORS and a preflight route beside it. */
export function openToAnyOrigin(app: FastifyInstance, options: FastifyCorsOptions = PUBLIC_CORS): void {
  app.addHook('onRoute', (route) => {
    const cors = route.config?.cors ?? options;
    route.config = { ...route.config, cors };
    if (![route.method].flat().includes('GET')) return;
    app.options(
      route.routePath,
      { schema: { hide: true }, config: { access: 'public', cors } },
      // @fastify/cors answers the preflight in its onRequest hook, before this handler.
      async (_req, reply) => reply.status(204).send(),
    );
  });
}

/** What the shared feed routes need besides their source. */
export interface FeedRouteOptions {
  readonly config: Config;
  /** Registers clean-up for the SSE streams at shutdown; returns its removal. */
  onShutdown(fn: () => void): () => void;
}

type PublicApp = Parameters<FastifyPluginAsyncTypebox>[0];

// Not additionalProperties: false, so a cache-busting parameter still gets the feed.
const OFFICE_QUERY = Type.Object({
  office: Type.Optional(
    Type.String({ maxLength: 100, description: "The office's id; may be left out where the server has one office (an office server always has)" }),
  ),
});
const officeAsked = (query: { office?: string }) => (query.office === '' ? undefined : query.office);

/** The response header saying since when a view may be out of date (a public node that lost Redis). */
export const STALE_HEADER = 'jiaohao-stale-since';

/** One body of the asked office's view, marked when it may be out of date. */
function sendView(req: FastifyRequest, reply: FastifyReply, source: PublicSource, query: { office?: string }, pick: (v: PublicView) => FeedBody) {
  const view = source.current(officeAsked(query));
  const since = source.staleSince(view.status.office.id);
  if (since !== null) void reply.header(STALE_HEADER, since);
  return sendFeed(req, reply, pick(view), since === null ? {} : { cache: 'no-cache' });
}

/** The live feeds (status, TownPass, QueueMonitor), on the office server and on a public node alike. */
export function liveFeedRoutes(app: PublicApp, source: PublicSource, o: FeedRouteOptions): void {
  app.get(
    '/public/status',
    {
      schema: {
        tags,
        summary: 'Live waiting counts and now-serving numbers (aggregate, no personal data)',
        security: [],
        response: { 200: PublicStatus, 304: { type: 'null', description: 'Not modified' }, 400: errorResponses[400], 404: errorResponses[404], 429: errorResponses[429] },
        querystring: OFFICE_QUERY,
      },
      config: { access: 'public', ...rateLimit(o.config, o.config.publicPerMinute) },
    },
    async (req, reply) => sendView(req, reply, source, req.query, (v) => v),
  );

  app.get(
    '/public/townpass',
    {
      schema: {
        tags,
        summary: 'The same counts in the Taipei TownPass (台北通) counter-calling list shape, field for field',
        description:
          'For the city app: one category (c-2, household registration offices) holding this office, its lines as `counters` ' +
          'with `current_number` (the number now served, 4 digits; "0000" before the first call) and `waiting_people`. ' +
          'Built with the status on each change; ETag and Cache-Control as /public/status.',
        security: [],
        response: { 200: TownPassFeed, 304: { type: 'null', description: 'Not modified' }, 400: errorResponses[400], 404: errorResponses[404], 429: errorResponses[429] },
        querystring: OFFICE_QUERY,
      },
      config: { access: 'public', ...rateLimit(o.config, o.config.publicPerMinute) },
    },
    async (req, reply) => sendView(req, reply, source, req.query, (v) => v.townpass),
  );

  app.get(
    '/public/queue-monitor',
    {
      schema: {
        tags,
        summary: 'The same counts as FIWARE Smart Data Models QueueMonitor entities, one per line (NGSI-v2 key-values)',
        description:
          'A JSON array of plain `QueueMonitor` entities (dataModel.QueueManagement), valid against the published schema ' +
          '(`shared/reference/smart-data-models/`): `id` `urn:ngsi-ld:QueueMonitor:<officeId>:<serviceId>`, `serviceStatus` ' +
          '`Open` (kiosks issue for the line), `Suspended` (a supervisor stopped it, or the office is closed in an emergency) or ' +
          '`Closed` (outside its sessions, issuing switched off, the day closed), with the reason code in `serviceStatusNote`; ' +
          '`scheduleTime` the start of the session running now or of the next one; `ticketServed` the number last called, ' +
          '`lastTicketIssued` the last number of the ordinary series, `ticketsToServe` the tickets waiting; the office `address` ' +
          'and `location` (a GeoJSON Point, [longitude, latitude]). Built with the status on each change; ETag and Cache-Control as /public/status.',
        security: [],
        response: { 200: QueueMonitorFeed, 304: { type: 'null', description: 'Not modified' }, 400: errorResponses[400], 404: errorResponses[404], 429: errorResponses[429] },
        querystring: OFFICE_QUERY,
      },
      config: { access: 'public', ...rateLimit(o.config, o.config.publicPerMinute) },
    },
    async (req, reply) => sendView(req, reply, source, req.query, (v) => v.queueMonitor),
  );
}

/** The status as Server-Sent Events, on the office server and on a public node alike. */
export function eventsRoute(app: PublicApp, source: PublicSource, o: FeedRouteOptions): void {
  app.get(
    '/public/events',
    {
      schema: { tags, security: [], summary: 'The public status as Server-Sent Events: one "status" event now and after every change', querystring: OFFICE_QUERY },
      config: { access: 'public', ...rateLimit(o.config, o.config.publicPerMinute) },
    },
    (req, reply) => {
      // Before hijacking, so an unknown office is an ordinary 404.
      const first = source.current(officeAsked(req.query));
      const officeId = first.status.office.id;
      reply.hijack();
      const res = reply.raw;
      // What the hooks set (CORS, helmet) is not sent by itself once the reply is hijacked.
      for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) res.setHeader(name, value);
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      // HEAD asks for the head only: no stream follows (Node sends no body, so it would hang open).
      if (req.method === 'HEAD') return void res.end();
      const send = (json: string, seq: number) => res.write(`id: ${seq}\nevent: status\ndata: ${json}\n\n`);
      res.write('retry: 3000\n\n');
      send(first.json, first.status.seq);
      const unsubscribe = source.subscribe((view) => {
        if (view.status.office.id === officeId) send(view.json, view.status.seq);
      });
      // A comment line now and then keeps proxies, and the server's own idle timeout, from closing a quiet stream.
      const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), Math.min(25_000, Math.floor(o.config.idleTimeoutMs / 2)));
      let forget = () => {};
      const stop = () => {
        clearInterval(keepAlive);
        unsubscribe();
        forget();
      };
      req.raw.on('close', stop);
      forget = o.onShutdown(() => {
        stop();
        res.end();
      });
    },
  );
}

export function publicRoutes(s: AppServices): FastifyPluginAsyncTypebox {
  const source = feedSource(s.feed);
  return async (app) => {
    openToAnyOrigin(app);
    liveFeedRoutes(app, source, s);

    for (const format of ['json', 'csv'] as const) {
      app.get(
        `/public/stats/daily.${format}`,
        {
          schema: {
            tags,
            summary: format === 'json' ? 'Daily figures per line, as JSON (open data)' : 'Daily figures per line, as CSV in UTF-8 with a header row (open data)',
            description: DAILY_DESCRIPTION,
            security: [],
            querystring: DAILY_QUERY,
            response: {
              200:
                format === 'json'
                  ? DailyFigures
                  : { description: 'text/csv; charset=utf-8, a byte-order mark, a header row, CRLF line ends', content: { 'text/csv': { schema: { type: 'string' } } } },
              304: { type: 'null', description: 'Not modified' },
              400: errorResponses[400],
              429: errorResponses[429],
            },
          },
          config: { access: 'public', ...rateLimit(s.config, s.config.publicPerMinute) },
        },
        async (req, reply) => {
          const { from, to, dates } = dailyDates(req.query, s.feed.current().status.businessDate);
          const rows = s.feed.daily.rows(dates);
          const body = textBody(format === 'json' ? JSON.stringify({ from, to, rows }) : dailyCsv(rows));
          if (format === 'csv') void reply.header('content-disposition', `inline; filename="jiaohao-daily-${from}-${to}.csv"`);
          return sendFeed(req, reply, body, { cache: 'public, max-age=60', type: format === 'json' ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8' });
        },
      );
    }

    app.get(
      '/public/tickets/:token',
      {
        schema: {
          tags,
          summary: "A resident's own ticket, by the tracking token of their link (the e-ticket page /t/:token)",
          description:
            'Its number and state, the people ahead in its line and the wait range while it waits, the counter once called. ' +
            'No personal data, and of other tickets only a count. Private: Cache-Control no-store, and the token is left out of ' +
            "the server's log. An unknown token is 404 not_found, the same for every token. The /public socket's ticket:follow " +
            'sends the same view, and ticket:view after each change.',
          security: [],
          params: Type.Object({ token: TrackingToken }),
          response: { 200: ETicketView, 400: errorResponses[400], 404: errorResponses[404], 429: errorResponses[429] },
        },
        config: { access: 'public', ...rateLimit(s.config, s.config.publicPerMinute) },
        // Before the rate limit and validation, so a refusal is not cached either.
        onRequest: async (_req, reply) => {
          void reply.header('cache-control', 'no-store');
        },
      },
      async (req) => s.feed.tickets.byToken(req.params.token),
    );

    eventsRoute(app, source, s);
  };
}
