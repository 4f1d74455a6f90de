// The device commands of the registry.
import type { ModuleCommands } from '../../core/commands';
import type { Store } from '../../store';
import { createDevice, reportPrintFailure, updateDevice } from './devices.service';

export const deviceCommands: ModuleCommands<Store, 'device:create' | 'device:update' | 'ticket:print-failed'> = {
  'device:create': (ctx, p) => createDevice(ctx, p),
  'device:update': (ctx, p) => updateDevice(ctx, p),
  // A device's report about itself: kept with the devices, though it names a ticket.
  'ticket:print-failed': (ctx, p) => reportPrintFailure(ctx, p),
};
