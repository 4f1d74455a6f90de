// The ticket commands of the registry, each one call into the tickets service.
import type { Channel } from '@jiaohao/shared';
import type { ModuleCommands } from '../../core/commands';
import type { Principal } from '../../core/principal';
import type { Store } from '../../store';
import * as tickets from './tickets.service';
import { closeDay } from './day.service';
import { checkIn } from './check-in.service';
import { publicTicket, type StoredTicket } from './tickets.repo';

type TicketCommand =
  | 'ticket:issue'
  | 'appointment:check-in'
  | 'ticket:call'
  | 'ticket:recall'
  | 'ticket:start'
  | 'ticket:finish'
  | 'ticket:no-show'
  | 'ticket:requeue'
  | 'ticket:transfer'
  | 'ticket:cancel'
  | 'counter:call-next'
  | 'day:close';

const channelOf = (p: Principal): Channel => (p.kind === 'device' ? 'kiosk' : 'staff');
const moved = (t: StoredTicket) => ({ ticket: publicTicket(t) });

export const ticketCommands: ModuleCommands<Store, TicketCommand> = {
  'ticket:issue': (ctx, p) => tickets.issueTicket(ctx, p, channelOf(ctx.principal)),
  'appointment:check-in': (ctx, p) => checkIn(ctx, p),
  'ticket:call': (ctx, p) => moved(tickets.callTicket(ctx, p.ticketId, p.counterId, p.reason, p.note)),
  'ticket:recall': (ctx, p) => moved(tickets.recall(ctx, p.ticketId)),
  'ticket:start': (ctx, p) => moved(tickets.start(ctx, p.ticketId)),
  'ticket:finish': (ctx, p) => moved(tickets.finish(ctx, p.ticketId)),
  'ticket:no-show': (ctx, p) => moved(tickets.noShow(ctx, p.ticketId, p.reason, p.note)),
  'ticket:requeue': (ctx, p) => moved(tickets.requeue(ctx, p.ticketId, p.reason, p.note)),
  'ticket:transfer': (ctx, p) => moved(tickets.transfer(ctx, p.ticketId, { serviceId: p.serviceId, counterId: p.counterId }, p.reason, p.note)),
  // A resident (tracking token) cancels for themselves: that is the reason unless they gave one.
  'ticket:cancel': (ctx, p) =>
    moved(tickets.cancel(ctx, p.ticketId, p.reason ?? (ctx.principal.kind === 'resident' ? 'resident_request' : undefined), p.note)),
  'counter:call-next': (ctx, p) => tickets.callNext(ctx, p.counterId),
  'day:close': (ctx) => closeDay(ctx),
};
