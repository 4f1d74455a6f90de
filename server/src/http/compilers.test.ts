import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { COMMANDS, type CallNextResult } from '@jiaohao/shared';
import { send, officeWithClerkAndKiosk } from '../testing';
import { serializerSchema } from './compilers';

/** Every `anyOf` left in a schema, with where it is. */
function anyOfs(schema: unknown, path = '$'): { path: string; items: Record<string, unknown>[] }[] {
  if (Array.isArray(schema)) return schema.flatMap((s, i) => anyOfs(s, `${path}[${i}]`));
  if (typeof schema !== 'object' || schema === null) return [];
  const o = schema as Record<string, unknown>;
  const here = Array.isArray(o.anyOf) ? [{ path, items: o.anyOf as Record<string, unknown>[] }] : [];
  return [...here, ...Object.entries(o).flatMap(([k, v]) => anyOfs(v, `${path}.${k}`))];
}

describe('the schemas responses are serialized with', () => {
  it('write T | null as T, nullable, and a union of one type’s literals as an enum, keeping the rest', () => {
    const schema = Type.Object({
      calledAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'when' }),
      kind: Type.Union([Type.Literal('walk_in'), Type.Literal('priority'), Type.Literal('appointment')]),
      outcome: Type.Union([Type.Literal('served'), Type.Literal('no_show'), Type.Null()]),
      counter: Type.Union([Type.Object({ id: Type.String() }), Type.Null()]),
      either: Type.Union([Type.Object({ a: Type.String() }), Type.Object({ b: Type.Integer() })]),
      mixed: Type.Union([Type.Literal('x'), Type.Literal(1)]),
      reason: Type.Union([Type.Union([Type.Literal('in_turn'), Type.Literal('priority_counter')]), Type.Null()]),
      only: Type.Union([Type.Literal('x'), Type.Null()]),
    });
    const out = JSON.parse(JSON.stringify(serializerSchema(schema))) as { properties: Record<string, Record<string, unknown>> };
    expect(out.properties.calledAt).toEqual({ type: 'string', format: 'date-time', nullable: true, description: 'when' });
    expect(out.properties.kind).toEqual({ type: 'string', enum: ['walk_in', 'priority', 'appointment'] });
    expect(out.properties.outcome).toEqual({ type: 'string', enum: ['served', 'no_show', null], nullable: true });
    // Null in the enum too: the unions kept are told apart by Ajv, which holds a nullable enum to it.
    expect(out.properties.reason).toEqual({ type: 'string', enum: ['in_turn', 'priority_counter', null], nullable: true });
    expect(out.properties.only).toEqual({ type: 'string', enum: ['x', null], nullable: true });
    expect(out.properties.counter).toMatchObject({ type: 'object', nullable: true, properties: { id: { type: 'string' } } });
    // Unions of objects, and of literals of different types, stay as they were.
    expect(out.properties.either!.anyOf).toHaveLength(2);
    expect(out.properties.mixed!.anyOf).toHaveLength(2);
    // The original is untouched: requests are validated against it.
    expect(schema.properties.calledAt.anyOf).toHaveLength(2);
  });

  it('leave no T | null or literal union in any command’s result', () => {
    const left = Object.entries(COMMANDS).flatMap(([name, c]) =>
      anyOfs(serializerSchema(c.result))
        .filter(({ items }) => items.filter((x) => x.type !== 'null').length === 1 || items.every((x) => x.type === 'null' || 'const' in x))
        .map(({ path }) => `${name} ${path}`),
    );
    expect(left).toEqual([]);
  });

  it('serialize a real answer as the command gave it: call-next with a ticket, then with nobody waiting', async () => {
    const { t, clerk, kiosk } = await officeWithClerkAndKiosk();
    try {
      expect((await send(t.app, 'POST', '/api/v1/counters/c2/open', clerk)).statusCode).toBe(200);
      expect((await send(t.app, 'POST', '/api/v1/tickets', kiosk, { serviceId: 'reg' })).statusCode).toBe(201);
      const called = await send(t.app, 'POST', '/api/v1/counters/c2/call-next', clerk);
      expect(called.statusCode).toBe(200);
      const body = called.json<CallNextResult>();
      expect(body.ticket).not.toBeNull();
      // As the store has it: the nulls as nulls, the kind and status as their literals.
      const stored = t.services.queries.ticket(body.ticket!.id);
      expect(body.ticket).toEqual(JSON.parse(JSON.stringify(stored)));
      expect(body.ticket).toMatchObject({ state: 'called', class: 'normal', counterId: 'c2', startedAt: null, endedAt: null, appointmentAt: null });

      const finished = await send(t.app, 'POST', `/api/v1/tickets/${body.ticket!.id}/finish`, clerk);
      expect(finished.statusCode).toBe(409);
      expect((await send(t.app, 'POST', `/api/v1/tickets/${body.ticket!.id}/start`, clerk)).statusCode).toBe(200);
      expect((await send(t.app, 'POST', `/api/v1/tickets/${body.ticket!.id}/finish`, clerk)).statusCode).toBe(200);
      const none = await send(t.app, 'POST', '/api/v1/counters/c2/call-next', clerk);
      expect(none.statusCode).toBe(200);
      expect(none.json<CallNextResult>().ticket).toBeNull();
    } finally {
      await t.app.close();
    }
  });

  it('serialize a day of every kind of move as the log holds it: the events feed and the snapshot', async () => {
    const { t, clerk, kiosk } = await officeWithClerkAndKiosk();
    try {
      const post = async (url: string, body?: object, token = clerk) => {
        const res = await send(t.app, 'POST', `/api/v1${url}`, token, body);
        expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
        return res.json<{ ticket: { id: string } }>();
      };
      await post('/counters/c2/open');
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) ids.push((await post('/tickets', { serviceId: i % 2 ? 'cert' : 'reg' }, kiosk)).ticket.id);
      const a = (await post('/counters/c2/call-next')).ticket.id;
      await post(`/tickets/${a}/recall`);
      await post(`/tickets/${a}/no-show`, { reason: 'left_office', note: 'called three times' });
      await post(`/tickets/${a}/requeue`, { reason: 'resident_returned' });
      const b = (await post(`/tickets/${ids[3]}/call`, { counterId: 'c2', reason: 'resident_present' })).ticket.id;
      await post(`/tickets/${b}/start`);
      await post(`/tickets/${b}/transfer`, { reason: 'other_service_needed', serviceId: 'reg' });
      await post(`/tickets/${ids[4]}/cancel`, { reason: 'duplicate_ticket' });
      const c = (await post('/counters/c2/call-next')).ticket.id;
      await post(`/tickets/${c}/start`);
      await post(`/tickets/${c}/finish`);
      await post('/counters/c2/pause', { reason: 'meal', note: 'lunch' });

      const feed = await send(t.app, 'GET', '/api/v1/events?after=0&limit=1000', t.adminToken);
      expect(feed.statusCode, feed.body).toBe(200);
      const stored = t.services.queries.eventsAfter(0, 1000);
      expect([...new Set(stored.events.map((e) => e.type))]).toEqual(
        expect.arrayContaining(['ticket:issued', 'ticket:called', 'ticket:recalled', 'ticket:missed', 'ticket:requeued', 'ticket:transferred', 'ticket:cancelled', 'ticket:started', 'ticket:finished', 'counter:opened', 'counter:paused', 'staff:changed', 'device:changed', 'office:updated']),
      );
      expect(feed.json()).toEqual(JSON.parse(JSON.stringify(stored)));

      const snapshot = await send(t.app, 'GET', '/api/v1/snapshot', t.adminToken);
      expect(snapshot.statusCode, snapshot.body).toBe(200);
      expect(snapshot.json()).toEqual(JSON.parse(JSON.stringify(t.services.queries.snapshot())));
    } finally {
      await t.app.close();
    }
  });
});
