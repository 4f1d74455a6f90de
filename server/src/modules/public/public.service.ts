// The public (aggregate) status, rebuilt at most once per change of seq and shared by the REST
// feed, the SSE stream and the /public socket namespace.
import { createHash } from 'node:crypto';
import { isIssuingOpen, publicStatus, rollingHandlingMinutes, type PublicStatus } from '@jiaohao/shared';
import type { Engine } from '../../core/engine';

export interface PublicView {
  readonly status: PublicStatus;
  readonly json: string;
  readonly etag: string;
}

export type PublicListener = (view: PublicView) => void;

export class PublicFeed {
  private cached: PublicView | null = null;
  private cachedMinute = -1;
  private readonly listeners = new Set<PublicListener>();
  private scheduled = false;
  private readonly unsubscribe: () => void;

  constructor(private readonly engine: Engine) {
    // A burst of commands (a busy morning) produces one public update, not one per event.
    this.unsubscribe = engine.onEvents(() => {
      if (this.scheduled || this.listeners.size === 0) return;
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        if (this.listeners.size === 0) return;
        const view = this.current();
        for (const l of this.listeners) l(view);
      });
    });
  }

  subscribe(listener: PublicListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.unsubscribe();
    this.listeners.clear();
  }

  current(): PublicView {
    const { store } = this.engine;
    const now = this.engine.clock();
    // The issuing state follows the clock too (sessions), so the cache also expires every minute.
    const minute = Math.floor(now / 60_000);
    if (this.cached && this.cached.status.seq === store.events.lastSeq && minute === this.cachedMinute) return this.cached;
    const snapshot = this.engine.snapshot();
    const handlingMinutes: Record<string, number> = {};
    for (const s of snapshot.services) {
      handlingMinutes[s.id] = rollingHandlingMinutes(store.tickets.recentHandlingMs(s.id, snapshot.businessDate), s.targetHandlingMinutes);
    }
    const office = snapshot.office;
    const status = publicStatus(snapshot, {
      issuingOpen: isIssuingOpen(office.issuingMode, office.sessions, now, office.timeZone),
      handlingMinutes,
    });
    // updatedAt is when the data last changed, so an unchanged feed keeps its ETag.
    const stable = { ...status, updatedAt: this.cached?.status.seq === status.seq ? this.cached.status.updatedAt : status.updatedAt };
    const json = JSON.stringify(stable);
    this.cached = { status: stable, json, etag: `"${createHash('sha1').update(json).digest('base64url')}"` };
    this.cachedMinute = minute;
    return this.cached;
  }
}
