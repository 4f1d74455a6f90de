// `@jiaohao/shared/i18n`: the kiosk languages, their names and tags, and typed client catalogs.
export * from '../i18n';
