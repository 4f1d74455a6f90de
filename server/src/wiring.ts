// The office core without HTTP: store, engine (with the day roll-over), every module's commands
// behind one bus, and the queries. buildApp puts the edges around it; the property test and the
// engine tests use it as it is.
import type { Db } from './db/database';
import { Store, storeEngine, type AppEngine } from './store';
import type { Clock } from './core/engine';
import { CommandBus, type CommandHandlers, type CommandLimits } from './core/commands';
import { buildQueries, type Queries } from './queries';
import type { RepairListener } from './modules/events/events.repo';
import { staffCommands } from './modules/auth/auth.commands';
import { ticketCommands } from './modules/tickets/tickets.commands';
import { counterCommands } from './modules/counters/counters.commands';
import { serviceCommands } from './modules/services/services.commands';
import { officeCommands } from './modules/office/office.commands';
import { deviceCommands } from './modules/devices/devices.commands';
import { announcementCommands } from './modules/announcements/announcements.commands';
import { appointmentCommands } from './modules/appointments/appointments.commands';
import { holdsTicket } from './modules/tickets/tickets.queries';
import { rollDay } from './modules/tickets/day.service';
import { AuditTrail, type AuditParts } from './modules/audit/audit.service';

export interface Core {
  readonly store: Store;
  readonly engine: AppEngine;
  readonly bus: CommandBus<Store>;
  readonly queries: Queries;
  /** The audit check and its anchors (the app starts the anchor timer). */
  readonly audit: AuditTrail;
}

export interface CoreOptions {
  readonly scryptCost: number;
  readonly onListenerError?: (err: unknown) => void;
  readonly onRepairedEvent?: RepairListener;
  /** The audit key and anchor file; in memory when not given. */
  readonly audit?: AuditParts;
  /** Per-caller limits of commands (none by default: tests and the property test run unlimited). */
  readonly limits?: CommandLimits;
}

export function buildCore(db: Db, clock: Clock, options: CoreOptions): Core {
  const store = new Store(db, options.onRepairedEvent);
  const engine = storeEngine(store, clock, options.onListenerError);
  // A new business date starts by itself, at the first command of the day.
  engine.beforeEachCommand(rollDay);
  // Every command of the registry, each from the module that owns it; a missing one does not compile.
  const handlers: CommandHandlers<Store> = {
    ...ticketCommands,
    ...counterCommands,
    ...serviceCommands,
    ...officeCommands,
    ...staffCommands(options.scryptCost),
    ...deviceCommands,
    ...announcementCommands,
    ...appointmentCommands,
  };
  const bus = new CommandBus(engine, handlers, (ticketId, token) => (holdsTicket(store, ticketId, token) ? { kind: 'resident', ticketId } : null), options.limits);
  const audit = new AuditTrail(store, clock, options.audit);
  // A day that closes or rolls over is anchored as soon as it commits.
  engine.onEvents((events) => audit.onEvents(events));
  return { store, engine, bus, queries: buildQueries(store, clock, audit), audit };
}
