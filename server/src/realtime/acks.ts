// What every namespace answers with besides its own results: an internal error without its detail,
// and forbidden for the messages a connection may not send.
import type { Socket } from 'socket.io';
import type { FastifyBaseLogger } from 'fastify';
import { DomainError, type AckFn, type ErrorBody } from '@jiaohao/shared';
import { storageError } from '../db/storage-errors';

export function toError(err: unknown, log: FastifyBaseLogger): ErrorBody {
  if (err instanceof DomainError) return err.toBody();
  // The same answer REST gives (http/errors.ts) to a full or read-only disk.
  const storage = storageError(err);
  if (storage) {
    log.error({ err }, `socket command failed: ${storage.code}`);
    return storage.toBody();
  }
  log.error({ err }, 'socket command failed');
  return { code: 'internal', message: 'Something went wrong on the server' };
}

/**
 * Answers every message this connection may not send (or that does not exist) with forbidden, so
 * a client never waits for its own timeout; messages without a callback are dropped.
 */
export function refuseTheRest(socket: Socket, allowed: ReadonlySet<string>, where: string): void {
  socket.onAny((name: unknown, ...args: unknown[]) => {
    if (typeof name === 'string' && allowed.has(name)) return;
    const ack = args.at(-1);
    if (typeof ack !== 'function') return;
    const shown = typeof name === 'string' ? name.slice(0, 60) : typeof name;
    (ack as AckFn<never>)({ ok: false, error: { code: 'forbidden', message: `${where} may not send "${shown}"` } });
  });
}
