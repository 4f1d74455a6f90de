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

const selectSerializer = SerializerSelector();
const serializerPools = new Map<string, WeakMap<object, Serializer>>();

const buildSerializer: BuildSerializer = (externalSchemas, options) => {
  const key = JSON.stringify([externalSchemas, options]);
  let pool = serializerPools.get(key);
  if (!pool) serializerPools.set(key, (pool = new WeakMap()));
  const compile = selectSerializer(externalSchemas, options);
  const cache = pool;
  return (route) => {
    const schema = route.schema as object;
    let serializer = cache.get(schema);
    if (!serializer) cache.set(schema, (serializer = compile(route)));
    return serializer;
  };
};

export const sharedCompilers: CompilersFactory = { buildValidator, buildSerializer };
