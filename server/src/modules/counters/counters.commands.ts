// The counter commands of the registry.
import type { ModuleCommands } from '../../core/commands';
import type { Store } from '../../store';
import * as counters from './counters.service';

type CounterCommand = 'counter:open' | 'counter:pause' | 'counter:close' | 'counter:release' | 'counter:create' | 'counter:update';

export const counterCommands: ModuleCommands<Store, CounterCommand> = {
  'counter:open': (ctx, p) => ({ counter: counters.openCounter(ctx, p.counterId, ctx.principal.kind === 'staff' ? ctx.principal.id : null) }),
  'counter:pause': (ctx, p) => ({ counter: counters.pauseCounter(ctx, p.counterId, p.reason, p.note) }),
  'counter:close': (ctx, p) => ({ counter: counters.closeCounter(ctx, p.counterId) }),
  'counter:release': (ctx, p) => ({ counter: counters.releaseCounter(ctx, p.counterId) }),
  'counter:create': (ctx, p) => counters.createCounter(ctx, p),
  'counter:update': (ctx, { counterId, ...patch }) => counters.updateCounter(ctx, counterId, patch),
};
