// Kiosks and displays: registered by an admin, identified by a long random token stored hashed.
import { randomBytes, randomUUID } from 'node:crypto';
import { DomainError, type Device, type DeviceKind } from '@jiaohao/shared';
import type { Store } from '../../core/store';
import type { Clock } from '../../core/engine';
import { hashToken } from '../tickets/tickets.service';
import { DEVICE_TOKEN_PREFIX } from '../auth/auth.service';

export class DevicesService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** The token is in this answer only; the database keeps its hash. */
  create(kind: DeviceKind, name: string): { device: Device; token: string } {
    const token = DEVICE_TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const device: Device = {
      id: randomUUID(),
      kind,
      name,
      createdAt: new Date(this.clock()).toISOString(),
      revokedAt: null,
      lastSeenAt: null,
    };
    this.store.devices.insert(device, hashToken(token));
    return { device, token };
  }

  list(): Device[] {
    return this.store.devices.list();
  }

  update(id: string, patch: { name?: string; revoked?: boolean }): Device {
    const d = this.store.devices.byId(id);
    if (!d) throw new DomainError('not_found', `No device ${id}`);
    if (d.revokedAt && patch.revoked === false) {
      throw new DomainError('conflict', 'A revoked device stays revoked; register it again for a new token');
    }
    const revokedAt = patch.revoked ? (d.revokedAt ?? new Date(this.clock()).toISOString()) : d.revokedAt;
    this.store.devices.update(id, patch.name ?? d.name, revokedAt);
    return { ...d, name: patch.name ?? d.name, revokedAt };
  }

  seen(id: string): void {
    this.store.devices.seen(id, new Date(this.clock()).toISOString());
  }
}
