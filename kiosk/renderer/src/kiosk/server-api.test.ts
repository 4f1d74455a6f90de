import { describe, expect, it } from 'vitest';
import { ticket } from '@jiaohao/shared/testing';
import { httpServerApi } from './server-api';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('the kiosk’s requests over HTTP', () => {
  it('checks in with the device token and gives the answer as an ack', async () => {
    const seen: { url: string; init: RequestInit | undefined }[] = [];
    const result = { appointment: { code: 'K7Q4-M2PX', serviceId: 'appointment', at: '2024-05-06T02:30:00.000Z', state: 'checked_in' }, ticket: ticket(), ahead: 1, estimate: null, late: false };
    const api = httpServerApi('https://queue.example.tw', 'jhd_kiosk', (url, init) => {
      seen.push({ url: String(url), init });
      return Promise.resolve(json(200, result));
    });
    expect(await api.checkIn({ code: 'K7Q4M2PX', language: 'vi' })).toEqual({ ok: true, data: result });
    expect(seen[0]?.url).toBe('https://queue.example.tw/api/v1/appointments/check-in');
    expect(seen[0]?.init).toMatchObject({ method: 'POST', headers: { authorization: 'Bearer jhd_kiosk' }, body: '{"code":"K7Q4M2PX","language":"vi"}' });
  });

  it('passes the server’s refusal on, and makes a network failure or a strange answer no_answer', async () => {
    const refusal = { code: 'booking_not_active', message: 'Booking K7Q4-M2PX has already been checked in', details: { state: 'checked_in' } };
    const refusing = httpServerApi('', 't', () => Promise.resolve(json(409, { error: refusal })));
    expect(await refusing.checkIn({ code: 'K7Q4M2PX' })).toEqual({ ok: false, error: refusal });
    const down = httpServerApi('', 't', () => Promise.reject(new TypeError('Failed to fetch')));
    expect(await down.checkIn({ code: 'K7Q4M2PX' })).toMatchObject({ ok: false, error: { code: 'no_answer' } });
    const proxy = httpServerApi('', 't', () => Promise.resolve(new Response('<h1>Bad gateway</h1>', { status: 502 })));
    expect(await proxy.checkIn({ code: 'K7Q4M2PX' })).toMatchObject({ ok: false, error: { code: 'no_answer' } });
  });

  it('reads the office’s check-in rules and whether it offers check-in, or null when it cannot', async () => {
    const offer = { lines: [], checkIn: false, settings: { slotMinutes: 15, checkInEarlyMinutes: 20, lateMinutes: 10, retentionDays: 30 } };
    expect(await httpServerApi('', 't', () => Promise.resolve(json(200, offer))).rules()).toEqual({ checkInEarlyMinutes: 20, lateMinutes: 10, offered: false });
    expect(await httpServerApi('', 't', () => Promise.resolve(json(429, {}))).rules()).toBeNull();
    expect(await httpServerApi('', 't', () => Promise.reject(new TypeError('offline'))).rules()).toBeNull();
  });

  it('reads the estimates with the device token, or null when it cannot', async () => {
    const estimates = { household: { normal: { min: 10, max: 20 }, priority: { min: 0, max: 5 } } };
    const seen: RequestInit[] = [];
    const api = httpServerApi('https://queue.example.tw', 'jhd_kiosk', (url, init) => {
      expect(String(url)).toBe('https://queue.example.tw/api/v1/estimates');
      if (init) seen.push(init);
      return Promise.resolve(json(200, estimates));
    });
    expect(await api.estimates()).toEqual(estimates);
    expect(seen[0]).toMatchObject({ headers: { authorization: 'Bearer jhd_kiosk' } });
    expect(await httpServerApi('', 't', () => Promise.resolve(json(401, { error: { code: 'unauthenticated', message: 'no' } }))).estimates()).toBeNull();
    expect(await httpServerApi('', 't', () => Promise.reject(new TypeError('offline'))).estimates()).toBeNull();
  });
});
