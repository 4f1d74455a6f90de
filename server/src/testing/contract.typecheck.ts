// Type tests of the server side of the contract, checked by `tsc -b` only (never run, so they count
// as no test): each `@ts-expect-error` must stay an error, since an unused directive fails the
// build. They prove that a wrongly typed handler, event or ack does not compile.
import { expectTypeOf } from 'vitest';

import type { AckFn, CommandResult, StaffClientToServer } from '@jiaohao/shared';
import type { CommandHandlers, ModuleCommands } from '../core/commands';
import type { Ctx, EmitInput } from '../core/engine';
import type { Store } from '../store';
import { ticketCommands } from '../modules/tickets/tickets.commands';

/** Groups checks by name; the bodies are for the compiler and never run. */
const typeChecks = (_name: string, _body: () => void): void => undefined;

type AppHandlers = CommandHandlers<Store>;

typeChecks('command handlers are typed from the registry', () => {
  typeChecks('a handler gets its command payload and must return its command result', () => {
    expectTypeOf<Parameters<Extract<AppHandlers['ticket:recall'], (...a: never[]) => unknown>>[1]>().toEqualTypeOf<{ ticketId: string }>();
    expectTypeOf<ReturnType<Extract<AppHandlers['counter:call-next'], (...a: never[]) => unknown>>>().toEqualTypeOf<CommandResult<'counter:call-next'>>();

    const wrongResult: ModuleCommands<Store, 'ticket:recall'> = {
      // @ts-expect-error ticket:recall answers { ticket }, not a counter
      'ticket:recall': () => ({ counter: null }),
    };
    const wrongPayload: ModuleCommands<Store, 'counter:open'> = {
      // @ts-expect-error counter:open's payload has counterId, not ticketId
      'counter:open': (_ctx: Ctx<Store>, p: { ticketId: string }) => ({ counter: p as never }),
    };
    // @ts-expect-error a handler table without every command of the registry does not compile
    const incomplete: AppHandlers = { ...ticketCommands };
    void wrongResult;
    void wrongPayload;
    void incomplete;
  });

  typeChecks('a socket ack carries the result of its own command only', () => {
    expectTypeOf<Parameters<StaffClientToServer['counter:open']>[1]>().toEqualTypeOf<AckFn<CommandResult<'counter:open'>>>();
    const ack: AckFn<CommandResult<'ticket:finish'>> = () => undefined;
    // @ts-expect-error the finish ack carries { ticket }, not { counter }
    ack({ ok: true, data: { counter: null } });
    ack({ ok: false, error: { code: 'invalid_transition', message: 'A waiting ticket cannot be finished' } });
    // @ts-expect-error error codes come from the closed list
    ack({ ok: false, error: { code: 'teapot', message: 'no' } });
  });
});

typeChecks('appending events is typed by event type', () => {
  typeChecks('the data must be the data of that event type', () => {
    const emit = (_input: EmitInput) => undefined;
    emit({ type: 'day:started', data: { businessDate: '2026-12-01' } });
    // @ts-expect-error ticket:called carries ticket, counter and pickReason, not nonsense
    emit({ type: 'ticket:called', data: { nonsense: 1 } });
    // @ts-expect-error an unknown event type
    emit({ type: 'ticket:teleported', data: {} });
    // @ts-expect-error staff:changed names no staff member by name
    emit({ type: 'staff:changed', data: { staff: { id: 's1', role: 'clerk', active: true, displayName: 'Chen' } } });
  });
});
