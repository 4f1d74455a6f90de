import type { Device, DeviceKind } from '@jiaohao/shared';
import type { Db } from '../../db/database';

interface DeviceRow {
  id: string;
  kind: DeviceKind;
  name: string;
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
  last_seen_at: string | null;
}

function toDevice(r: DeviceRow): Device {
  return { id: r.id, kind: r.kind, name: r.name, createdAt: r.created_at, revokedAt: r.revoked_at, lastSeenAt: r.last_seen_at };
}

export class DevicesRepo {
  private readonly insertStmt;
  private readonly listStmt;
  private readonly byIdStmt;
  private readonly byTokenStmt;
  private readonly updateStmt;
  private readonly seenStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      'INSERT INTO devices (id, kind, name, token_hash, created_at) VALUES (@id, @kind, @name, @token_hash, @created_at)',
    );
    this.listStmt = db.prepare('SELECT * FROM devices ORDER BY created_at, id');
    this.byIdStmt = db.prepare<[string]>('SELECT * FROM devices WHERE id = ?');
    this.byTokenStmt = db.prepare<[string]>('SELECT * FROM devices WHERE token_hash = ? AND revoked_at IS NULL');
    this.updateStmt = db.prepare<[string, string | null, string]>('UPDATE devices SET name = ?, revoked_at = ? WHERE id = ?');
    this.seenStmt = db.prepare<[string, string]>('UPDATE devices SET last_seen_at = ? WHERE id = ?');
  }

  insert(d: Device, tokenHash: string): void {
    this.insertStmt.run({ id: d.id, kind: d.kind, name: d.name, token_hash: tokenHash, created_at: d.createdAt });
  }
  list(): Device[] {
    return (this.listStmt.all() as DeviceRow[]).map(toDevice);
  }
  byId(id: string): Device | undefined {
    const r = this.byIdStmt.get(id) as DeviceRow | undefined;
    return r && toDevice(r);
  }
  byTokenHash(hash: string): Device | undefined {
    const r = this.byTokenStmt.get(hash) as DeviceRow | undefined;
    return r && toDevice(r);
  }
  update(id: string, name: string, revokedAt: string | null): void {
    this.updateStmt.run(name, revokedAt, id);
  }
  seen(id: string, at: string): void {
    this.seenStmt.run(at, id);
  }
}
