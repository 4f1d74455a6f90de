// Request helpers for the HTTP route tests: requests go through Fastify's inject (no network).
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { bearerHeader, testApp, type TestApp } from './fixtures';

export type Method = 'GET' | 'POST' | 'PATCH';

/** Sends a request to `app`, as the bearer of `token` when given, with `payload` as the JSON body when given. */
export function send(app: FastifyInstance, method: Method, url: string, token?: string, payload?: object): Promise<LightMyRequestResponse> {
  return app.inject({ method, url, headers: token ? bearerHeader(token) : {}, ...(payload ? { payload } : {}) });
}

/** The code of a refusal, `{ error: { code, message } }`. */
export function errorCode(res: { json: () => unknown }): string {
  return (res.json() as { error: { code: string } }).error.code;
}

/** A fresh test office with a clerk's and a kiosk's token: where most route tests start. */
export async function officeWithClerkAndKiosk(): Promise<{ t: TestApp; clerk: string; kiosk: string }> {
  const t = await testApp();
  const clerk = await t.staffToken('clerk');
  const kiosk = t.deviceToken('kiosk');
  return { t, clerk, kiosk };
}
