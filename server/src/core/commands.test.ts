// The command bus is the one place where commands are authorised: checked here for every command
// of the registry, against every kind of principal, with nothing written when it refuses.
import { Value } from '@sinclair/typebox/value';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMAND_NAMES, COMMANDS, DomainError, type Access, type CommandName, type CommandPayload, type Role } from '@jiaohao/shared';
import { openDatabase, type Db } from '../db/database';
import { seedOffice } from '../seed/seed';
import { FakeClock, TEST_SETUP } from '../testing/fixtures';
import { buildCore, type Core } from '../wiring';
import type { Principal } from './principal';

let db: Db;
let core: Core;

beforeEach(() => {
  db = openDatabase(':memory:');
  core = buildCore(db, new FakeClock().fn, { scryptCost: 1024 });
  seedOffice(core.engine, TEST_SETUP);
});
afterEach(() => db.close());

const staff = (role: Role): Principal => ({ kind: 'staff', id: `no-such-${role}`, role });
const PRINCIPALS: Record<string, Principal> = {
  clerk: staff('clerk'),
  supervisor: staff('supervisor'),
  admin: staff('admin'),
  kiosk: { kind: 'device', id: 'k', deviceKind: 'kiosk' },
  display: { kind: 'device', id: 'd', deviceKind: 'display' },
  resident: { kind: 'resident', ticketId: 't' },
};
const RANK: Record<Role, number> = { clerk: 1, supervisor: 2, admin: 3 };

/** Whether `access` lets `p` in, written out independently of authorize(). */
function allowed(access: Access, p: Principal): boolean {
  if (p.kind === 'staff') return access.staff !== undefined && RANK[p.role] >= RANK[access.staff];
  if (p.kind === 'device') return (access.devices ?? []).includes(p.deviceKind);
  // A resident acts only with a tracking token in the payload, never as a logged-in principal.
  return false;
}

async function refusal(who: Principal | null, name: CommandName): Promise<string | null> {
  try {
    // The payload does not matter: authorisation comes before the command looks at it.
    await core.bus.execute(who, name, {} as CommandPayload<typeof name>);
    return null;
  } catch (err) {
    if (err instanceof DomainError) return err.code;
    throw err;
  }
}

describe('CommandBus authorisation, for every command of the registry', () => {
  it('refuses anyone without a principal (unauthenticated) and writes nothing', async () => {
    const before = core.store.events.count();
    for (const name of COMMAND_NAMES) expect([name, await refusal(null, name)]).toEqual([name, 'unauthenticated']);
    expect(core.store.events.count()).toBe(before);
  });

  it('refuses every principal the registry does not name (forbidden) and lets the others reach the command', async () => {
    let refusedCount = 0;
    for (const name of COMMAND_NAMES) {
      for (const [label, p] of Object.entries(PRINCIPALS)) {
        const before = core.store.events.count();
        const code = await refusal(p, name);
        if (allowed(COMMANDS[name].access, p)) {
          // Past the access check the empty payload is refused by its schema (or, with nothing to
          // give, like day:close, the command runs).
          expect([name, label, code]).toEqual([name, label, Value.Check(COMMANDS[name].payload, {}) ? null : 'validation_failed']);
        } else {
          expect([name, label, code]).toEqual([name, label, 'forbidden']);
          expect(core.store.events.count()).toBe(before);
          refusedCount++;
        }
      }
    }
    // The registry really restricts: most (command, principal) pairs are refused.
    expect(refusedCount).toBeGreaterThan(COMMAND_NAMES.length * 3);
  });

  it('a resident acts only with the tracking token of that very ticket', async () => {
    const kiosk = PRINCIPALS.kiosk!;
    const mine = core.bus.executeNow(kiosk, 'ticket:issue', { serviceId: 'reg' }).ticket;
    const other = core.bus.executeNow(kiosk, 'ticket:issue', { serviceId: 'reg' }).ticket;
    const wrong = () => core.bus.executeNow(null, 'ticket:cancel', { ticketId: other.id, trackingToken: mine.trackingToken! });
    expect(wrong).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(core.store.tickets.byId(other.id)?.state).toBe('waiting');
    const own = core.bus.executeNow(null, 'ticket:cancel', { ticketId: mine.id, trackingToken: mine.trackingToken! });
    expect(own.ticket.state).toBe('cancelled');
    expect(core.store.events.after(0).at(-1)).toMatchObject({ type: 'ticket:cancelled', actor: { kind: 'resident', id: mine.id }, reason: 'resident_request' });
  });

  it('a command with work before its transaction cannot be run synchronously by mistake', () => {
    expect(() => core.bus.executeNow(PRINCIPALS.admin!, 'staff:create', { username: 'x1', displayName: 'X', role: 'clerk', password: 'correct horse battery' })).toThrow(
      /before its transaction/,
    );
  });
});

describe('refusals say where', () => {
  it('a payload that does not fit is validation_failed with a { path, message } per problem, as over REST', () => {
    const admin = staff('admin');
    let caught: unknown;
    try {
      core.bus.executeNow(admin, 'service:update', { serviceId: 'reg', targetWaitMinutes: -1, sortOrder: 1e300 } as never);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(DomainError);
    const err = caught as DomainError;
    expect(err.code).toBe('validation_failed');
    const paths = (err.details as { path: string; message: string }[]).map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['/targetWaitMinutes', '/sortOrder']));
  });
});
