// The service-line commands of the registry.
import type { ModuleCommands } from '../../core/commands';
import type { Store } from '../../store';
import { createService, updateService } from './services.service';

export const serviceCommands: ModuleCommands<Store, 'service:create' | 'service:update'> = {
  'service:create': (ctx, p) => createService(ctx, p),
  'service:update': (ctx, { serviceId, ...patch }) => updateService(ctx, serviceId, patch),
};
