// What an office puts in Redis for the public nodes (DESIGN §7), and how a node reads it back.
//
//   jiaohao:public:office:<id>   string: the office's latest OfficeSnapshot (JSON)
//   jiaohao:public:offices       hash: office id → OfficeEntry (JSON), every office that published
//   jiaohao:public:changed       pub/sub channel: each new OfficeSnapshot, the same JSON as the key
//
// The feed bodies travel as the office serialised them (json + etag), so a public node serves the
// same bytes under the same ETag as the office would. Nothing read back is trusted: a record that
// does not fit is dropped (parseSnapshot returns null) and the node keeps what it had.
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { IsoDateTime, LocalizedText, PublicStatus } from '@jiaohao/shared';
import type { PublicView } from '../modules/public/public.service';

export const REDIS_KEYS = {
  office: (id: string) => `jiaohao:public:office:${id}`,
  offices: 'jiaohao:public:offices',
  changed: 'jiaohao:public:changed',
} as const;

const Body = Type.Object({ json: Type.String(), etag: Type.String({ pattern: '^"[^"]*"$' }) });

export const OfficeSnapshot = Type.Object({
  v: Type.Literal(1),
  /** One per start of the office server, so a node can tell a restart from an old message. */
  boot: Type.String({ minLength: 1, maxLength: 64 }),
  /** Counts this boot's publications: a node never goes back to an older one. */
  rev: Type.Integer({ minimum: 0 }),
  publishedAt: IsoDateTime,
  status: Body,
  townpass: Body,
  queueMonitor: Body,
});
export type OfficeSnapshot = Static<typeof OfficeSnapshot>;

/** The city page's list of offices: who they are and when their data last changed. */
export const OfficeEntry = Type.Object({
  id: Type.String(),
  names: LocalizedText,
  updatedAt: IsoDateTime,
  publishedAt: IsoDateTime,
});
export type OfficeEntry = Static<typeof OfficeEntry>;

/** An office's snapshot as a node keeps it: the view it serves and where it stands. */
export interface KnownOffice {
  readonly view: PublicView;
  readonly boot: string;
  readonly rev: number;
  readonly publishedAt: string;
}

export function encodeSnapshot(view: PublicView, boot: string, rev: number, now: number): string {
  const record: OfficeSnapshot = {
    v: 1,
    boot,
    rev,
    publishedAt: new Date(now).toISOString(),
    status: { json: view.json, etag: view.etag },
    townpass: view.townpass,
    queueMonitor: view.queueMonitor,
  };
  return JSON.stringify(record);
}

export function encodeEntry(view: PublicView, now: number): string {
  const { office, updatedAt } = view.status;
  const entry: OfficeEntry = { id: office.id, names: office.names, updatedAt, publishedAt: new Date(now).toISOString() };
  return JSON.stringify(entry);
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/**
 * A snapshot read from Redis (a key's value or a channel message); null when it is missing, not
 * JSON, of another version, or its status does not fit the contract.
 */
export function parseSnapshot(text: unknown): KnownOffice | null {
  if (typeof text !== 'string') return null;
  const record = parseJson(text);
  if (!Value.Check(OfficeSnapshot, record)) return null;
  const status = parseJson(record.status.json);
  if (!Value.Check(PublicStatus, status)) return null;
  // Served as they are, so they must at least be JSON.
  if (parseJson(record.townpass.json) === undefined || parseJson(record.queueMonitor.json) === undefined) return null;
  return {
    view: { status, json: record.status.json, etag: record.status.etag, townpass: record.townpass, queueMonitor: record.queueMonitor },
    boot: record.boot,
    rev: record.rev,
    publishedAt: record.publishedAt,
  };
}

/** Whether `next` is news over `known`: another boot of the office, or a later publication of this one. */
export const isNewer = (known: KnownOffice | undefined, next: KnownOffice): boolean => !known || known.boot !== next.boot || next.rev > known.rev;
