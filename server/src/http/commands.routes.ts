// One REST route per command, derived from the registry in shared/: the path parameters and the
// body are the command's payload split in two, the answer is its result schema. The handler only
// joins them and hands the payload to the command bus, which authorises and runs it.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { Type, type TObject } from '@sinclair/typebox';
import { COMMAND_NAMES, COMMANDS, pathParams, type CommandName, type CommandPayload } from '@jiaohao/shared';
import { errorResponses, type AppServices } from './context';

/** The payload without its path parameters; a patch still needs one property besides its id. */
function bodyOf(payload: TObject, params: readonly string[]): TObject {
  if (params.length === 0) return payload;
  const body = Type.Omit(payload, params);
  if (typeof payload.minProperties === 'number') body.minProperties = Math.max(0, payload.minProperties - params.length);
  return body;
}

// Built once per process: compiled validators are cached by schema object (http/compilers.ts).
const ROUTE_SCHEMAS = new Map(
  COMMAND_NAMES.map((name) => {
    const { payload, result, http } = COMMANDS[name];
    const params = pathParams(http.path);
    const schema = {
      tags: [http.tag],
      summary: http.summary,
      operationId: name,
      ...(params.length > 0 ? { params: paramsOf(payload, params) } : {}),
      body: bodyOf(payload, params),
      response: { ...errorResponses, [http.status]: result } as Record<number, unknown>,
    };
    return [name, schema];
  }),
);

/** The path parameters alone (without the payload's options, such as a patch's minProperties). */
function paramsOf(payload: TObject, params: readonly string[]): TObject {
  return Type.Object(Object.fromEntries(params.map((p) => [p, payload.properties[p]!])), { additionalProperties: false });
}

/**
 * The Idempotency-Key header, for commands that take a key, when the body has none (the bus
 * validates it against the payload schema like any other field).
 */
function idempotencyHeader(req: FastifyRequest, name: CommandName): { idempotencyKey?: string } {
  const key = req.headers['idempotency-key'];
  if (typeof key !== 'string' || !('idempotencyKey' in COMMANDS[name].payload.properties)) return {};
  return (req.body as { idempotencyKey?: unknown } | undefined)?.idempotencyKey === undefined ? { idempotencyKey: key } : {};
}

export function commandRoutes(s: AppServices): FastifyPluginAsync {
  // Per-caller limits of commands are the command bus's (core/limits.ts), the same for sockets.
  return async (app) => {
    for (const name of COMMAND_NAMES) {
      const { http } = COMMANDS[name];
      app.route({
        method: http.method,
        url: http.path,
        schema: ROUTE_SCHEMAS.get(name)!,
        config: { access: 'command' },
        handler: async (req, reply) => {
          // Both halves were validated against the registry's payload schema just now.
          const input = { ...(req.body as object), ...(req.params as object), ...idempotencyHeader(req, name) } as CommandPayload<typeof name>;
          const answer = await s.bus.execute(req.principal, name, input);
          return reply.status(http.status).send(answer);
        },
      });
    }
  };
}
