// Setting a test office up through the API, as an admin and a kiosk would: staff accounts, a
// kiosk device, tickets. The browser then shows what the server really holds.
import type { Page } from 'playwright-core';
import { ADMIN, type TestServer } from './server';

export const STAFF_PASSWORD = 'e2e staff password';

export interface OfficeApi {
  /** POST/PATCH/GET as the admin (bearer token), failing the test on an error answer. */
  call<T>(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown, token?: string): Promise<T>;
  /** Creates a staff member; returns the username. */
  staff(role: 'clerk' | 'supervisor' | 'admin', username: string, displayName?: string): Promise<string>;
  /** Issues a ticket in the line as a kiosk; returns its number. */
  issue(serviceId: string, extra?: object): Promise<{ id: string; number: string }>;
  /** The office's lines, in their order. */
  services(): Promise<{ id: string; names: Record<string, string> }[]>;
}

export async function officeApi(server: TestServer): Promise<OfficeApi> {
  const request = async <T>(method: string, path: string, body: unknown, token: string | null): Promise<T> => {
    const res = await fetch(server.url(`/api/v1${path}`), {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  const { token: admin } = await request<{ token: string }>('POST', '/auth/login', ADMIN, null);
  const { token: kiosk } = await request<{ token: string }>('POST', '/devices', { kind: 'kiosk', name: 'e2e kiosk' }, admin);
  return {
    call: (method, path, body, token) => request(method, path, body, token ?? admin),
    async staff(role, username, displayName = username) {
      await request('POST', '/staff', { username, displayName, role, password: STAFF_PASSWORD }, admin);
      return username;
    },
    async issue(serviceId, extra = {}) {
      const { ticket } = await request<{ ticket: { id: string; number: string } }>('POST', '/tickets', { serviceId, ...extra }, kiosk);
      return ticket;
    },
    services: () => request('GET', '/services', undefined, admin),
  };
}

/** Signs in on the counter client's form and waits for the signed-in frame (the server's, or a proxy's: anything with url()). */
export async function signIn(page: Page, server: Pick<TestServer, 'url'>, username: string, password = STAFF_PASSWORD): Promise<void> {
  await page.goto(server.url('/counter/'));
  await page.getByLabel('帳號').fill(username);
  await page.getByLabel('密碼').fill(password);
  await page.getByRole('button', { name: '登入' }).click();
  await page.getByRole('button', { name: '登出' }).waitFor();
}

/** Chooses the counter on the picker and opens it, ready to call. */
export async function openCounter(page: Page, counterName: RegExp): Promise<void> {
  await page.getByRole('heading', { name: '選擇櫃台' }).waitFor();
  await page.getByRole('button', { name: counterName }).click();
  await page.getByRole('button', { name: '開啟櫃台' }).click();
  await page.getByText('櫃台已開啟').waitFor();
}

/** A resident's ticket as the issue answer gives it: with the tracking token of their e-ticket link. */
export interface IssuedWithToken {
  readonly id: string;
  readonly number: string;
  readonly trackingToken: string;
}

/** A kiosk of its own and a clerk at counter 2 (the demo office's ordinary counter serving every line), signed in and open. */
export interface FrontDesk {
  /** The kiosk's device token: residents' tickets come from the kiosk. */
  readonly kiosk: string;
  /** The clerk's session token. */
  readonly clerk: string;
}

export async function frontDesk(office: OfficeApi, name: string): Promise<FrontDesk> {
  const { token: kiosk } = await office.call<{ token: string }>('POST', '/devices', { kind: 'kiosk', name: `${name} kiosk` });
  const username = await office.staff('clerk', `${name}-clerk`);
  const { token: clerk } = await office.call<{ token: string }>('POST', '/auth/login', { username, password: STAFF_PASSWORD }, '');
  await office.call('POST', '/counters/counter-2/open', {}, clerk);
  return { kiosk, clerk };
}
