import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from '@sinclair/typebox';
import {
  CallTicketBody,
  CancelBody,
  CloseDayResult,
  DomainError,
  EmptyBody,
  Id,
  IssueTicketBody,
  IssueTicketResult,
  ReasonBody,
  Snapshot,
  TicketResult,
  TransferBody,
  type Ticket,
} from '@jiaohao/shared';
import { requireRole, type Principal } from '../../core/principal';
import { errorResponses, rateLimit, type AppServices } from '../../http/context';
import { bearer } from '../../http/auth';
import { publicTicket } from './tickets.repo';
import { hashToken } from '../../core/tokens';

const TicketParams = Type.Object({ id: Id });
const tags = ['tickets'];

export function ticketsRoutes(s: AppServices): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/tickets',
      {
        schema: {
          tags,
          summary: 'Issue a ticket (kiosk device or staff)',
          body: IssueTicketBody,
          response: { 201: IssueTicketResult, ...errorResponses },
        },
        // Per device (or staff member): a stuck button or a script cannot empty the number range.
        config: rateLimit(s.config, s.config.issuePerMinute, (req) => bearer(req) ?? req.ip),
      },
      async (req, reply) => reply.status(201).send(s.commands.issueTicket(req.principal, req.body)),
    );

    app.get(
      '/tickets/:id',
      {
        schema: {
          tags,
          summary: 'One ticket (staff or device; a resident with ?token=<tracking token>)',
          params: TicketParams,
          querystring: Type.Object({ token: Type.Optional(Type.String({ maxLength: 64 })) }),
          response: { 200: TicketResult, ...errorResponses },
        },
      },
      async (req) => {
        const { store } = s.engine;
        if (req.query.token !== undefined) {
          const t = store.tickets.byTrackingTokenHash(hashToken(req.query.token));
          if (!t || t.id !== req.params.id) throw new DomainError('forbidden', 'That tracking token is not for this ticket');
          return { ticket: publicTicket(t) };
        }
        if (req.principal?.kind !== 'device') requireRole(req.principal, 'clerk');
        const t = store.tickets.byId(req.params.id);
        if (!t) throw new DomainError('not_found', `No ticket ${req.params.id}`);
        return { ticket: publicTicket(t) };
      },
    );

    app.get(
      '/snapshot',
      { schema: { tags: ['realtime'], summary: 'The office state clients start from (same as the socket snapshot)', response: { 200: Snapshot, ...errorResponses } } },
      async (req) => {
        if (req.principal?.kind !== 'device') requireRole(req.principal, 'clerk');
        return s.engine.snapshot();
      },
    );

    type MoveBody = { reason?: string; note?: string };
    const move = (path: string, summary: string, body: TSchema, run: (who: Principal | null, id: string, body: MoveBody) => Ticket) =>
      app.post(
        `/tickets/:id/${path}`,
        { schema: { tags, summary, params: TicketParams, body, response: { 200: TicketResult, ...errorResponses } } },
        async (req) => ({ ticket: run(req.principal, req.params.id, req.body as MoveBody) }),
      );

    move('recall', 'Call a called ticket again (displays announce it again)', EmptyBody, (who, id) => s.commands.recall(who, id));
    move('start', 'The resident is at the counter: start serving', EmptyBody, (who, id) => s.commands.start(who, id));
    move('finish', 'Done', EmptyBody, (who, id) => s.commands.finish(who, id));
    move('no-show', 'The resident did not come (reason required)', ReasonBody, (who, id, b) => s.commands.noShow(who, id, b.reason, b.note));
    move('requeue', 'Put a called or missed ticket back in line (reason required)', ReasonBody, (who, id, b) =>
      s.commands.requeue(who, id, b.reason, b.note),
    );

    app.post(
      '/tickets/:id/call',
      {
        schema: { tags, summary: 'Call this ticket to a counter, out of turn (reason required)', params: TicketParams, body: CallTicketBody, response: { 200: TicketResult, ...errorResponses } },
      },
      async (req) => ({ ticket: s.commands.callTicket(req.principal, req.params.id, req.body.counterId, req.body.reason, req.body.note) }),
    );

    app.post(
      '/tickets/:id/transfer',
      {
        schema: { tags, summary: 'Send a ticket being served to another line or counter; it keeps its place', params: TicketParams, body: TransferBody, response: { 200: TicketResult, ...errorResponses } },
      },
      async (req) => {
        const { serviceId, counterId, reason, note } = req.body;
        const to = { ...(serviceId ? { serviceId } : {}), ...(counterId ? { counterId } : {}) };
        return { ticket: s.commands.transfer(req.principal, req.params.id, to, reason, note) };
      },
    );

    app.post(
      '/tickets/:id/cancel',
      {
        schema: { tags, summary: 'Cancel a waiting ticket: staff with a reason, or the resident with the tracking token', params: TicketParams, body: CancelBody, response: { 200: TicketResult, ...errorResponses } },
      },
      async (req) => ({ ticket: s.commands.cancel(req.principal, req.params.id, req.body) }),
    );

    app.post(
      '/day/close',
      { schema: { tags: ['office'], summary: 'Close the day: what still waits expires, counters close (supervisor)', body: EmptyBody, response: { 200: CloseDayResult, ...errorResponses } } },
      async (req) => s.commands.closeDay(req.principal),
    );
  };
}
