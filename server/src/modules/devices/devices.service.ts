// Kiosks and displays: registered by an admin, identified by a long random token stored hashed.
import { randomBytes, randomUUID } from 'node:crypto';
import { DomainError, type Device, type DeviceKind } from '@jiaohao/shared';
import type { Store } from '../../core/store';
import type { Clock, Ctx, Engine } from '../../core/engine';
import { actorOf, type Principal } from '../../core/principal';
import { hashToken } from '../../core/tokens';
import { DEVICE_TOKEN_PREFIX } from '../auth/auth.service';

const SYSTEM: Principal = { kind: 'system' };

function audit(ctx: Ctx, d: Device): void {
  ctx.emit({ type: 'device:changed', reason: null, data: { device: { id: d.id, kind: d.kind, revoked: d.revokedAt !== null } } });
}

export class DevicesService {
  private readonly store: Store;
  private readonly clock: Clock;

  constructor(private readonly engine: Engine) {
    this.store = engine.store;
    this.clock = engine.clock;
  }

  /** The token is in this answer only; the database keeps its hash. */
  create(kind: DeviceKind, name: string, by: Principal = SYSTEM): { device: Device; token: string } {
    const token = DEVICE_TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const device: Device = {
      id: randomUUID(),
      kind,
      name,
      createdAt: new Date(this.clock()).toISOString(),
      revokedAt: null,
      lastSeenAt: null,
    };
    this.engine.run(actorOf(by), (ctx) => {
      this.store.devices.insert(device, hashToken(token));
      audit(ctx, device);
    });
    return { device, token };
  }

  list(): Device[] {
    return this.store.devices.list();
  }

  update(id: string, patch: { name?: string | undefined; revoked?: boolean | undefined }, by: Principal = SYSTEM): Device {
    return this.engine.run(actorOf(by), (ctx) => {
      const d = this.store.devices.byId(id);
      if (!d) throw new DomainError('not_found', `No device ${id}`);
      if (d.revokedAt && patch.revoked === false) {
        throw new DomainError('conflict', 'A revoked device stays revoked; register it again for a new token');
      }
      const revokedAt = patch.revoked ? (d.revokedAt ?? ctx.at) : d.revokedAt;
      const next = { ...d, name: patch.name ?? d.name, revokedAt };
      this.store.devices.update(id, next.name, revokedAt);
      audit(ctx, next);
      return next;
    });
  }

  seen(id: string): void {
    this.store.devices.seen(id, new Date(this.clock()).toISOString());
  }
}
