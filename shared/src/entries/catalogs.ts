// `@jiaohao/shared/catalogs`: the web clients' string catalogs (one module per view, every
// language in it; zh-TW complete, the others falling back to it).
export * from '../catalogs/counter-common';
export * from '../catalogs/counter-clerk';
export * from '../catalogs/counter-admin';
export * from '../catalogs/counter-supervisor';
export * from '../catalogs/counter-audit';
export * from '../catalogs/counter-reports';
export * from '../catalogs/counter-bookings';
export * from '../catalogs/display-wall';
export * from '../catalogs/kiosk';
export * from '../catalogs/ticket-print';
export * from '../catalogs/eticket';
export * from '../catalogs/book';
