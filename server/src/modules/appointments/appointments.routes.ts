// Bookings over HTTP. Public (the /book pages on this server): what can be booked, the slots of a
// day, booking, and the holder's manage link (read, cancel) by its secret token; rate limited per
// address, never cached, open CORS on the reads only, the token kept out of the log (http/private-urls.ts). Staff:
// the same for a phone booking, a day's list, cancelling, the no-shows and the rules. Checking in
// and changing the rules are commands (http/commands.routes.ts: POST /appointments/check-in,
// PATCH /booking/settings).
import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from '@sinclair/typebox';
import { Appointment, BookBody, Booked, BookingOffer, BookingSettings, CalendarDate, Id, Slot, SlotsQuery } from '@jiaohao/shared';
import { errorResponses, rateLimit, type AppServices } from '../../http/context';
import { openToAnyOrigin } from '../public/public.routes';

const tags = ['appointments'];
const clerk = { staff: 'clerk' } as const;
const supervisor = { staff: 'supervisor' } as const;
const admin = { staff: 'admin' } as const;

/** The secret of a manage link (URL-safe base64, as the booking answer hands it out). */
const ManageToken = Type.String({ minLength: 16, maxLength: 64, pattern: '^[A-Za-z0-9_-]{16,64}$', description: "The manage link's token" });
const Slots = Type.Object({ slots: Type.Array(Slot) });
const Appointments = Type.Object({ appointments: Type.Array(Appointment) });
const NoShows = Type.Object({
  contacts: Type.Array(Type.Object({ contactHint: Type.String(), missed: Type.Integer({ minimum: 0 }), lastDate: CalendarDate })),
});

const publicErrors = { 400: errorResponses[400], 404: errorResponses[404], 409: errorResponses[409], 429: errorResponses[429] };

// Before the rate limit and validation, so a refusal is not cached either.
const noStore = async (_req: unknown, reply: FastifyReply) => {
  void reply.header('cache-control', 'no-store');
};

const BOOK_RULES =
  'Exactly one of `phone` (a Taiwanese number, written any way: 0912-345-678, +886 912 345 678) and `email`, else 400 validation_failed. ' +
  'One booking per person per day: the same number or address, however written, holding a booking that day (not cancelled) is 409 already_booked. ' +
  'A slot with no place left is 409 slot_full; a day or slot that cannot be booked now (too soon, past the cutoff, too far ahead, not a slot, bookings off) is 409 booking_closed. ' +
  'The answer holds the booking (its code for the kiosk, the contact partly hidden) and `manageToken`, the secret of the manage link /book/m/<token>, shown this once.';

