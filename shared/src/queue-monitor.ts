// FIWARE Smart Data Models `QueueMonitor` entities (dataModel.QueueManagement), NGSI-v2 key-values
// form: one plain entity per active line of the office, valid against
// shared/reference/smart-data-models/QueueMonitor.schema.json and the common schemas it $refs.
// Built from the public status (counts and called numbers only) and the office's own contact
// details, so it carries no more than the status does: no ticket, token or person.
import { Type, type Static } from '@sinclair/typebox';
import { IsoDateTime, type Office } from './domain.schemas';
import type { IssuingClosedReason, PublicStatus } from './events.schemas';
import { instantAt, localTime } from './business-date';
import { nextSessionStart, sessionAt } from './sessions';

const strict = { additionalProperties: false } as const;

export const QUEUE_SERVICE_STATUSES = ['Open', 'Closed', 'Suspended'] as const;
export type QueueServiceStatus = (typeof QUEUE_SERVICE_STATUSES)[number];

// GSMA-Commons' id is a URI, or a string of [\w\-.{}$+*[\]`|~^@!,:\\]; ours stays within the latter.
const URN_PREFIX = 'urn:ngsi-ld:QueueMonitor:';

export const QueueMonitorEntity = Type.Object(
  {
    id: Type.String({ pattern: '^urn:ngsi-ld:QueueMonitor:[A-Za-z0-9_.%-]+:[A-Za-z0-9_.%-]+$', description: 'urn:ngsi-ld:QueueMonitor:<officeId>:<serviceId>' }),
    type: Type.Literal('QueueMonitor'),
    dateModified: IsoDateTime,
    name: Type.String({ description: 'The office and the line, in Traditional Chinese' }),
    alternateName: Type.Optional(Type.String({ description: 'The same in English, when both have an English name' })),
    localId: Type.String({ description: '<officeId>:<serviceId>, unique in this system' }),
    officeName: Type.String({ description: 'The office in Traditional Chinese' }),
    serviceName: Type.String({ description: 'The line in Traditional Chinese' }),
    serviceId: Type.String({ description: 'The line (service) id' }),
    serviceStatus: Type.Union(
      QUEUE_SERVICE_STATUSES.map((s) => Type.Literal(s)),
      { description: 'Open: kiosks issue for the line; Suspended: a supervisor stopped it, or the office is closed in an emergency; Closed: outside its sessions, issuing switched off, or the day closed' },
    ),
    serviceStatusNote: Type.String({ description: 'Why it is not Open: the issuing reason code (services[].issuing.reason of /public/status); empty when Open' }),
    scheduleTime: Type.Optional(Type.String({ format: 'date-time', description: "The start of the line's session running now, or else of its next one; absent when none starts within three weeks" })),
    queueLine: Type.String({ description: 'The line code' }),
    linePriority: Type.Integer({ minimum: 1, description: 'Always 1: no line goes before another (a counter takes the longest wait against each line\'s target)' }),
    lastTicketIssued: Type.Optional(Type.Integer({ minimum: 0, description: "The last number issued today in the line's ordinary series; absent before the first" })),
    lastTicketIssuedLabel: Type.Optional(Type.String({ description: 'That number as printed' })),
    ticketServed: Type.Optional(Type.Integer({ minimum: 0, description: 'The number last called in the line; absent before the first call' })),
    ticketServedLabel: Type.Optional(Type.String({ description: 'That number as shown' })),
    ticketsToServe: Type.Integer({ minimum: 0, description: 'Tickets waiting in the line' }),
    address: Type.Object(
      {
        streetAddress: Type.String(),
        addressLocality: Type.String(),
        addressRegion: Type.String(),
        addressCountry: Type.Literal('TW'),
        postalCode: Type.String(),
      },
      strict,
    ),
    location: Type.Object(
      {
        type: Type.Literal('Point'),
        coordinates: Type.Array(Type.Number(), { minItems: 2, maxItems: 2, description: '[longitude, latitude] (GeoJSON, RFC 7946)' }),
      },
      strict,
    ),
  },
  { ...strict, description: 'A FIWARE Smart Data Models QueueMonitor entity, NGSI-v2 key-values' },
);
export type QueueMonitorEntity = Static<typeof QueueMonitorEntity>;
export const QueueMonitorFeed = Type.Array(QueueMonitorEntity, { description: 'One QueueMonitor entity per active line, in the office order' });
export type QueueMonitorFeed = Static<typeof QueueMonitorFeed>;

/** What the entities need besides the status, read by the caller. */
export interface QueueMonitorExtra {
  /** The instant the status was prepared at: which session runs, which is next. */
  readonly now: number;
  /** Per line, the number last issued today in its ordinary series, as printed; a line not in it has issued none. */
  readonly lastIssued: Readonly<Record<string, string>>;
}

