// Every command the server accepts, once: its name, payload and result schemas, who may run it and
// its REST route. The Socket.IO maps (socket.events.ts), the REST routes and the server's handler
// table are all derived from this object, so a command is added here and in one service function.
import type { Static, TObject, TSchema } from '@sinclair/typebox';
import {
  CounterUpdatePayload,
  DeviceCreate,
  DeviceCreated,
  DeviceUpdatePayload,
  OfficePatch,
  PolicyPatch,
  ServiceCreate,
  ServiceUpdatePayload,
  SetIssuingPayload,
  StaffCreate,
  StaffUpdatePayload,
  CounterCreate,
} from './admin.schemas';
import {
  AnnouncementRef,
  EmergencyClosePayload,
  EmergencyCloseResult,
  EmergencyEndResult,
  IssuingStopsResult,
  PostAnnouncementPayload,
  ResumeIssuingPayload,
  StopIssuingPayload,
  CallNextResult,
  CallTicketPayload,
  CancelPayload,
  CloseDayResult,
  CounterRef,
  CounterResult,
  EmptyPayload,
  IssueTicketBody,
  IssueTicketResult,
  PausePayload,
  PrintFailedPayload,
  PrintFailedResult,
  TicketReasonPayload,
  TicketRef,
  TicketResult,
  TransferPayload,
} from './commands.schemas';
import { BookingSettings, BookingSettingsPatch, CheckInBody, CheckInResult } from './appointments.schemas';
import { Announcement, Counter, Device, Office, QueuePolicy, Service, Staff, type DeviceKind, type Role } from './domain.schemas';

/** Who may run a command; any one of these is enough. */
export interface Access {
  /** Staff of at least this role. */
  readonly staff?: Role;
  /** Registered devices of these kinds. */
  readonly devices?: readonly DeviceKind[];
  /** The resident who holds the ticket's tracking token (`payload.trackingToken` for `payload.ticketId`). */
  readonly resident?: true;
}

export interface HttpRoute {
  readonly method: 'POST' | 'PATCH';
  /** Path under /api/v1; each `:name` is a payload property taken from the path instead of the body. */
  readonly path: string;
  readonly status: 200 | 201;
  readonly tag: string;
  readonly summary: string;
}

export interface CommandSpec<P extends TObject = TObject, R extends TSchema = TSchema, A extends Access = Access> {
  readonly payload: P;
  readonly result: R;
  readonly access: A;
  readonly http: HttpRoute;
}

// `const A` keeps the access literal ('clerk', ['kiosk']), which the socket maps are derived from.
const command = <P extends TObject, R extends TSchema, const A extends Access>(spec: CommandSpec<P, R, A>) => spec;

const clerk = { staff: 'clerk' } as const;
const supervisor = { staff: 'supervisor' } as const;
const admin = { staff: 'admin' } as const;
const post = (path: string, tag: string, summary: string, status: 200 | 201 = 200): HttpRoute => ({ method: 'POST', path, status, tag, summary });
const patch = (path: string, tag: string, summary: string): HttpRoute => ({ method: 'PATCH', path, status: 200, tag, summary });

