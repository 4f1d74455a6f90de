import type { FastifyRequest } from 'fastify';
import type { RateLimitOptions } from '@fastify/rate-limit';
import type { Config } from '../config';
import type { Commands } from '../core/commands';
import type { Engine } from '../core/engine';
import type { AuthService } from '../modules/auth/auth.service';
import type { DevicesService } from '../modules/devices/devices.service';
import type { PublicFeed } from '../modules/public/public.service';

/** What the route and socket edges are given: services only, never the database. */
export interface AppServices {
  readonly config: Config;
  readonly engine: Engine;
  readonly commands: Commands;
  readonly auth: AuthService;
  readonly devices: DevicesService;
  readonly feed: PublicFeed;
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
