import { DEFAULT_DISPLAY_SETTINGS, type Device, type DeviceKind, type DisplaySettings } from '@jiaohao/shared';
import type { Db } from '../../db/database';

interface DeviceRow {
  id: string;
  kind: DeviceKind;
  name: string;
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
  last_seen_at: string | null;
  /** DisplaySettings as JSON; NULL for a kiosk, and for a display registered before displays had settings. */
  display: string | null;
}

/**
 * A display's settings as stored, over the defaults: a display registered before it had settings
 * has the defaults, and one stored before a setting existed has that setting's default.
 */
function displayOf(r: DeviceRow): DisplaySettings | null {
  if (r.kind !== 'display') return null;
  if (r.display === null) return DEFAULT_DISPLAY_SETTINGS;
  return { ...DEFAULT_DISPLAY_SETTINGS, ...(JSON.parse(r.display) as Partial<DisplaySettings>) };
}

function toDevice(r: DeviceRow): Device {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
    lastSeenAt: r.last_seen_at,
    display: displayOf(r),
  };
}

const displayJson = (d: Device): string | null => (d.display === null ? null : JSON.stringify(d.display));

export class DevicesRepo {
  private readonly insertStmt;
  private readonly listStmt;
  private readonly byIdStmt;
  private readonly byTokenStmt;
  private readonly updateStmt;
  private readonly seenStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      'INSERT INTO devices (id, kind, name, token_hash, created_at, display) VALUES (@id, @kind, @name, @token_hash, @created_at, @display)',
    );
    this.listStmt = db.prepare('SELECT * FROM devices ORDER BY created_at, id');
    this.byIdStmt = db.prepare<[string]>('SELECT * FROM devices WHERE id = ?');
    this.byTokenStmt = db.prepare<[string]>('SELECT * FROM devices WHERE token_hash = ? AND revoked_at IS NULL');
    this.updateStmt = db.prepare<[string, string | null, string | null, string]>('UPDATE devices SET name = ?, revoked_at = ?, display = ? WHERE id = ?');
    this.seenStmt = db.prepare<[string, string]>('UPDATE devices SET last_seen_at = ? WHERE id = ?');
  }

  insert(d: Device, tokenHash: string): void {
    this.insertStmt.run({ id: d.id, kind: d.kind, name: d.name, token_hash: tokenHash, created_at: d.createdAt, display: displayJson(d) });
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
  /** Its name, revocation and display settings (the kind and token never change). */
  update(d: Device): void {
    this.updateStmt.run(d.name, d.revokedAt, displayJson(d), d.id);
  }
  seen(id: string, at: string): void {
    this.seenStmt.run(at, id);
  }
}
