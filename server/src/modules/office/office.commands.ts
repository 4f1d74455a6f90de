// The office-wide commands of the registry: the office itself, the issuing switch, the queue policy.
import type { ModuleCommands } from '../../core/commands';
import type { Store } from '../../store';
import { setIssuing, updateOffice, updatePolicy } from './office.service';

export const officeCommands: ModuleCommands<Store, 'office:update' | 'office:set-issuing' | 'policy:update'> = {
  'office:update': (ctx, p) => updateOffice(ctx, p),
  'office:set-issuing': (ctx, p) => setIssuing(ctx, p.mode),
  'policy:update': (ctx, p) => updatePolicy(ctx, p),
};
