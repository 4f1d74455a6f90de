// A fake of the server's public booking API as `fetch` sees it, for the pages' tests: the office,
// the offer, each day's slots, booking (with the server's refusals on demand), a booking by its
// manage token and cancelling it. Test code only (no page imports it).
import type { Appointment, BookBody, BookingOffer, PublicStatus, Slot } from '@jiaohao/shared/schemas';

export const MANAGE_TOKEN = 'mt_ABCDEFGHIJKLMNOPQRSTUVWX';

export const OFFER: BookingOffer = {
  checkIn: true,
  lines: [
    { serviceId: 'appointment', dates: ['2026-12-02', '2026-12-03'] },
    { serviceId: 'marriage', dates: ['2026-12-02', '2026-12-05'] },
    // A line with no day left is not offered.
    { serviceId: 'passport', dates: [] },
  ],
  settings: { slotMinutes: 15, checkInEarlyMinutes: 30, lateMinutes: 15, retentionDays: 30 },
};

/** The part of GET /public/status the pages read. */
export const STATUS = {
  office: { id: 'taichung-north', names: { 'zh-TW': '臺中市北區戶政事務所', en: 'Taichung North District Household Registration Office' }, timeZone: 'Asia/Taipei' },
  services: [
    { id: 'household', names: { 'zh-TW': '戶籍登記', en: 'Household registration' } },
    { id: 'appointment', names: { 'zh-TW': '預約服務', en: 'Appointments' } },
    { id: 'marriage', names: { 'zh-TW': '結婚登記', en: 'Marriage registration' } },
  ],
} as unknown as PublicStatus;

export const SLOTS: Slot[] = [
  { start: '09:00', at: '2026-12-02T01:00:00.000Z', left: 2 },
  { start: '09:15', at: '2026-12-02T01:15:00.000Z', left: 0 },
  { start: '09:30', at: '2026-12-02T01:30:00.000Z', left: 1 },
];

export function appointment(over: Partial<Appointment> = {}): Appointment {
  return {
    id: 'apt-1',
    code: 'K7Q4M2PX',
    serviceId: 'appointment',
    date: '2026-12-02',
    start: '09:30',
    at: '2026-12-02T01:30:00.000Z',
    name: '王小明',
    contactHint: '0912-***-678',
    language: 'zh-TW',
    channel: 'web',
    state: 'booked',
    createdAt: '2026-12-01T01:00:00.000Z',
    ticketId: null,
    ...over,
  };
}

export interface Call {
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
  readonly credentials: RequestCredentials | undefined;
}

export interface FakeServer {
  readonly fetch: typeof fetch;
  readonly calls: Call[];
  /** Calls to `method path` (path without the query). */
  count(method: string, path: string): number;
  /** What the next booking answers: booked (default), a refusal code with its status, or no network. */
  bookAnswer: { status: number; code?: string } | 'offline' | null;
  /** What cancelling answers: the booking cancelled (default), or a refusal. */
  cancelAnswer: { status: number; code: string } | null;
  offer: BookingOffer;
  slots: Slot[];
  /** The booking the manage token opens; null: 404. */
  booking: Appointment | null;
  /** The offer and status answer 503 (the page says it cannot reach the office). */
  down: boolean;
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const error = (status: number, code: string) => json(status, { error: { code, message: `server says ${code}` } });

export function fakeServer(): FakeServer {
  const server: FakeServer = {
    calls: [],
    count: (method, path) => server.calls.filter((c) => c.method === method && c.path === path).length,
    bookAnswer: null,
    cancelAnswer: null,
    offer: OFFER,
    slots: SLOTS,
    booking: appointment(),
    down: false,
    fetch: async (input, init) => {
      const url = new URL(String(input), 'http://office.test');
      const method = init?.method ?? 'GET';
      const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
      server.calls.push({ method, path: url.pathname, body, credentials: init?.credentials });
      const route = `${method} ${url.pathname}`;
      if (route === 'POST /api/v1/public/appointments' && server.bookAnswer === 'offline') throw new TypeError('Failed to fetch');
      if (server.down && method === 'GET') return error(503, 'unavailable');
      const manage = `/api/v1/public/appointments/${MANAGE_TOKEN}`;
      switch (route) {
        case 'GET /api/v1/public/status':
          return json(200, STATUS);
        case 'GET /api/v1/public/booking':
          return json(200, server.offer);
        case 'GET /api/v1/public/booking/slots':
          return json(200, { slots: server.slots });
        case 'POST /api/v1/public/appointments': {
          const answer = server.bookAnswer;
          if (answer && answer !== 'offline') return error(answer.status, answer.code ?? 'validation_failed');
          const b = body as BookBody;
          const made = appointment({ serviceId: b.serviceId, date: b.date, start: b.start, name: b.name, language: b.language ?? 'zh-TW' });
          server.booking = made;
          return json(201, { appointment: made, manageToken: MANAGE_TOKEN });
        }
        case `GET ${manage}`:
          return server.booking ? json(200, server.booking) : error(404, 'not_found');
        case `POST ${manage}/cancel`: {
          if (server.cancelAnswer) return error(server.cancelAnswer.status, server.cancelAnswer.code);
          if (!server.booking) return error(404, 'not_found');
          server.booking = { ...server.booking, state: 'cancelled' };
          return json(200, server.booking);
        }
        default:
          return error(404, 'not_found');
      }
    },
  };
  return server;
}
