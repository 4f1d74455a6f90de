// All repositories over one database handle.
import type { Db } from '../db/database';
import { EventsRepo } from '../modules/events/events.repo';
import { OfficeRepo } from '../modules/office/office.repo';
import { ServicesRepo } from '../modules/services/services.repo';
import { CountersRepo } from '../modules/counters/counters.repo';
import { TicketsRepo } from '../modules/tickets/tickets.repo';
import { StaffRepo } from '../modules/auth/auth.repo';
import { DevicesRepo } from '../modules/devices/devices.repo';

export class Store {
  readonly events: EventsRepo;
  readonly office: OfficeRepo;
  readonly services: ServicesRepo;
  readonly counters: CountersRepo;
  readonly tickets: TicketsRepo;
  readonly staff: StaffRepo;
  readonly devices: DevicesRepo;

  constructor(readonly db: Db) {
    this.events = new EventsRepo(db);
    this.office = new OfficeRepo(db);
    this.services = new ServicesRepo(db);
    this.counters = new CountersRepo(db);
    this.tickets = new TicketsRepo(db);
    this.staff = new StaffRepo(db);
    this.devices = new DevicesRepo(db);
  }

  /** Drops in-memory caches after a rolled-back transaction. */
  forget(): void {
    this.office.forget();
    this.services.forget();
  }
}
