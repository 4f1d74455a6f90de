// `@jiaohao/shared/schemas`: the contract as TypeBox schemas (and the types derived from them),
// the error codes, the command registry and the typed Socket.IO map. Checking a value against
// these needs the `date-time` and `date` formats, so this entry registers them (formats.ts, the package's one
// side effect). Check values with `Value.Check` from `@sinclair/typebox/value`, never with
// `@sinclair/typebox/compiler`: its `new Function` is refused by a CSP without 'unsafe-eval'.
export * from '../formats';
export * from '../domain.schemas';
export * from '../commands.schemas';
export * from '../commands.registry';
export * from '../admin.schemas';
export * from '../audit.schemas';
export * from '../events.schemas';
export * from '../events.versions';
export * from '../errors';
export * from '../socket.events';
export * from '../event-audiences';
export * from '../reports.schemas';
export * from '../appointments.schemas';
