// `@jiaohao/shared/rules`: the pure domain rules, plain functions of their inputs. Their types
// come from the schemas as types only, so importing a rule pulls in no schema code.
export * from '../tickets.transitions';
export * from '../numbering';
export * from '../pick-next';
export * from '../estimate';
export * from '../wait-model';
export * from '../business-date';
export * from '../sessions';
export * from '../counter-holding';
export * from '../figures';
export * from '../public-status';
export * from '../booking';
// Types only (no schema code): the reason a stop of the issuing gives.
export type { IssuingStopReason } from '../domain.schemas';
export * from '../links';
