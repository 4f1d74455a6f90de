import type { FastifyRequest } from 'fastify';
import type { RateLimitOptions } from '@fastify/rate-limit';
import type { Config } from '../config';
import type { CommandBus } from '../core/commands';
import type { Clock, EventsListener } from '../core/engine';
import type { Store } from '../store';
import type { Queries } from '../queries';
import type { AuthService } from '../modules/auth/auth.service';
import type { PublicFeed } from '../modules/public/public.service';
import type { AppointmentsService } from '../modules/appointments/appointments.service';

/** What the route and socket edges are given: the command bus and the queries, never the store. */
export interface AppServices {
  readonly config: Config;
  /** Every state change goes through here. */
  readonly bus: CommandBus<Store>;
  /** Every read. */
  readonly queries: Queries;
  readonly auth: AuthService;
  readonly feed: PublicFeed;
  /** Bookings: not commands (their rows hold personal data), each write its own transaction. */
  readonly appointments: AppointmentsService;
  /** The server's clock (a fake one in tests), for limits kept at the edges. */
  readonly clock: Clock;
  /** Committed events, in seq order (broadcasts). */
  onEvents(listener: EventsListener): () => void;
  /** Registers clean-up for long-lived responses (SSE) to run at shutdown; returns its removal. */
  onShutdown(fn: () => void): () => void;
}

/** Per-route rate limit, or none when limits are switched off (benchmarks on loopback). */
export function rateLimit(
  config: Config,
  max: number,
  keyGenerator?: (req: FastifyRequest) => string,
): { rateLimit?: RateLimitOptions } {
  if (config.rateLimits === 'off') return {};
  return { rateLimit: { max, timeWindow: '1 minute', ...(keyGenerator ? { keyGenerator } : {}) } };
}

export const errorResponses = {
  400: { $ref: 'ErrorResponse#' },
  401: { $ref: 'ErrorResponse#' },
  403: { $ref: 'ErrorResponse#' },
  404: { $ref: 'ErrorResponse#' },
  409: { $ref: 'ErrorResponse#' },
  429: { $ref: 'ErrorResponse#' },
} as const;
