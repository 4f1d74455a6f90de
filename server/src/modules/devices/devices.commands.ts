// The device commands of the registry.
import type { ModuleCommands } from '../../core/commands';
import type { Store } from '../../store';
import { createDevice, updateDevice } from './devices.service';

export const deviceCommands: ModuleCommands<Store, 'device:create' | 'device:update'> = {
  'device:create': (ctx, p) => createDevice(ctx, p),
  'device:update': (ctx, p) => updateDevice(ctx, p),
};
