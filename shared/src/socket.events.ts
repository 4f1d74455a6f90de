// The typed Socket.IO contract. Namespace and event names come from here, never from literals at
// call sites; the client side uses the same maps reversed. The command messages are derived from
// the command registry, so a message, its payload and its ack cannot disagree with REST.
import type { Ack, ErrorBody } from './errors';
import type { CommandPayload, CommandResult, DeviceCommandName, StaffCommandName } from './commands.registry';
import type { Device } from './domain.schemas';
import type { DomainEvent, DomainEventType, ETicketView, EventOf, PublicStatus, Snapshot, TicketFollowPayload } from './events.schemas';

export const NAMESPACES = {
  staff: '/staff',
  display: '/display',
  kiosk: '/kiosk',
  public: '/public',
} as const;
export type Audience = keyof typeof NAMESPACES;

/** Server → client events that are not domain events. */
export const SERVER_EVENTS = {
  snapshot: 'snapshot',
  publicStatus: 'public:status',
  /** An event this audience is not sent went by: the client only moves its seq on (see EVENT_AUDIENCES). */
  skipped: 'seq:skipped',
  /**
   * To a display or kiosk device (not staff) on /display or /kiosk: its own Device, with a
   * display's settings. Sent on connect just before the snapshot, and again whenever an admin
   * changes the device (until it is revoked, which disconnects it). Carries no seq.
   */
  device: 'device:self',
  /**
   * On /public, to the sockets following a ticket (CLIENT_EVENTS.ticketFollow): its fresh
   * ETicketView whenever it changed (its state, people ahead, the wait, its counter). Carries its own seq.
   */
  ticketView: 'ticket:view',
} as const;

/** Client → server messages that are not commands. */
export const CLIENT_EVENTS = {
  snapshotRequest: 'snapshot:request',
  publicStatus: 'public:status',
  /**
   * On /public: follow one ticket by its tracking token; the ack is its ETicketView (not_found for an
   * unknown token), and ticket:view follows each change. Following another ticket stops the first.
   */
  ticketFollow: 'ticket:follow',
} as const;

export type AckFn<T> = (ack: Ack<T>) => void;

/** One socket message per command: the payload, and an ack with the command's result. */
export type CommandMessages<K extends string> = {
  [C in K & keyof CommandMessageMap]: CommandMessageMap[C];
};
type CommandMessageMap = {
  [C in StaffCommandName | DeviceCommandName<'kiosk'> | DeviceCommandName<'display'>]: (
    payload: CommandPayload<C>,
    ack: AckFn<CommandResult<C>>,
  ) => void;
};

export type DomainEventListeners = { [K in DomainEventType]: (event: EventOf<K>) => void };

/** What an audience that misses some events is sent instead: the seq only. */
export interface SeqSkipped {
  readonly seq: number;
}

export type StaffServerToClient = DomainEventListeners & {
  snapshot: (snapshot: Snapshot) => void;
  'seq:skipped': (skipped: SeqSkipped) => void;
};
/** What a device is sent about itself (SERVER_EVENTS.device). */
export interface DeviceSelf {
  'device:self': (device: Device) => void;
}
export type DisplayServerToClient = StaffServerToClient & DeviceSelf;
export type KioskServerToClient = StaffServerToClient & DeviceSelf;
export interface PublicServerToClient {
  snapshot: (status: PublicStatus) => void;
  'public:status': (status: PublicStatus) => void;
  'ticket:view': (view: ETicketView) => void;
}

export interface SnapshotRequests {
  'snapshot:request': (ack: AckFn<Snapshot>) => void;
}

export type StaffClientToServer = SnapshotRequests & CommandMessages<StaffCommandName>;
export type DisplayClientToServer = SnapshotRequests & CommandMessages<DeviceCommandName<'display'>>;
export type KioskClientToServer = SnapshotRequests & CommandMessages<DeviceCommandName<'kiosk'>>;
export interface PublicClientToServer {
  'public:status': (ack: AckFn<PublicStatus>) => void;
  'ticket:follow': (payload: TicketFollowPayload, ack: AckFn<ETicketView>) => void;
}

export type { DomainEvent, ErrorBody };
