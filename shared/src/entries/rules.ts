// `@jiaohao/shared/rules`: the pure domain rules, plain functions of their inputs. Their types
// come from the schemas as types only, so importing a rule pulls in no schema code.
export * from '../tickets.transitions';
export * from '../numbering';
export * from '../pick-next';
export * from '../estimate';
export * from '../business-date';
export * from '../sessions';
export * from '../public-status';
