// The server's testing entry (`@jiaohao/server/testing`): what tests/ and bench/ may use besides the
// production entry. Nothing here is reachable from `@jiaohao/server`, so a release build never
// exports a configuration with a known password.
export { testConfig } from '../config';
export { FakeClock, TEST_OFFICE, TEST_SETUP, TEST_SERVICES, TEST_COUNTERS, TUESDAY_9AM, testApp, bearerHeader, type TestApp } from './fixtures';
export { send, errorCode, officeWithClerkAndKiosk } from './http';
export { SYSTEM } from '../core/principal';
export { PublicFeed } from '../modules/public/public.service';
export { EventsRepo } from '../modules/events/events.repo';
export type { TicketRow } from '../modules/tickets/tickets.repo';
export { SERVED_CLIENTS } from '../http/clients';
