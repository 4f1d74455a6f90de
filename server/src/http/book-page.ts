// The resident's booking page for phones (網路預約): the display's built book.html at /book and at
// every /book/m/<manage token> (bookingManagePath), so the link a resident keeps stays short; the
// page reads which it is from the path and asks the API. Its scripts and styles are the display's,
// under /display/assets/.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { BOOK_PATH, BOOKING_MANAGE_PREFIX } from '@jiaohao/shared/rules';
import { sendNotBuilt } from './clients';

export const BOOK_PAGE = { workspace: 'display', label: 'booking page', file: 'display/dist/book.html' } as const;

export function registerBookPage(app: FastifyInstance, clientsDir: string): void {
  const file = join(clientsDir, BOOK_PAGE.file);
  // Any manage token (or none, or a trailing segment) gets the same page, which then says whether the
  // booking exists: the address reveals nothing. The token stays out of caches and the log
  // (Referrer-Policy: no-referrer comes from helmet); nothing here is for search engines.
  const send = async (_request: unknown, reply: FastifyReply) => {
    void reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex, nofollow');
    let html: Buffer;
    try {
      html = await readFile(file);
    } catch {
      return sendNotBuilt(reply, BOOK_PAGE);
    }
    return reply.type('text/html; charset=utf-8').send(html);
  };
  app.get(BOOK_PATH, { schema: { hide: true } }, send);
  app.get(`${BOOK_PATH}/`, { schema: { hide: true } }, send);
  app.get(`${BOOKING_MANAGE_PREFIX}*`, { schema: { hide: true } }, send);
}
