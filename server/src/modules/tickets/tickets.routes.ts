// Ticket reads and the printed ticket; the ticket commands are routes derived from the registry
// (http/commands.routes.ts).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { DomainError, Id, LineEstimates, Snapshot, TicketResult } from '@jiaohao/shared';
import { errorResponses, rateLimit, type AppServices } from '../../http/context';
import { bearer, residentToken } from '../../http/auth';
import { ticketPrintView } from './ticket-print.view';
import { renderTicketPdf } from './ticket-print.pdf';

const staffAndDevices = { staff: 'clerk', devices: ['kiosk', 'display'] } as const;
/** Staff, and kiosks for the tickets they issued (checked against the ticket:issued event). */
const staffAndKiosks = { staff: 'clerk', devices: ['kiosk'] } as const;

/** The tracking token rides in a header, never in the URL: URLs end up in logs. */
export const TRACKING_TOKEN_HEADER = 'x-tracking-token';
/** Printed tickets one kiosk or account may fetch per minute (each takes some tens of ms of CPU). */
const PRINTS_PER_MINUTE = 60;

/** This server's address as the caller reached it, for the QR code when JIAOHAO_PUBLIC_URL is unset. */
function requestOrigin(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}`;
}

export function ticketsRoutes(s: AppServices): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/tickets/:id',
      {
        schema: {
          tags: ['tickets'],
          summary: 'One ticket (staff or device; a resident with ?token=<tracking token>)',
          params: Type.Object({ id: Id }),
          querystring: Type.Object({ token: Type.Optional(Type.String({ maxLength: 64 })) }),
          response: { 200: TicketResult, ...errorResponses },
        },
        config: { access: { ...staffAndDevices, resident: true } },
      },
      async (req) => {
        const token = residentToken(req);
        if (token !== undefined) return { ticket: s.queries.ticketForResident(req.params.id, token) };
        return { ticket: s.queries.ticket(req.params.id) };
      },
    );

    app.get(
      '/tickets/:id/ticket.pdf',
      {
        schema: {
          tags: ['tickets'],
          summary: 'The printed ticket, an 80 mm wide PDF (staff, or the kiosk that issued the ticket)',
          description:
            'For the kiosk\'s thermal printer. With the ticket\'s tracking token in the `x-tracking-token` header, the ticket ' +
            'carries a QR code to its e-ticket page (JIAOHAO_PUBLIC_URL + /t/<token>); a token not of this ticket is refused ' +
            '(403). Without the header it says to ask at the information desk for the phone link instead.',
          params: Type.Object({ id: Id }),
          headers: Type.Object({
            [TRACKING_TOKEN_HEADER]: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'The tracking token handed out with the ticket' })),
          }),
          response: {
            200: {
              description: 'The ticket as PDF (application/pdf), one page 226.77 pt (80 mm) wide, as tall as its content',
              content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
            },
            ...errorResponses,
          },
        },
        config: { access: staffAndKiosks, ...rateLimit(s.config, PRINTS_PER_MINUTE, (req) => bearer(req) ?? req.ip) },
      },
      async (req, reply) => {
        if (req.principal === null) throw new DomainError('unauthenticated', 'Log in first (or use a device token)');
        const token = req.headers[TRACKING_TOKEN_HEADER];
        const facts = s.queries.ticketPrint(req.principal, req.params.id, token);
        const view = ticketPrintView({ ...facts, trackingToken: token ?? null, publicBaseUrl: s.config.publicUrl ?? requestOrigin(req) });
        const pdf = await renderTicketPdf(view);
        return reply
          .type('application/pdf')
          // It holds the tracking token (in the QR code): no cache keeps a copy.
          .header('cache-control', 'no-store')
          .header('content-disposition', `inline; filename="ticket-${facts.ticket.number}.pdf"`)
          .send(pdf);
      },
    );

    app.get(
      '/estimates',
      {
        schema: {
          tags: ['tickets'],
          summary: 'Per active line and class, the wait a resident taking a number now would be given (the issue answer’s estimate)',
          description: 'null where no open counter serves the line (a paused one alone promises no time). The public status carries the normal class only.',
          response: { 200: LineEstimates, ...errorResponses },
        },
        config: { access: staffAndDevices },
      },
      async (_req, reply) => reply.header('cache-control', 'no-store').send(s.queries.estimates()),
    );

    app.get(
      '/snapshot',
      {
        schema: {
          tags: ['realtime'],
          summary: 'The office state clients start from (same as the socket snapshot)',
          response: { 200: Snapshot, ...errorResponses },
        },
        config: { access: staffAndDevices },
      },
      async () => s.queries.snapshot(),
    );
  };
}
