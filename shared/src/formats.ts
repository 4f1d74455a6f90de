// TypeBox knows no string formats until they are registered, and refuses every value of an unknown
// format. Registered here, once, for everything that checks our schemas with TypeBox (socket
// payloads on the server, clients); Fastify's own validator knows these formats already.
import { FormatRegistry } from '@sinclair/typebox';

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export function registerFormats(): void {
  if (!FormatRegistry.Has('date-time')) FormatRegistry.Set('date-time', (v) => DATE_TIME.test(v) && !Number.isNaN(Date.parse(v)));
}
registerFormats();
