// `@jiaohao/shared/testing`: the schema-valid test builders, so client tests build the same
// objects as shared/'s own tests instead of copying them. Test code only.
export * from '../testing/builders';
