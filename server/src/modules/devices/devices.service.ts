// Kiosks and displays: registered by an admin, identified by a long random token stored hashed.
import { randomBytes, randomUUID } from 'node:crypto';
import { DomainError, type Device, type DeviceCreate, type DeviceCreated, type DeviceUpdatePayload } from '@jiaohao/shared';
import type { AppCtx } from '../../store';
import { DEVICE_TOKEN_PREFIX, hashToken } from '../../core/tokens';

function audit(ctx: AppCtx, d: Device): void {
  ctx.emit({ type: 'device:changed', data: { device: { id: d.id, kind: d.kind, revoked: d.revokedAt !== null } } });
}

/** The token is in this answer only; the database keeps its hash. */
export function createDevice(ctx: AppCtx, input: DeviceCreate): DeviceCreated {
  const token = DEVICE_TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const device: Device = { id: randomUUID(), kind: input.kind, name: input.name, createdAt: ctx.at, revokedAt: null, lastSeenAt: null };
  ctx.store.devices.insert(device, hashToken(token));
  audit(ctx, device);
  return { device, token };
}

/** Renames or revokes; revoking is for good (the sockets listen for device:changed and disconnect it). */
export function updateDevice(ctx: AppCtx, { deviceId: id, ...patch }: DeviceUpdatePayload): Device {
  const d = ctx.store.devices.byId(id);
  if (!d) throw new DomainError('not_found', `No device ${id}`);
  if (d.revokedAt && patch.revoked === false) {
    throw new DomainError('conflict', 'A revoked device stays revoked; register it again for a new token');
  }
  const revokedAt = patch.revoked ? (d.revokedAt ?? ctx.at) : d.revokedAt;
  const next = { ...d, name: patch.name ?? d.name, revokedAt };
  ctx.store.devices.update(id, next.name, revokedAt);
  audit(ctx, next);
  return next;
}
