// The public status as words, without React or an i18n library: the /status page (../status/) and
// the widget for other sites (../widget/) draw from here.
export * from './strings';
export * from './view';
