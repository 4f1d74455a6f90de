// Serves the built web clients from their dist/ folders. Vite hashes every file under assets/, so
// those may be cached for a year; the HTML pages name the current hashes, so they are revalidated
// on every load and a new build shows up without a hard reload.
import { readFile, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { ErrorCode } from '@jiaohao/shared';
import { E_TICKET_PREFIX, STATUS_PATH } from '@jiaohao/shared/rules';

export interface ServedClient {
  /** The workspace, as in `npm run build -w <workspace>`. */
  readonly workspace: string;
  /** Named in messages: "The counter client is not built…". */
  readonly label: string;
  /** The build output, relative to the clients folder. */
  readonly distDir: string;
  /** Where it is served, with the trailing slash. */
  readonly path: `/${string}/`;
}

/** Keep in step with scripts/clients.mjs (tests/src/clients-build.test.ts compares them). */
export const SERVED_CLIENTS: readonly ServedClient[] = [
  { workspace: 'counter-client', label: 'counter client', distDir: 'counter-client/dist', path: '/counter/' },
  { workspace: 'display', label: 'wall display', distDir: 'display/dist', path: '/display/' },
  { workspace: 'kiosk', label: 'kiosk', distDir: 'kiosk/renderer/dist', path: '/kiosk/' },
];

/** Where `GET /` sends a visitor: the public waiting-count page (status-page.ts), since anyone may open the bare address. */
export const HOME_PAGE = STATUS_PATH;

/**
 * The resident's e-ticket page, served at every `/t/<tracking token>` (eTicketPath) so the QR code
 * stays short; the page reads its token from the path. Its scripts and styles are the display's,
 * under /display/assets/.
 */
export const E_TICKET_PAGE = { workspace: 'display', label: 'e-ticket page', file: 'display/dist/eticket.html' } as const;

const NOT_BUILT: ErrorCode = 'client_not_built';

/** 503 client_not_built, never cached, saying how to build what is missing ("The wall display is not built; …"). */
export function sendNotBuilt(reply: FastifyReply, what: { readonly label: string; readonly workspace: string }): FastifyReply {
  return reply
    .code(503)
    .header('cache-control', 'no-store')
    .send({ error: { code: NOT_BUILT, message: `The ${what.label} is not built; run npm start (it builds missing clients) or npm run build -w ${what.workspace}` } });
}

const IMMUTABLE = 'public, max-age=31536000, immutable';

async function isBuilt(distRoot: string): Promise<boolean> {
  try {
    return (await stat(join(distRoot, 'index.html'))).isFile();
  } catch {
    return false;
  }
}

export async function registerClients(app: FastifyInstance, clientsDir: string): Promise<void> {
  for (const client of SERVED_CLIENTS) {
    const root = join(clientsDir, client.distDir);
    const assets = join(root, 'assets') + sep;
    if (!(await isBuilt(root))) {
      app.log.warn(`${root} has no index.html: ${client.path} answers 503 until the ${client.label} is built`);
    }
    await app.register(async (scope) => {
      // @fastify/static refuses a non-canonical path (`//`, a backslash, `/./`) with a 403; to a visitor it is
      // simply not there.
      scope.setErrorHandler((err: FastifyError, request, reply) =>
        err.code === 'FST_STATIC_FORBIDDEN_PATH' ? reply.callNotFound() : app.errorHandler(err, request, reply),
      );
      // Checked on every request, so a build made while the server runs is served without a restart.
      scope.addHook('onRequest', async (_request, reply) => {
        if (await isBuilt(root)) return;
        return sendNotBuilt(reply, client);
      });
      await scope.register(fastifyStatic, {
        root,
        // Without the trailing slash, so that `redirect` answers /counter with a redirect to /counter/.
        prefix: client.path.slice(0, -1),
        redirect: true,
        index: ['index.html'],
        // Several registrations: only one may decorate the reply.
        decorateReply: false,
        // The dist folder may be missing at start-up; the hook above answers for it.
        suppressWarning: true,
        cacheControl: false,
        setHeaders: (reply, filePath) => {
          void reply.header('cache-control', filePath.startsWith(assets) ? IMMUTABLE : 'no-cache');
        },
      });
    });
  }

  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect(HOME_PAGE, 302));

  // Any path under /t/ (a trailing slash, a scanner's extra segment) gets the page, which then says
  // whether the ticket exists: the server reveals nothing here. The token stays out of caches and
  // the log (Referrer-Policy: no-referrer comes from helmet).
  const eTicket = join(clientsDir, E_TICKET_PAGE.file);
  app.get(`${E_TICKET_PREFIX}*`, { schema: { hide: true } }, async (_request, reply) => {
    void reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex, nofollow');
    let html: Buffer;
    try {
      html = await readFile(eTicket);
    } catch {
      return sendNotBuilt(reply, E_TICKET_PAGE);
    }
    return reply.type('text/html; charset=utf-8').send(html);
  });
}
