import { Type, type Static } from '@sinclair/typebox';
import { Id, Language, LocalizedText } from '@jiaohao/shared';

export const CounterCreate = Type.Object(
  {
    id: Type.Optional(Id),
    number: Type.Integer({ minimum: 1, maximum: 999 }),
    names: LocalizedText,
    serviceIds: Type.Array(Id, { minItems: 1, maxItems: 50 }),
    isPriority: Type.Optional(Type.Boolean()),
    languages: Type.Optional(Type.Array(Language, { minItems: 1, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type CounterCreate = Static<typeof CounterCreate>;

export const CounterPatch = Type.Partial(
  Type.Object(
    {
      number: Type.Integer({ minimum: 1, maximum: 999 }),
      names: LocalizedText,
      serviceIds: Type.Array(Id, { minItems: 1, maxItems: 50 }),
      isPriority: Type.Boolean(),
      languages: Type.Array(Language, { minItems: 1, uniqueItems: true }),
      active: Type.Boolean(),
    },
    { additionalProperties: false },
  ),
  { additionalProperties: false, minProperties: 1 },
);
export type CounterPatch = Static<typeof CounterPatch>;
