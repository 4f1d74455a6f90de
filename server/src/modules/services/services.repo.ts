import type { Service } from '@jiaohao/shared';
import type { Db } from '../../db/database';

export class ServicesRepo {
  private readonly listStmt;
  private readonly upsert;
  private cache: Map<string, Service> | null = null;

  constructor(db: Db) {
    this.listStmt = db.prepare('SELECT doc FROM services ORDER BY sort_order, id').pluck();
    this.upsert = db.prepare(
      `INSERT INTO services (id, code, doc, active, sort_order) VALUES (@id, @code, @doc, @active, @sort_order)
       ON CONFLICT (id) DO UPDATE SET code = excluded.code, doc = excluded.doc, active = excluded.active, sort_order = excluded.sort_order`,
    );
  }

  private load(): Map<string, Service> {
    if (!this.cache) {
      this.cache = new Map((this.listStmt.all() as string[]).map((doc) => JSON.parse(doc) as Service).map((s) => [s.id, s]));
    }
    return this.cache;
  }

  forget(): void {
    this.cache = null;
  }

  list(): Service[] {
    return [...this.load().values()];
  }

  byId(id: string): Service | undefined {
    return this.load().get(id);
  }

  save(service: Service): void {
    this.upsert.run({
      id: service.id,
      code: service.code,
      doc: JSON.stringify(service),
      active: service.active ? 1 : 0,
      sort_order: service.sortOrder,
    });
    this.cache = null;
  }
}
