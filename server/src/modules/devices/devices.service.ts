// Kiosks and displays: registered by an admin, identified by a long random token stored hashed.
import { randomBytes, randomUUID } from 'node:crypto';
import {
  DEFAULT_DISPLAY_SETTINGS,
  DomainError,
  type Device,
  type DeviceCreate,
  type DeviceCreated,
  type DeviceUpdatePayload,
  type DisplaySettings,
  type PrintFailedPayload,
  type PrintFailedResult,
} from '@jiaohao/shared';
import type { AppCtx } from '../../store';
import { DEVICE_TOKEN_PREFIX, hashToken } from '../../core/tokens';
import { at } from '../../core/refusals';

function audit(ctx: AppCtx, d: Device): void {
  ctx.emit({ type: 'device:changed', data: { device: { id: d.id, kind: d.kind, revoked: d.revokedAt !== null } } });
}

/** The token is in this answer only; the database keeps its hash. A new display shows everything (the defaults). */
export function createDevice(ctx: AppCtx, input: DeviceCreate): DeviceCreated {
  const token = DEVICE_TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const device: Device = {
    id: randomUUID(),
    kind: input.kind,
    name: input.name,
    createdAt: ctx.at,
    revokedAt: null,
    lastSeenAt: null,
    display: input.kind === 'display' ? DEFAULT_DISPLAY_SETTINGS : null,
  };
  ctx.store.devices.insert(device, hashToken(token));
  audit(ctx, device);
  return { device, token };
}

/** The lines and counters a display's settings name must exist (inactive ones may be named: they can come back). */
function checkDisplay(ctx: AppCtx, display: DisplaySettings): void {
  for (const id of display.serviceIds ?? []) {
    if (!ctx.store.services.byId(id)) throw new DomainError('validation_failed', `No service ${id}`, at('/display/serviceIds', `No service ${id}`));
  }
  for (const id of display.counterIds ?? []) {
    if (!ctx.store.counters.byId(id)) throw new DomainError('validation_failed', `No counter ${id}`, at('/display/counterIds', `No counter ${id}`));
  }
}

/**
 * Renames or revokes, or replaces a display's settings; revoking is for good (the sockets listen
 * for device:changed: they disconnect a revoked device and send a changed one its Device).
 */
export function updateDevice(ctx: AppCtx, { deviceId: id, ...patch }: DeviceUpdatePayload): Device {
  const d = ctx.store.devices.byId(id);
  if (!d) throw new DomainError('not_found', `No device ${id}`);
  if (d.revokedAt && patch.revoked === false) {
    throw new DomainError('conflict', 'A revoked device stays revoked; register it again for a new token');
  }
  if (patch.display !== undefined) {
    if (d.kind !== 'display') throw new DomainError('validation_failed', 'A kiosk has no display settings', at('/display', 'only a display has these settings'));
    checkDisplay(ctx, patch.display);
  }
  const revokedAt = patch.revoked ? (d.revokedAt ?? ctx.at) : d.revokedAt;
  const next: Device = { ...d, name: patch.name ?? d.name, revokedAt, display: patch.display ?? d.display };
  ctx.store.devices.update(next);
  audit(ctx, next);
  return next;
}

/**
 * A kiosk could not print a ticket it issued (the resident was shown the number and the QR code):
 * the supervisors are told at once, with which kiosk, which number and why, so someone refills the
 * paper. Nothing is printed later by the server; the ticket itself is unchanged.
 */
export function reportPrintFailure(ctx: AppCtx, p: PrintFailedPayload): PrintFailedResult {
  const ticket = ctx.store.tickets.byId(p.ticketId);
  if (!ticket) throw new DomainError('not_found', `No ticket ${p.ticketId}`, at('/ticketId', 'unknown'));
  if (ctx.principal.kind !== 'device') throw new DomainError('forbidden', 'Only the kiosk that printed reports a print failure');
  ctx.emit({
    type: 'alert:raised',
    data: {
      alert: {
        kind: 'print_failed',
        by: { kind: 'device', id: ctx.principal.id },
        deviceName: ctx.store.devices.byId(ctx.principal.id)?.name ?? ctx.principal.id,
        ticketId: ticket.id,
        number: ticket.number,
        reason: p.reason,
      },
    },
  });
  return { ticketId: ticket.id };
}
