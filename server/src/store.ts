// All repositories over one database handle, and the engine built on them. The modules' commands
// receive this store in their Ctx (AppCtx); the engine in core/ knows it only as a type parameter.
import type { Db } from './db/database';
import { Engine, type Clock, type Ctx } from './core/engine';
import { EventsRepo, type RepairListener } from './modules/events/events.repo';
import { OfficeRepo } from './modules/office/office.repo';
import { ServicesRepo } from './modules/services/services.repo';
import { CountersRepo } from './modules/counters/counters.repo';
import { TicketsRepo } from './modules/tickets/tickets.repo';
import { StaffRepo } from './modules/auth/auth.repo';
import { DevicesRepo } from './modules/devices/devices.repo';
import { LoginsRepo } from './modules/auth/logins.repo';
import { AnnouncementsRepo } from './modules/announcements/announcements.repo';
import { AppointmentsRepo } from './modules/appointments/appointments.repo';

export class Store {
  readonly events: EventsRepo;
  readonly office: OfficeRepo;
  readonly services: ServicesRepo;
  readonly counters: CountersRepo;
  readonly tickets: TicketsRepo;
  readonly staff: StaffRepo;
  readonly devices: DevicesRepo;
  readonly logins: LoginsRepo;
  readonly announcements: AnnouncementsRepo;
  readonly appointments: AppointmentsRepo;

  constructor(
    readonly db: Db,
    onRepairedEvent?: RepairListener,
  ) {
    this.events = new EventsRepo(db, onRepairedEvent);
    this.office = new OfficeRepo(db);
    this.services = new ServicesRepo(db);
    this.counters = new CountersRepo(db);
    this.tickets = new TicketsRepo(db);
    this.staff = new StaffRepo(db);
    this.devices = new DevicesRepo(db);
    this.logins = new LoginsRepo(db);
    this.announcements = new AnnouncementsRepo(db);
    this.appointments = new AppointmentsRepo(db);
  }

  /** Drops in-memory caches after a rolled-back transaction. */
  forget(): void {
    this.office.forget();
    this.services.forget();
  }
}

/** What every module command receives. */
export type AppCtx = Ctx<Store>;
export type AppEngine = Engine<Store>;

export function storeEngine(store: Store, clock: Clock, onListenerError?: (err: unknown) => void): AppEngine {
  return new Engine(
    {
      store,
      log: store.events,
      transaction: (fn) => store.db.transaction(fn)(),
      timeZone: () => store.office.office()?.timeZone ?? 'Asia/Taipei',
      openedDate: () => store.office.businessDate(),
      forget: () => store.forget(),
    },
    clock,
    onListenerError,
  );
}