export type QueueMonitorOffice = Pick<Office, 'id' | 'address' | 'postalCode' | 'locality' | 'region' | 'location' | 'timeZone' | 'sessions' | 'specialDays'>;

/**
 * Every reason kiosks may not issue for a line, placed (a new reason does not compile until it is):
 * Suspended is an interruption of a working day (a supervisor's stop, an emergency closure),
 * Closed is the line not working (outside its sessions, switched off by hand, the day closed).
 */
const STATUS_OF: Readonly<Record<IssuingClosedReason, QueueServiceStatus>> = {
  // Nothing more is issued into today's queue: the line is done for the day.
  day_closed: 'Closed',
  // An emergency closure (typhoon day) interrupts the day until a supervisor ends it.
  office_closed: 'Suspended',
  // Issuing switched off by hand is a manual office's "outside hours", not an interruption.
  issuing_closed: 'Closed',
  outside_session: 'Closed',
  // A supervisor's stop (REASONS.issuing_stop), for the line or the whole office.
  capacity_reached: 'Suspended',
  staff_shortage: 'Suspended',
  system_issue: 'Suspended',
  closing_early: 'Suspended',
  other: 'Suspended',
};

/** A line's QueueMonitor status from why kiosks do not issue for it (null: they do). */
export function queueServiceStatus(reason: IssuingClosedReason | null): QueueServiceStatus {
  return reason === null ? 'Open' : STATUS_OF[reason];
}

/** A ticket number as an integer: its digits ("A-12" is 12); undefined when it has none. */
function numberValue(number: string): number | undefined {
  const digits = number.replace(/\D/g, '');
  return digits.length === 0 ? undefined : Number.parseInt(digits, 10);
}

/** An id made safe for the URN: GSMA-Commons' characters, anything else percent-encoded. */
function urnPart(id: string): string {
  return encodeURIComponent(id).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The start of the line's session running at `now`, or else of its next one (ISO), or undefined. */
function scheduleTimeOf(office: QueueMonitorOffice, now: number, serviceId: string): string | undefined {
  const running = sessionAt(office, now, office.timeZone, serviceId);
  const at = running ? instantAt(localTime(now, office.timeZone).date, running.start, office.timeZone) : nextSessionStart(office, now, office.timeZone, serviceId);
  return at === null ? undefined : new Date(at).toISOString();
}

/** The QueueMonitor entities of the office: one per line of its public status, in that order. */
export function queueMonitorOf(status: PublicStatus, office: QueueMonitorOffice, extra: QueueMonitorExtra): QueueMonitorFeed {
  const officeName = status.office.names['zh-TW'];
  const officeEn = status.office.names.en;
  return status.services.map((s): QueueMonitorEntity => {
    const issued = extra.lastIssued[s.id];
    const issuedValue = issued === undefined ? undefined : numberValue(issued);
    const servedValue = s.nowServing === null ? undefined : numberValue(s.nowServing);
    const scheduleTime = scheduleTimeOf(office, extra.now, s.id);
    return {
      id: `${URN_PREFIX}${urnPart(office.id)}:${urnPart(s.id)}`,
      type: 'QueueMonitor',
      dateModified: status.updatedAt,
      name: `${officeName} ${s.names['zh-TW']}`,
      ...(officeEn && s.names.en ? { alternateName: `${s.names.en}, ${officeEn}` } : {}),
      localId: `${office.id}:${s.id}`,
      officeName,
      serviceName: s.names['zh-TW'],
      serviceId: s.id,
      serviceStatus: queueServiceStatus(s.issuing.reason),
      serviceStatusNote: s.issuing.reason ?? '',
      ...(scheduleTime === undefined ? {} : { scheduleTime }),
      queueLine: s.code,
      linePriority: 1,
      ...(issued === undefined || issuedValue === undefined ? {} : { lastTicketIssued: issuedValue, lastTicketIssuedLabel: issued }),
      ...(s.nowServing === null || servedValue === undefined ? {} : { ticketServed: servedValue, ticketServedLabel: s.nowServing }),
      ticketsToServe: s.waiting,
      address: {
        streetAddress: office.address,
        addressLocality: office.locality,
        addressRegion: office.region,
        addressCountry: 'TW',
        postalCode: office.postalCode,
      },
      // GeoJSON (RFC 7946 §3.1.1) is [longitude, latitude]; the Smart Data Models example has it the other way round.
      location: { type: 'Point', coordinates: [office.location.lng, office.location.lat] },
    };
  });
}
