// Read-only public feeds: no login, open CORS, ETag and a short Cache-Control, rate limited.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PublicStatus } from '@jiaohao/shared';
import { errorResponses, rateLimit, type AppServices } from '../../http/context';

const tags = ['public'];

export function publicRoutes(s: AppServices): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addHook('onSend', async (_req, reply, payload) => {
      void reply.header('access-control-allow-origin', '*');
      return payload;
    });

    app.get(
      '/public/status',
      {
        schema: {
          tags,
          summary: 'Live waiting counts and now-serving numbers (aggregate, no personal data)',
          security: [],
          response: { 200: PublicStatus, 304: { type: 'null', description: 'Not modified' }, 429: errorResponses[429] },
        },
        config: { access: 'public', ...rateLimit(s.config, s.config.publicPerMinute) },
      },
      async (req, reply) => {
        const view = s.feed.current();
        void reply.header('etag', view.etag).header('cache-control', 'public, max-age=5, stale-while-revalidate=10');
        if (req.headers['if-none-match'] === view.etag) return reply.status(304).send(null);
        // Already serialised once per change; every reader shares the same bytes.
        return reply.type('application/json; charset=utf-8').serializer((x: unknown) => x as string).send(view.json as never);
      },
    );

    app.get(
      '/public/events',
      {
        schema: { tags, security: [], summary: 'The public status as Server-Sent Events: one "status" event now and after every change' },
        config: { access: 'public', ...rateLimit(s.config, s.config.publicPerMinute) },
      },
      (req, reply) => {
        reply.hijack();
        const res = reply.raw;
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          'access-control-allow-origin': '*',
          'x-accel-buffering': 'no',
        });
        const send = (json: string, seq: number) => res.write(`id: ${seq}\nevent: status\ndata: ${json}\n\n`);
        res.write('retry: 3000\n\n');
        const first = s.feed.current();
        send(first.json, first.status.seq);
        const unsubscribe = s.feed.subscribe((view) => send(view.json, view.status.seq));
        // A comment line now and then keeps proxies from closing an idle stream.
        const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
        let forget = () => {};
        const stop = () => {
          clearInterval(keepAlive);
          unsubscribe();
          forget();
        };
        req.raw.on('close', stop);
        forget = s.onShutdown(() => {
          stop();
          res.end();
        });
      },
    );
  };
}
