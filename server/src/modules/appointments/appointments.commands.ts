// The booking rules' command of the registry. Booking and cancelling are not commands (their rows
// hold personal data, which the append-only log must never carry); checking in is, in tickets/.
import type { ModuleCommands } from '../../core/commands';
import type { Store } from '../../store';
import { updateBooking } from './appointments.service';

export const appointmentCommands: ModuleCommands<Store, 'booking:update'> = {
  'booking:update': (ctx, p) => updateBooking(ctx, p),
};
