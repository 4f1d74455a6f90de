// A worked business day for the report tests (JSON, CSV, ODS, PDF), played through the HTTP API
// on the fake clock: two clerks with Chinese names at counters 2 and 3, a no-show, a transfer and
// a rating. The figures it should give are computed by hand in reports.report.routes.test.ts.
import { expect } from 'vitest';
import { SYSTEM } from '../core/principal';
import { testApp, type TestApp } from './fixtures';
import { send } from './http';

const PASSWORD = 'correct horse battery staple';

export interface ReportDay {
  readonly t: TestApp;
  readonly supervisor: string;
  /** 王小明 at counter 2 (c2) and 李大華 at counter 3 (c3, certificates only). */
  readonly wang: string;
  readonly lee: string;
  readonly kiosk: string;
}

/**
 * Tuesday 2026-12-01 (Taipei). Issued by the kiosk: A reg 09:00, B reg 09:01, C cert 09:02, D reg 09:03.
 *
 *   A: called 09:10 at c2 by 王 (wait 10), started, finished 09:16 (handling 6)
 *   B: called 09:16 at c2 by 王 (wait 15), did not come (no-show)
 *   C: called 09:20 at c3 by 李 (wait 18), finished 09:22 (handling 2); rated 4
 *   D: called 09:22 at c2 by 王, started, transferred 09:23 to cert; called 09:25 at c3 by 李
 *      (wait 22 from issue), started, finished 09:30 (handling 5)
 *
 * The clock is left at 09:30.
 */
export async function reportDay(): Promise<ReportDay> {
  const t = await testApp();
  const staff = async (username: string, displayName: string, role: 'clerk' | 'supervisor') => {
    await t.services.bus.execute(SYSTEM, 'staff:create', { username, displayName, role, password: PASSWORD });
    return (await t.services.auth.login(username, PASSWORD, '127.0.0.1')).token;
  };
  const wang = await staff('wang', '王小明', 'clerk');
  const lee = await staff('lee', '李大華', 'clerk');
  const supervisor = await staff('chen', '陳主任', 'supervisor');
  const kiosk = t.deviceToken('kiosk');

  const post = async (token: string, url: string, body?: object) => {
    const res = await send(t.app, 'POST', url, token, body);
    expect(res.statusCode, `${url} ${res.body}`).toBe(url === '/api/v1/tickets' ? 201 : 200);
    return res.json<{ ticket: { id: string; trackingToken?: string } }>();
  };
  const ids: string[] = [];
  const tokens: string[] = [];
  for (const serviceId of ['reg', 'reg', 'cert', 'reg']) {
    const { ticket } = await post(kiosk, '/api/v1/tickets', { serviceId });
    ids.push(ticket.id);
    tokens.push(ticket.trackingToken ?? '');
    t.clock.minutes(1);
  }
  const [a, b, c, d] = ids as [string, string, string, string];
  await post(wang, '/api/v1/counters/c2/open');
  await post(lee, '/api/v1/counters/c3/open');
  const callAtC2 = (id: string) => post(wang, `/api/v1/tickets/${id}/call`, { counterId: 'c2', reason: 'resident_present' });
  const callNextAtC3 = async (expected: string) => expect((await post(lee, '/api/v1/counters/c3/call-next')).ticket?.id).toBe(expected);

  t.clock.set('2026-12-01T01:10:00.000Z');
  await callAtC2(a);
  await post(wang, `/api/v1/tickets/${a}/start`);
  t.clock.minutes(6); // 09:16
  await post(wang, `/api/v1/tickets/${a}/finish`);
  await callAtC2(b);
  await post(wang, `/api/v1/tickets/${b}/no-show`, { reason: 'left_office' });

  t.clock.minutes(4); // 09:20
  await callNextAtC3(c);
  await post(lee, `/api/v1/tickets/${c}/start`);
  t.clock.minutes(2); // 09:22
  await post(lee, `/api/v1/tickets/${c}/finish`);

  await callAtC2(d);
  await post(wang, `/api/v1/tickets/${d}/start`);
  t.clock.minutes(1); // 09:23
  await post(wang, `/api/v1/tickets/${d}/transfer`, { serviceId: 'cert', reason: 'other_service_needed' });
  t.clock.minutes(2); // 09:25
  await callNextAtC3(d);
  await post(lee, `/api/v1/tickets/${d}/start`);
  t.clock.minutes(5); // 09:30
  await post(lee, `/api/v1/tickets/${d}/finish`);

  const rated = await t.app.inject({ method: 'POST', url: `/api/v1/public/tickets/${tokens[2]}/rating`, payload: { score: 4 } });
  expect(rated.statusCode, rated.body).toBe(201);
  return { t, supervisor, wang, lee, kiosk };
}
