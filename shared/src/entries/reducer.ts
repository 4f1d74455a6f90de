// `@jiaohao/shared/reducer`: the client's office state, from a snapshot plus events.
export * from '../office-state.reducer';
