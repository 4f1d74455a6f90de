// The real transport: the /staff namespace on the page's own origin. The browser's httpOnly
// session cookie authenticates the handshake; no token is ever kept in the page.
import { io } from 'socket.io-client';
import { NAMESPACES } from '@jiaohao/shared/schemas';
import type { Transport } from './store';

export function staffSocket(): Transport {
  return io(NAMESPACES.staff, {
    autoConnect: false,
    withCredentials: true,
    transports: ['websocket', 'polling'],
    reconnectionDelay: 500,
    reconnectionDelayMax: 5_000,
  });
}
