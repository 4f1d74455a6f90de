// Seeds an empty database with the demo office, through the same commands an admin would use, so
// the setup is in the event log like any other change.
import type { AppEngine } from '../store';
import { SYSTEM } from '../core/principal';
import { createService } from '../modules/services/services.service';
import { createCounter } from '../modules/counters/counters.service';
import { updateBooking } from '../modules/appointments/appointments.service';
import { DEMO_BOOKING, DEMO_COUNTERS, DEMO_OFFICE, DEMO_SERVICES } from './demo-office';
import type { BookingSettings, CounterCreate, Office, ServiceCreate } from '@jiaohao/shared';

export interface OfficeSetup {
  readonly office: Office;
  readonly services: readonly ServiceCreate[];
  readonly counters: readonly CounterCreate[];
  /** The booking rules; without them, the defaults with no line bookable. */
  readonly booking?: BookingSettings;
}

export const DEMO_SETUP: OfficeSetup = { office: DEMO_OFFICE, services: DEMO_SERVICES, counters: DEMO_COUNTERS, booking: DEMO_BOOKING };

/** Sets up the office when the database has none; returns whether it did. */
export function seedOffice(engine: AppEngine, setup: OfficeSetup = DEMO_SETUP): boolean {
  if (engine.store.office.office()) return false;
  engine.run(SYSTEM, (ctx) => {
    ctx.store.office.saveOffice(setup.office);
    ctx.emit({ type: 'office:updated', data: { office: setup.office } });
    for (const s of setup.services) createService(ctx, s);
    for (const c of setup.counters) createCounter(ctx, c);
    if (setup.booking) updateBooking(ctx, setup.booking);
  });
  return true;
}
