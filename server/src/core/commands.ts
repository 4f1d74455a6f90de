// The command bus: every state change, whichever way it arrives (REST, socket, the app itself),
// is looked up here by name, authorised against the registry in shared/, and run as one
// transaction by its module's handler. The handler table is typed from the registry, so a handler
// that takes the wrong payload or returns the wrong result does not compile, and neither does a
// missing one.
import {
  COMMANDS,
  DomainError,
  type Access,
  type CommandName,
  type CommandPayload,
  type CommandResult,
} from '@jiaohao/shared';
import { Value } from '@sinclair/typebox/value';
import type { Ctx, Engine } from './engine';
import { authorize, SYSTEM, type Principal } from './principal';
import { SlidingWindow, type Limit } from './limits';

/** Per-caller rate limits of some commands (ticket:issue: people walk up at a human pace). */
export type CommandLimits = Partial<Record<CommandName, Limit>>;

/** A command that runs inside the transaction and nothing else (almost all of them). */
export type PlainCommand<S, K extends CommandName> = (ctx: Ctx<S>, payload: CommandPayload<K>) => CommandResult<K>;

/**
 * A command with slow work that must not hold the write transaction (hashing a password): `before`
 * runs first, outside it, and its result is handed to `run`, which is the transaction.
 */
export interface PreparedCommand<S, K extends CommandName> {
  before(payload: CommandPayload<K>): Promise<unknown>;
  // Method syntax on purpose: each handler names the type its own `before` returns.
  run(ctx: Ctx<S>, payload: CommandPayload<K>, prepared: unknown): CommandResult<K>;
}

export type CommandHandler<S, K extends CommandName> = PlainCommand<S, K> | PreparedCommand<S, K>;

/** One handler per command in the registry. */
export type CommandHandlers<S> = { readonly [K in CommandName]: CommandHandler<S, K> };
/** Some of them: what one module contributes. */
export type ModuleCommands<S, K extends CommandName> = { readonly [C in K]: CommandHandler<S, C> };

/** Turns a resident's tracking token into their principal, for commands that allow residents. */
export type ResidentResolver = (ticketId: string, trackingToken: string) => Principal | null;

export class CommandBus<S> {
  private readonly windows = new Map<CommandName, { limit: Limit; window: SlidingWindow }>();

  constructor(
    private readonly engine: Engine<S>,
    private readonly handlers: CommandHandlers<S>,
    private readonly resident: ResidentResolver,
    limits: CommandLimits = {},
  ) {
    for (const [name, limit] of Object.entries(limits) as [CommandName, Limit][]) this.windows.set(name, { limit, window: new SlidingWindow(limit) });
  }

  /** Runs a command; async only for commands with work before their transaction. */
  async execute<K extends CommandName>(who: Principal | null, name: K, payload: CommandPayload<K>): Promise<CommandResult<K>> {
    const principal = this.admit(who, name, payload);
    const handler = this.handlers[name] as CommandHandler<S, K>;
    if (typeof handler === 'function') return this.engine.run(principal, (ctx) => handler(ctx, payload));
    const prepared = await handler.before(payload);
    return this.engine.run(principal, (ctx) => handler.run(ctx, payload, prepared));
  }

  /** The same, synchronously, for commands without a `before` step (tests, the property test). */
  executeNow<K extends CommandName>(who: Principal | null, name: K, payload: CommandPayload<K>): CommandResult<K> {
    const principal = this.admit(who, name, payload);
    const handler = this.handlers[name] as CommandHandler<S, K>;
    if (typeof handler !== 'function') throw new Error(`${name} does work before its transaction; use execute()`);
    return this.engine.run(principal, (ctx) => handler(ctx, payload));
  }

  /** Runs only the hooks every command runs first (the day roll-over), as the server itself. */
  tick(system: Principal): void {
    this.engine.run(system, () => undefined);
  }

  /**
   * Who runs the command, once they may and the payload fits the command's schema. The edges
   * validate too (with their own error details); this makes every caller safe, the app's own included.
   */
  private admit<K extends CommandName>(who: Principal | null, name: K, payload: CommandPayload<K>): Principal {
    const principal = this.authorize(who, name, payload);
    const schema = COMMANDS[name].payload;
    if (!Value.Check(schema, payload)) {
      // The same details as a REST refusal ({ path, message } per problem), so a form can put
      // each beside its field whichever way the command came.
      const details = [...Value.Errors(schema, payload)].slice(0, 10).map((e) => ({ path: e.path, message: e.message }));
      const first = details[0];
      throw new DomainError('validation_failed', `${first?.path || 'payload'}: ${first?.message ?? 'invalid'}`, details);
    }
    this.limit(principal, name);
    return principal;
  }

  /**
   * Refuses a caller that runs a limited command faster than its limit, and tells the supervisors
   * (an `alert:raised` event) at the first refusal of each burst: a stuck button or a script must
   * not empty a line's number range, and someone should go and look at that kiosk.
   */
  private limit(principal: Principal, name: CommandName): void {
    const limited = this.windows.get(name);
    if (!limited || (principal.kind !== 'staff' && principal.kind !== 'device')) return;
    const verdict = limited.window.take(`${principal.kind}:${principal.id}`, this.engine.clock());
    if (verdict.ok) return;
    if (verdict.first) {
      const by = { kind: principal.kind, id: principal.id };
      const alert = { kind: 'command_rate' as const, command: name, by, count: verdict.count, windowSeconds: Math.round(limited.limit.windowMs / 1000) };
      this.engine.run(SYSTEM, (ctx) => ctx.emit({ type: 'alert:raised', data: { alert } }));
    }
    const seconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
    throw new DomainError('rate_limited', `Too many ${name} from this ${principal.kind === 'device' ? 'device' : 'account'}; try again in ${seconds} s`, {
      retryAfterSeconds: seconds,
    });
  }

  private authorize<K extends CommandName>(who: Principal | null, name: K, payload: CommandPayload<K>): Principal {
    const access: Access = COMMANDS[name].access;
    // A tracking token in the payload means the resident acts, whoever else is logged in.
    // Read before validation (who asks decides what they may send): only string fields of an object.
    const fields = (typeof payload === 'object' && payload !== null ? payload : {}) as { trackingToken?: unknown; ticketId?: unknown };
    const token = access.resident && typeof fields.trackingToken === 'string' ? fields.trackingToken : undefined;
    if (token !== undefined) {
      const ticketId = typeof fields.ticketId === 'string' ? fields.ticketId : '';
      const resident = this.resident(ticketId, token);
      if (!resident) throw new DomainError('forbidden', 'That tracking token is not for this ticket');
      return resident;
    }
    return authorize(who, access);
  }
}
