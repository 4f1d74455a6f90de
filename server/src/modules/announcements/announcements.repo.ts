// Announcements to the displays. Instants are stored as toISOString() writes them, so they compare as text.
import type { Announcement, LocalizedText } from '@jiaohao/shared';
import type { Db } from '../../db/database';

interface AnnouncementRow {
  id: string;
  texts: string;
  service_ids: string | null;
  posted_at: string;
  ends_at: string;
  withdrawn_at: string | null;
}

export interface StoredAnnouncement extends Announcement {
  readonly withdrawnAt: string | null;
}

const toAnnouncement = (r: AnnouncementRow): StoredAnnouncement => ({
  id: r.id,
  texts: JSON.parse(r.texts) as LocalizedText,
  serviceIds: r.service_ids === null ? null : (JSON.parse(r.service_ids) as string[]),
  postedAt: r.posted_at,
  endsAt: r.ends_at,
  withdrawnAt: r.withdrawn_at,
});

/** The public contract leaves out when it was withdrawn (a withdrawn one is shown nowhere). */
export function publicAnnouncement(a: StoredAnnouncement): Announcement {
  const { withdrawnAt: _withdrawnAt, ...announcement } = a;
  return announcement;
}

export class AnnouncementsRepo {
  private readonly insertStmt;
  private readonly byIdStmt;
  private readonly currentStmt;
  private readonly withdrawStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO announcements (id, texts, service_ids, posted_at, ends_at) VALUES (@id, @texts, @service_ids, @posted_at, @ends_at)`,
    );
    this.byIdStmt = db.prepare<[string]>('SELECT * FROM announcements WHERE id = ?');
    this.currentStmt = db.prepare<[string]>(
      'SELECT * FROM announcements WHERE withdrawn_at IS NULL AND ends_at > ? ORDER BY posted_at, id',
    );
    this.withdrawStmt = db.prepare<[string, string]>('UPDATE announcements SET withdrawn_at = ? WHERE id = ?');
  }

  insert(a: Announcement): void {
    this.insertStmt.run({
      id: a.id,
      texts: JSON.stringify(a.texts),
      service_ids: a.serviceIds === null ? null : JSON.stringify(a.serviceIds),
      posted_at: a.postedAt,
      ends_at: a.endsAt,
    });
  }

  byId(id: string): StoredAnnouncement | undefined {
    const row = this.byIdStmt.get(id) as AnnouncementRow | undefined;
    return row && toAnnouncement(row);
  }

  /** Those shown at `at` (an ISO instant): not withdrawn, not ended; oldest first. */
  current(at: string): Announcement[] {
    return (this.currentStmt.all(at) as AnnouncementRow[]).map((r) => publicAnnouncement(toAnnouncement(r)));
  }

  withdraw(id: string, at: string): void {
    this.withdrawStmt.run(at, id);
  }
}
