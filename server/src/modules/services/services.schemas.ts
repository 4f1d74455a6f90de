import { Type, type Static } from '@sinclair/typebox';
import { Id, LocalizedList, LocalizedText, NumberRange } from '@jiaohao/shared';

const fields = {
  code: Type.String({ minLength: 1, maxLength: 8 }),
  names: LocalizedText,
  numbering: NumberRange,
  priorityNumbering: Type.Union([NumberRange, Type.Null()]),
  appointmentNumbering: Type.Union([NumberRange, Type.Null()]),
  targetWaitMinutes: Type.Integer({ minimum: 1, maximum: 600 }),
  targetHandlingMinutes: Type.Integer({ minimum: 1, maximum: 600 }),
  documents: LocalizedList,
  dailyCap: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
  allowPriority: Type.Boolean(),
  allowAppointment: Type.Boolean(),
  active: Type.Boolean(),
  sortOrder: Type.Integer(),
};

export const ServiceCreate = Type.Object(
  {
    id: Id,
    code: fields.code,
    names: fields.names,
    numbering: fields.numbering,
    priorityNumbering: Type.Optional(fields.priorityNumbering),
    appointmentNumbering: Type.Optional(fields.appointmentNumbering),
    targetWaitMinutes: Type.Optional(fields.targetWaitMinutes),
    targetHandlingMinutes: Type.Optional(fields.targetHandlingMinutes),
    documents: Type.Optional(fields.documents),
    dailyCap: Type.Optional(fields.dailyCap),
    allowPriority: Type.Optional(fields.allowPriority),
    allowAppointment: Type.Optional(fields.allowAppointment),
    active: Type.Optional(fields.active),
    sortOrder: Type.Optional(fields.sortOrder),
  },
  { additionalProperties: false },
);
export type ServiceCreate = Static<typeof ServiceCreate>;

export const ServicePatch = Type.Partial(Type.Object(fields, { additionalProperties: false }), {
  additionalProperties: false,
  minProperties: 1,
});
export type ServicePatch = Static<typeof ServicePatch>;
