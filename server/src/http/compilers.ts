// Validators and serializers compiled once per process, not once per app: a schema object from
// shared/ is the same object in every app this process builds, so its compiled code is too.
// Tests build many apps; compiling every schema for each was most of their time.
import AjvCompiler from '@fastify/ajv-compiler';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;
type BuildSerializer = NonNullable<CompilersFactory['buildSerializer']>;
type SerializerCompiler = ReturnType<BuildSerializer>;
type Serializer = ReturnType<SerializerCompiler>;

// The pool keeps one Ajv per (external schemas, options); Ajv caches what it compiled by schema object.
const buildValidator = AjvCompiler();

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
