// The office-wide commands of the registry: the office itself, the issuing switch and stops, the
// emergency closure, the queue policy.
import type { ModuleCommands } from '../../core/commands';
import type { Store } from '../../store';
import { emergencyClose, emergencyEnd, resumeIssuing, setIssuing, stopIssuing, updateOffice, updatePolicy } from './office.service';

type OfficeCommand =
  | 'office:update'
  | 'office:set-issuing'
  | 'issuing:stop'
  | 'issuing:resume'
  | 'office:emergency-close'
  | 'office:emergency-end'
  | 'policy:update';

export const officeCommands: ModuleCommands<Store, OfficeCommand> = {
  'office:update': (ctx, p) => updateOffice(ctx, p),
  'office:set-issuing': (ctx, p) => setIssuing(ctx, p.mode),
  'issuing:stop': (ctx, p) => stopIssuing(ctx, p),
  'issuing:resume': (ctx, p) => resumeIssuing(ctx, p.serviceId),
  'office:emergency-close': (ctx, p) => emergencyClose(ctx, p),
  'office:emergency-end': (ctx) => emergencyEnd(ctx),
  'policy:update': (ctx, p) => updatePolicy(ctx, p),
};
