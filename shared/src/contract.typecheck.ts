// Type tests of the command contract, checked by `tsc -b` only (never run, so they count as no test):
// each `@ts-expect-error` must stay an error, since an unused directive fails the build. So a
// loosened contract (a wrong payload, ack or audience) stops the build.
import { expectTypeOf } from 'vitest';
import type { Ack } from './errors';
import type { CommandPayload, CommandResult, DeviceCommandName, StaffCommandName } from './commands.registry';
import type { KioskClientToServer, StaffClientToServer, DisplayClientToServer, DisplayServerToClient, KioskServerToClient, StaffServerToClient } from './socket.events';
import type { Device, Ticket } from './domain.schemas';
import type { IssueTicketResult } from './commands.schemas';

/** Groups checks by name; the bodies are for the compiler and never run. */
const typeChecks = (_name: string, _body: () => void): void => undefined;

typeChecks('socket maps derived from the command registry', () => {
  typeChecks('give each command its payload and its ack', () => {
    expectTypeOf<StaffClientToServer['ticket:recall']>().parameter(0).toEqualTypeOf<{ ticketId: string }>();
    expectTypeOf<StaffClientToServer['ticket:recall']>().parameter(1).toEqualTypeOf<(ack: Ack<{ ticket: Ticket }>) => void>();
    expectTypeOf<KioskClientToServer['ticket:issue']>().parameter(1).toEqualTypeOf<(ack: Ack<IssueTicketResult>) => void>();
    expectTypeOf<CommandResult<'counter:call-next'>['reason']>().toExtend<string | null>();
  });

  typeChecks('give each audience only the commands it may send', () => {
    expectTypeOf<DeviceCommandName<'kiosk'>>().toEqualTypeOf<'ticket:issue' | 'appointment:check-in' | 'ticket:print-failed'>();
    expectTypeOf<DeviceCommandName<'display'>>().toBeNever();
    expectTypeOf<'staff:create'>().toExtend<StaffCommandName>();
    expectTypeOf<keyof DisplayClientToServer>().toEqualTypeOf<'snapshot:request'>();
    // @ts-expect-error a kiosk cannot finish a ticket
    expectTypeOf<KioskClientToServer['ticket:finish']>().toBeFunction();
  });

  typeChecks('refuse a wrong payload or a wrong ack at compile time', () => {
    const send = (_recall: StaffClientToServer['ticket:recall']) => undefined;
    // @ts-expect-error the payload of ticket:recall has ticketId, not counterId
    send((_p: { counterId: string }, _ack) => undefined);
    // @ts-expect-error the ack of ticket:recall carries a ticket, not a counter
    send((_p, ack: (a: Ack<{ counter: string }>) => void) => ack({ ok: true, data: { counter: 'c1' } }));
    const payload: CommandPayload<'ticket:transfer'> = { ticketId: 't1', serviceId: 'reg', reason: 'wrong_service' };
    expectTypeOf(payload.ticketId).toBeString();
    // @ts-expect-error unknown keys are not part of a payload
    const bad: CommandPayload<'counter:open'> = { counterId: 'c1', nonsense: 1 };
    void bad;
  });
});

typeChecks('a device, and only a device, is told about itself', () => {
  expectTypeOf<DisplayServerToClient['device:self']>().parameter(0).toEqualTypeOf<Device>();
  expectTypeOf<KioskServerToClient['device:self']>().parameter(0).toEqualTypeOf<Device>();
  // @ts-expect-error staff get no device:self
  expectTypeOf<StaffServerToClient['device:self']>().toBeFunction();
});
