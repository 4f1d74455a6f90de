// Validators and serializers compiled once per process, not once per app: a schema object from
// shared/ is the same object in every app this process builds, so its compiled code is too.
// Tests build many apps; compiling every schema for each was most of their time.
import AjvCompiler from '@fastify/ajv-compiler';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';
import { STRING_FORMATS } from '@jiaohao/shared';

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;
type BuildValidator = NonNullable<CompilersFactory['buildValidator']>;
type BuildSerializer = NonNullable<CompilersFactory['buildSerializer']>;
type SerializerCompiler = ReturnType<BuildSerializer>;
type Serializer = ReturnType<SerializerCompiler>;

// The pool keeps one Ajv per (external schemas, options); Ajv caches what it compiled by schema object.
const ajvPool = AjvCompiler();

// ajv-formats' date-time lets a leap second and lowercase `t`/`z` through, which the command bus
// (TypeBox) refuses: each Ajv gets shared/'s own checks instead, after ajv-formats has added its own.
const buildValidator: BuildValidator = (externalSchemas, options) =>
  ajvPool(externalSchemas, {
    ...options,
    onCreate: (ajv) => {
      options?.onCreate?.(ajv);
      for (const [name, format] of Object.entries(STRING_FORMATS)) ajv.addFormat(name, { type: 'string', validate: format.check });
    },
  });

type Schema = Record<string, unknown>;
const isSchema = (x: unknown): x is Schema => typeof x === 'object' && x !== null && !Array.isArray(x);
const isNullSchema = (x: Schema) => x.type === 'null' && Object.keys(x).every((k) => k === 'type' || k === 'description' || k === 'title');
const COMBINATORS = ['anyOf', 'oneOf', 'allOf', '$ref'] as const;
const LITERAL_TYPES = new Set(['string', 'number', 'integer', 'boolean']);

/**
 * The schema a response is serialized with: the same shapes, with the two kinds of `anyOf` that
 * TypeBox writes for every optional value rewritten into keywords fast-json-stringify writes inline.
 * An `anyOf` makes the serializer run Ajv on the value for every branch on every response (in one
 * call-next answer, 16 of them); these need only a type check:
 *   - `T | null` (`anyOf: [T, { type: 'null' }]`) becomes T with `nullable: true`;
 *   - a union of literals of one type (`anyOf: [{ const: 'a', type: 'string' }, …]`, maybe with
 *     null) becomes `{ type, enum, nullable? }` (null in the enum too when nullable).
 * Any other `anyOf` (unions of objects, $refs) is kept. Validation is not affected: requests are
 * checked against the original schemas.
 */
export function serializerSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(serializerSchema);
  if (!isSchema(schema)) return schema;
  const done = rewritten.get(schema);
  if (done) return done;
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) out[key] = key === 'const' || key === 'enum' || key === 'default' || key === 'examples' ? value : serializerSchema(value);
  const result = flattenAnyOf(out) ?? out;
  rewritten.set(schema, result);
  return result;
}
const rewritten = new WeakMap<object, unknown>();

function flattenAnyOf(schema: Schema): Schema | null {
  const items = schema.anyOf;
  if (!Array.isArray(items) || !items.every(isSchema) || schema.type !== undefined) return null;
  const { anyOf: _anyOf, ...siblings } = schema;
  if (COMBINATORS.some((k) => k in siblings)) return null;
  const nulls = items.filter(isNullSchema);
  const rest = items.filter((x) => !isNullSchema(x));
  const nullable = nulls.length > 0 ? { nullable: true } : {};
  if (rest.length === 1) {
    const only = rest[0]!;
    if (COMBINATORS.some((k) => k in only) || only.nullable !== undefined || Array.isArray(only.type) || only.type === 'null') return null;
    if (nulls.length === 0) return { ...siblings, ...only };
    // Ajv (which checks the branches of the unions kept) wants a nullable enum or const to allow null itself.
    if ('const' in only) {
      const { const: value, ...other } = only;
      return { ...siblings, ...other, enum: [value, null], nullable: true };
    }
    if (Array.isArray(only.enum)) return { ...siblings, ...only, enum: only.enum.includes(null) ? only.enum : [...only.enum, null], nullable: true };
    return { ...siblings, ...only, nullable: true };
  }
  const type = rest[0]?.type;
  if (typeof type === 'string' && LITERAL_TYPES.has(type) && rest.every((x) => 'const' in x && x.type === type && Object.keys(x).every((k) => k === 'const' || k === 'type' || k === 'description' || k === 'title'))) {
    return { ...siblings, type, enum: [...rest.map((x) => x.const), ...(nulls.length > 0 ? [null] : [])], ...nullable };
  }
  return null;
}

const selectSerializer = SerializerSelector();
const serializerPools = new Map<string, WeakMap<object, Serializer>>();

const buildSerializer: BuildSerializer = (externalSchemas, options) => {
  const key = JSON.stringify([externalSchemas, options]);
  let pool = serializerPools.get(key);
  if (!pool) serializerPools.set(key, (pool = new WeakMap()));
  const external = Object.fromEntries(Object.entries(externalSchemas ?? {}).map(([id, schema]) => [id, serializerSchema(schema)]));
  const compile = selectSerializer(external, options);
  const cache = pool;
  return (route) => {
    const schema = route.schema as object;
    let serializer = cache.get(schema);
    if (!serializer) cache.set(schema, (serializer = compile({ ...route, schema: serializerSchema(schema) as typeof route.schema })));
    return serializer;
  };
};

export const sharedCompilers: CompilersFactory = { buildValidator, buildSerializer };