export const COMMANDS = {
  'ticket:issue': command({
    payload: IssueTicketBody,
    result: IssueTicketResult,
    access: { staff: 'clerk', devices: ['kiosk'] },
    http: post('/tickets', 'tickets', 'Issue a ticket (kiosk device or staff)', 201),
  }),
  'appointment:check-in': command({
    payload: CheckInBody,
    result: CheckInResult,
    access: { staff: 'clerk', devices: ['kiosk'] },
    http: post(
      '/appointments/check-in',
      'appointments',
      'Check a booking in by its code (typed with or without the dash, any case, or scanned): an appointment ticket served at its slot, or an ordinary one when more than lateMinutes late (kiosk device or staff)',
    ),
  }),
  'ticket:print-failed': command({
    payload: PrintFailedPayload,
    result: PrintFailedResult,
    access: { devices: ['kiosk'] },
    http: post('/tickets/:ticketId/print-failed', 'tickets', "A kiosk could not print this ticket (the resident was shown the number): the supervisors are alerted (kiosk)"),
  }),
  'ticket:call': command({
    payload: CallTicketPayload,
    result: TicketResult,
    access: clerk,
    http: post('/tickets/:ticketId/call', 'tickets', 'Call this ticket to a counter, out of turn (reason required)'),
  }),
  'ticket:recall': command({
    payload: TicketRef,
    result: TicketResult,
    access: clerk,
    http: post('/tickets/:ticketId/recall', 'tickets', 'Call a called ticket again (displays announce it again)'),
  }),
  'ticket:start': command({
    payload: TicketRef,
    result: TicketResult,
    access: clerk,
    http: post('/tickets/:ticketId/start', 'tickets', 'The resident is at the counter: start serving'),
  }),
  'ticket:finish': command({ payload: TicketRef, result: TicketResult, access: clerk, http: post('/tickets/:ticketId/finish', 'tickets', 'Done') }),
  'ticket:no-show': command({
    payload: TicketReasonPayload,
    result: TicketResult,
    access: clerk,
    http: post('/tickets/:ticketId/no-show', 'tickets', 'The resident did not come (reason required)'),
  }),
  'ticket:requeue': command({
    payload: TicketReasonPayload,
    result: TicketResult,
    access: clerk,
    http: post('/tickets/:ticketId/requeue', 'tickets', 'Put a called or missed ticket back in line (reason required)'),
  }),
  'ticket:transfer': command({
    payload: TransferPayload,
    result: TicketResult,
    access: clerk,
    http: post('/tickets/:ticketId/transfer', 'tickets', 'Send a ticket being served to another line or counter; it keeps its place'),
  }),
  'ticket:cancel': command({
    payload: CancelPayload,
    result: TicketResult,
    access: { staff: 'clerk', resident: true },
    http: post('/tickets/:ticketId/cancel', 'tickets', 'Cancel a waiting ticket: staff with a reason, or the resident with the tracking token'),
  }),
  'counter:call-next': command({
    payload: CounterRef,
    result: CallNextResult,
    access: clerk,
    http: post('/counters/:counterId/call-next', 'counters', 'Call the next ticket for this counter; ticket is null when nobody waits'),
  }),
  'counter:open': command({
    payload: CounterRef,
    result: CounterResult,
    access: clerk,
    http: post('/counters/:counterId/open', 'counters', 'Open the counter (no-op when open)'),
  }),
  'counter:pause': command({
    payload: PausePayload,
    result: CounterResult,
    access: clerk,
    http: post('/counters/:counterId/pause', 'counters', 'Pause the counter (reason required)'),
  }),
  'counter:close': command({
    payload: CounterRef,
    result: CounterResult,
    access: clerk,
    http: post('/counters/:counterId/close', 'counters', 'Close the counter (its ticket must be finished first)'),
  }),
  'counter:release': command({
    payload: CounterRef,
    result: CounterResult,
    access: supervisor,
    http: post(
      '/counters/:counterId/release',
      'counters',
      'Free a counter a clerk holds (supervisor): the ticket called there goes back to its place in line, those sent to it back to their line; it closes',
    ),
  }),
  'counter:create': command({
    payload: CounterCreate,
    result: Counter,
    access: admin,
    http: post('/counters', 'counters', 'Add a counter (admin)', 201),
  }),
  'counter:update': command({
    payload: CounterUpdatePayload,
    result: Counter,
    access: admin,
    http: patch('/counters/:counterId', 'counters', 'Change a counter (admin)'),
  }),
  'service:create': command({
    payload: ServiceCreate,
    result: Service,
    access: admin,
    http: post('/services', 'services', 'Add a service line (admin)', 201),
  }),
  'service:update': command({
    payload: ServiceUpdatePayload,
    result: Service,
    access: admin,
    http: patch('/services/:serviceId', 'services', 'Change a service line (admin)'),
  }),
  'office:update': command({
    payload: OfficePatch,
    result: Office,
    access: admin,
    http: patch('/office', 'office', 'Change the office (admin)'),
  }),
  'office:set-issuing': command({
    payload: SetIssuingPayload,
    result: Office,
    access: supervisor,
    http: post('/office/issuing', 'office', 'Open or stop the issuing of tickets by hand, or follow the opening sessions (supervisor)'),
  }),
  'issuing:stop': command({
    payload: StopIssuingPayload,
    result: IssuingStopsResult,
    access: supervisor,
    http: post('/office/issuing/stop', 'office', 'Stop kiosks issuing for one line or the whole office, for the rest of the session or until resumed (supervisor)'),
  }),
  'issuing:resume': command({
    payload: ResumeIssuingPayload,
    result: IssuingStopsResult,
    access: supervisor,
    http: post('/office/issuing/resume', 'office', 'Start issuing again for a line or the whole office (supervisor; no-op when not stopped)'),
  }),
  'office:emergency-close': command({
    payload: EmergencyClosePayload,
    result: EmergencyCloseResult,
    access: supervisor,
    http: post('/office/emergency-close', 'office', 'Close the office in an emergency (typhoon day): kiosks issue nothing; optionally send the waiting home (supervisor)'),
  }),
  'office:emergency-end': command({
    payload: EmptyPayload,
    result: EmergencyEndResult,
    access: supervisor,
    http: post('/office/emergency-end', 'office', 'End the emergency closure (supervisor; no-op when not closed)'),
  }),
  'announcement:post': command({
    payload: PostAnnouncementPayload,
    result: Announcement,
    access: supervisor,
    http: post('/announcements', 'announcements', 'Show an announcement on the displays, kiosks and public page until endsAt (supervisor)', 201),
  }),
  'announcement:withdraw': command({
    payload: AnnouncementRef,
    result: Announcement,
    access: supervisor,
    http: post('/announcements/:announcementId/withdraw', 'announcements', 'Take an announcement down now (supervisor; no-op when already down)'),
  }),
  'policy:update': command({
    payload: PolicyPatch,
    result: QueuePolicy,
    access: supervisor,
    http: patch('/policy', 'office', 'Change the queue policy (supervisor); call-next uses it at once'),
  }),
  'booking:update': command({
    payload: BookingSettingsPatch,
    result: BookingSettings,
    access: admin,
    http: patch('/booking/settings', 'appointments', 'Change the booking rules: the bookable lines, slots, capacity, how far ahead, check-in and retention (admin)'),
  }),
  'day:close': command({
    payload: EmptyPayload,
    result: CloseDayResult,
    access: supervisor,
    http: post('/day/close', 'office', 'Close the day: what still waits expires, counters close (supervisor)'),
  }),
  'staff:create': command({
    payload: StaffCreate,
    result: Staff,
    access: admin,
    http: post('/staff', 'staff', 'Add a staff account (admin)', 201),
  }),
  'staff:update': command({
    payload: StaffUpdatePayload,
    result: Staff,
    access: admin,
    http: patch('/staff/:staffId', 'staff', 'Change a staff account (admin)'),
  }),
  'device:create': command({
    payload: DeviceCreate,
    result: DeviceCreated,
    access: admin,
    http: post('/devices', 'devices', 'Register a kiosk or display; the answer holds its token, shown this once', 201),
  }),
  'device:update': command({
    payload: DeviceUpdatePayload,
    result: Device,
    access: admin,
    http: patch(
      '/devices/:deviceId',
      'devices',
      "Rename or revoke a device (revoking disconnects it at once), or replace a display's settings: lines, counters, layout, sound (a display only; it gets them at once as device:self)",
    ),
  }),
};

