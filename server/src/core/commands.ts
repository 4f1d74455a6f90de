// One function per command, used by REST and socket alike, so the same rules and the same events
// follow whichever way a command arrives. Each checks who may do it, then runs one transaction.
import {
  DomainError,
  type CallNextResult,
  type Counter,
  type CounterCreate,
  type CounterPatch,
  type OfficePatch,
  type ServiceCreate,
  type ServicePatch,
  type IssueTicketBody,
  type IssueTicketResult,
  type Office,
  type Service,
  type Ticket,
} from '@jiaohao/shared';
import type { Ctx, Engine } from './engine';
import { hashToken } from './tokens';
import { actorOf, requireRole, requireStaffOrDevice, type Principal } from './principal';
import * as tickets from '../modules/tickets/tickets.service';
import * as counters from '../modules/counters/counters.service';
import * as services from '../modules/services/services.service';
import { closeDay } from '../modules/tickets/day.service';
import { updateOffice } from '../modules/office/office.service';
import { publicTicket, type StoredTicket } from '../modules/tickets/tickets.repo';

type Who = Principal | null;

export class Commands {
  constructor(private readonly engine: Engine) {}

  issueTicket(who: Who, input: IssueTicketBody): IssueTicketResult {
    requireStaffOrDevice(who, 'kiosk');
    const channel = who?.kind === 'device' ? 'kiosk' : 'staff';
    return this.engine.run(actorOf(who!), (ctx) => tickets.issueTicket(ctx, input, channel));
  }

  callNext(who: Who, counterId: string): CallNextResult {
    requireRole(who, 'clerk');
    return this.engine.run(actorOf(who!), (ctx) => tickets.callNext(ctx, counterId));
  }

  callTicket(who: Who, ticketId: string, counterId: string, reason: string | undefined, note?: string): Ticket {
    requireRole(who, 'clerk');
    return this.ticketMove(who!, (ctx) => tickets.callTicket(ctx, ticketId, counterId, reason, note));
  }

  recall(who: Who, ticketId: string): Ticket {
    requireRole(who, 'clerk');
    return this.ticketMove(who!, (ctx) => tickets.recall(ctx, ticketId));
  }

  start(who: Who, ticketId: string): Ticket {
    requireRole(who, 'clerk');
    return this.ticketMove(who!, (ctx) => tickets.start(ctx, ticketId));
  }

  finish(who: Who, ticketId: string): Ticket {
    requireRole(who, 'clerk');
    return this.ticketMove(who!, (ctx) => tickets.finish(ctx, ticketId));
  }

  noShow(who: Who, ticketId: string, reason: string | undefined, note?: string): Ticket {
    requireRole(who, 'clerk');
    return this.ticketMove(who!, (ctx) => tickets.noShow(ctx, ticketId, reason, note));
  }

  requeue(who: Who, ticketId: string, reason: string | undefined, note?: string): Ticket {
    requireRole(who, 'clerk');
    return this.ticketMove(who!, (ctx) => tickets.requeue(ctx, ticketId, reason, note));
  }

  transfer(who: Who, ticketId: string, to: { serviceId?: string; counterId?: string }, reason: string | undefined, note?: string): Ticket {
    requireRole(who, 'clerk');
    return this.ticketMove(who!, (ctx) => tickets.transfer(ctx, ticketId, to, reason, note));
  }

  /** Staff cancel with a reason; a resident cancels their own ticket with its tracking token. */
  cancel(who: Who, ticketId: string, input: { reason?: string | undefined; trackingToken?: string | undefined; note?: string | undefined }): Ticket {
    let actor: Principal;
    let reason = input.reason;
    if (input.trackingToken !== undefined) {
      const own = this.engine.store.tickets.byTrackingTokenHash(hashToken(input.trackingToken));
      if (!own || own.id !== ticketId) throw new DomainError('forbidden', 'That tracking token is not for this ticket');
      actor = { kind: 'resident', ticketId };
      reason ??= 'resident_request';
    } else {
      requireRole(who, 'clerk');
      actor = who!;
    }
    return this.ticketMove(actor, (ctx) => tickets.cancel(ctx, ticketId, reason, input.note));
  }

  openCounter(who: Who, counterId: string): Counter {
    requireRole(who, 'clerk');
    const staffId = who?.kind === 'staff' ? who.id : null;
    return this.engine.run(actorOf(who!), (ctx) => counters.openCounter(ctx, counterId, staffId));
  }

  pauseCounter(who: Who, counterId: string, reason: string | undefined, note?: string): Counter {
    requireRole(who, 'clerk');
    return this.engine.run(actorOf(who!), (ctx) => counters.pauseCounter(ctx, counterId, reason, note));
  }

  closeCounter(who: Who, counterId: string): Counter {
    requireRole(who, 'clerk');
    return this.engine.run(actorOf(who!), (ctx) => counters.closeCounter(ctx, counterId));
  }

  closeDay(who: Who): { businessDate: string; expired: number } {
    requireRole(who, 'supervisor');
    return this.engine.run(actorOf(who!), (ctx) => closeDay(ctx));
  }

  createCounter(who: Who, input: CounterCreate): Counter {
    requireRole(who, 'admin');
    return this.engine.run(actorOf(who!), (ctx) => counters.createCounter(ctx, input));
  }

  updateCounter(who: Who, id: string, patch: CounterPatch): Counter {
    requireRole(who, 'admin');
    return this.engine.run(actorOf(who!), (ctx) => counters.updateCounter(ctx, id, patch));
  }

  createService(who: Who, input: ServiceCreate): Service {
    requireRole(who, 'admin');
    return this.engine.run(actorOf(who!), (ctx) => services.createService(ctx, input));
  }

  updateService(who: Who, id: string, patch: ServicePatch): Service {
    requireRole(who, 'admin');
    return this.engine.run(actorOf(who!), (ctx) => services.updateService(ctx, id, patch));
  }

  updateOffice(who: Who, patch: OfficePatch): Office {
    // Opening or closing the issuing by hand is a supervisor's call; the rest is the admin's.
    const onlyIssuing = Object.keys(patch).every((k) => k === 'issuingMode');
    requireRole(who, onlyIssuing ? 'supervisor' : 'admin');
    return this.engine.run(actorOf(who!), (ctx) => updateOffice(ctx, patch));
  }

  private ticketMove(who: Principal, move: (ctx: Ctx) => StoredTicket): Ticket {
    return publicTicket(this.engine.run(actorOf(who), move));
  }
}
