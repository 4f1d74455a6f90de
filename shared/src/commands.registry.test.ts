import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, COMMANDS, deviceCommandNames, pathParams, staffCommandNames } from './commands.registry';

describe('the command registry', () => {
  it('names each command domain:verb and gives each its own REST route', () => {
    for (const name of COMMAND_NAMES) expect(name).toMatch(/^[a-z]+:[a-z-]+$/);
    const routes = COMMAND_NAMES.map((n) => `${COMMANDS[n].http.method} ${COMMANDS[n].http.path.replace(/:[A-Za-z]+/g, ':')}`);
    expect(new Set(routes).size).toBe(routes.length);
  });

  it('takes every path parameter from the payload, where it is required', () => {
    for (const name of COMMAND_NAMES) {
      const { payload, http } = COMMANDS[name];
      for (const param of pathParams(http.path)) {
        expect([name, param, param in payload.properties, ((payload.required ?? []) as readonly string[]).includes(param)]).toEqual([name, param, true, true]);
      }
    }
  });

  it('pathParams reads the names after each colon', () => {
    expect(pathParams('/tickets/:ticketId/call')).toEqual(['ticketId']);
    expect(pathParams('/a/:one/b/:two')).toEqual(['one', 'two']);
    expect(pathParams('/tickets')).toEqual([]);
  });

  it('lets a kiosk issue, check a booking in and report a failed print only, a display nothing, and staff every other command (by role)', () => {
    expect(deviceCommandNames('kiosk')).toEqual(['ticket:issue', 'appointment:check-in', 'ticket:print-failed']);
    expect(deviceCommandNames('display')).toEqual([]);
    expect(staffCommandNames()).toEqual(COMMAND_NAMES.filter((n) => n !== 'ticket:print-failed'));
    expect(COMMANDS['ticket:print-failed'].access).toEqual({ devices: ['kiosk'] });
    expect(COMMANDS['day:close'].access).toEqual({ staff: 'supervisor' });
    expect(COMMANDS['ticket:cancel'].access).toEqual({ staff: 'clerk', resident: true });
    expect(COMMANDS['appointment:check-in'].access).toEqual({ staff: 'clerk', devices: ['kiosk'] });
    expect(COMMANDS['booking:update'].access).toEqual({ staff: 'admin' });
  });
});