export type Commands = typeof COMMANDS;
export type CommandName = keyof Commands;
export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];
export type CommandPayload<K extends CommandName> = Static<Commands[K]['payload']>;
export type CommandResult<K extends CommandName> = Static<Commands[K]['result']>;

/** Commands staff may send (any role). */
export type StaffCommandName = { [K in CommandName]: Commands[K]['access'] extends { staff: Role } ? K : never }[CommandName];
/** Commands a device of this kind may send. */
export type DeviceCommandName<D extends DeviceKind> = {
  [K in CommandName]: Commands[K]['access'] extends { devices: readonly (infer E)[] } ? (D extends E ? K : never) : never;
}[CommandName];

/** The same sets at run time, for binding socket handlers. */
export function staffCommandNames(): StaffCommandName[] {
  return COMMAND_NAMES.filter((k): k is StaffCommandName => (COMMANDS[k].access as Access).staff !== undefined);
}
export function deviceCommandNames<D extends DeviceKind>(kind: D): DeviceCommandName<D>[] {
  return COMMAND_NAMES.filter((k): k is DeviceCommandName<D> => {
    const devices: readonly DeviceKind[] | undefined = (COMMANDS[k].access as Access).devices;
    return devices?.includes(kind) ?? false;
  });
}

/** The names of the path parameters of a route (`/tickets/:ticketId/call` → ['ticketId']). */
export function pathParams(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
}
