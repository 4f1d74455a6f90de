// The real transport: one namespace on the page's own origin. Staff pages authenticate with the
// browser's httpOnly session cookie (no token kept in the page); a device (a wall display, a kiosk)
// sends its device token in the handshake. Socket.IO reconnects by itself, with backoff, forever.
import { io } from 'socket.io-client';
import type { Audience } from '@jiaohao/shared/schemas';
import { NAMESPACES } from '@jiaohao/shared/schemas';
import type { Transport } from './store';

export interface SocketOptions {
  /** A device token; left out, the session cookie authenticates. */
  readonly token?: string;
}

export function namespaceSocket(audience: Audience, options: SocketOptions = {}): Transport {
  return io(NAMESPACES[audience], {
    autoConnect: false,
    withCredentials: true,
    transports: ['websocket', 'polling'],
    reconnectionDelay: 500,
    reconnectionDelayMax: 5_000,
    ...(options.token === undefined ? {} : { auth: { token: options.token } }),
  });
}