export function appointmentsRoutes(s: AppServices): FastifyPluginAsyncTypebox {
  return async (app) => {
    const limited = { access: 'public' as const, ...rateLimit(s.config, s.config.publicPerMinute) };

    // The reads are open to any origin like the public feeds (no credentials; the manage view needs
    // its token); the writes are not, so another site's page cannot book or cancel from a script.
    await app.register(async (scope) => {
      openToAnyOrigin(scope);
      const open = scope.withTypeProvider<TypeBoxTypeProvider>();
      open.get(
        '/public/booking',
        {
          schema: {
            tags,
            summary: 'What can be booked: the bookable lines with their bookable dates, and the slot length, check-in and retention rules',
            security: [],
            response: { 200: BookingOffer, 429: errorResponses[429] },
          },
          config: limited,
          onRequest: noStore,
        },
        async () => s.appointments.offer(),
      );

      open.get(
        '/public/booking/slots',
        {
          schema: {
            tags,
            summary: "A line's slots on a day that can be booked now, with the places left (0: full); none on a day that cannot be booked",
            security: [],
            querystring: SlotsQuery,
            response: { 200: Slots, ...publicErrors },
          },
          config: limited,
          onRequest: noStore,
        },
        async (req) => s.appointments.slots(req.query),
      );

      open.get(
        '/public/appointments/:manageToken',
        {
          schema: {
            tags,
            summary: 'The booking of a manage link (its code for the kiosk, the slot, the state); 404 for an unknown token',
            security: [],
            params: Type.Object({ manageToken: ManageToken }),
            response: { 200: Appointment, ...publicErrors },
          },
          config: limited,
          onRequest: noStore,
        },
        async (req) => s.appointments.byManageToken(req.params.manageToken),
      );
    });

    app.post(
      '/public/appointments',
      {
        schema: { tags, summary: 'Book a slot (a resident on the booking page, no login)', description: BOOK_RULES, security: [], body: BookBody, response: { 201: Booked, ...publicErrors } },
        config: limited,
        onRequest: noStore,
      },
      async (req, reply) => reply.status(201).send(s.appointments.book(null, req.body)),
    );

    app.post(
      '/public/appointments/:manageToken/cancel',
      {
        schema: {
          tags,
          summary: 'The holder cancels the booking of a manage link (409 booking_not_active once cancelled, checked in or missed)',
          security: [],
          params: Type.Object({ manageToken: ManageToken }),
          response: { 200: Appointment, ...publicErrors },
        },
        config: limited,
        onRequest: noStore,
      },
      async (req) => s.appointments.cancelByToken(req.params.manageToken),
    );

    app.get(
      '/booking/offer',
      { schema: { tags, summary: 'What can be booked, as the public booking page sees it (clerk)', response: { 200: BookingOffer, ...errorResponses } }, config: { access: clerk }, onRequest: noStore },
      async () => s.appointments.offer(),
    );

    app.get(
      '/booking/slots',
      {
        schema: { tags, summary: "A line's bookable slots on a day, with the places left (clerk: a phone booking)", querystring: SlotsQuery, response: { 200: Slots, ...errorResponses } },
        config: { access: clerk },
        onRequest: noStore,
      },
      async (req) => s.appointments.slots(req.query),
    );

    app.post(
      '/appointments',
      {
        schema: { tags, summary: 'Book a slot for a resident on the phone (clerk; channel staff)', description: BOOK_RULES, body: BookBody, response: { 201: Booked, ...errorResponses } },
        config: { access: clerk },
        onRequest: noStore,
      },
      async (req, reply) => reply.status(201).send(s.appointments.book(req.principal, req.body)),
    );

    app.get(
      '/appointments',
      {
        schema: {
          tags,
          summary: "A day's bookings by slot, every state (clerk)",
          querystring: Type.Object({ date: CalendarDate }, { additionalProperties: false }),
          response: { 200: Appointments, ...errorResponses },
        },
        config: { access: clerk },
        onRequest: noStore,
      },
      async (req) => s.appointments.onDate(req.query.date),
    );

    app.post(
      '/appointments/:id/cancel',
      {
        schema: {
          tags,
          summary: 'Cancel a booking (clerk: the resident phoned); 409 booking_not_active when it is not booked',
          params: Type.Object({ id: Id }),
          response: { 200: Appointment, ...errorResponses },
        },
        config: { access: clerk },
        onRequest: noStore,
      },
      async (req) => {
        // The route's access check let a clerk or above through.
        return s.appointments.cancelById(req.principal!, req.params.id);
      },
    );

    app.get(
      '/appointments/no-shows',
      {
        schema: {
          tags,
          summary: 'Contacts (partly hidden) with at least `min` missed bookings within the retention period (supervisor)',
          // Query values are strings (no coercion at the edge).
          querystring: Type.Object({ min: Type.Optional(Type.String({ pattern: '^(100|[1-9][0-9]?)$', description: '1–100 (default 2)' })) }, { additionalProperties: false }),
          response: { 200: NoShows, ...errorResponses },
        },
        config: { access: supervisor },
        onRequest: noStore,
      },
      async (req) => s.appointments.noShows(Number(req.query.min ?? 2)),
    );

    app.get(
      '/booking/settings',
      { schema: { tags, summary: 'The booking rules (admin; PATCH changes them)', response: { 200: BookingSettings, ...errorResponses } }, config: { access: admin }, onRequest: noStore },
      async () => s.appointments.settings(),
    );
  };
}
