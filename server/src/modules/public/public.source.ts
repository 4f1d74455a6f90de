// Where the public feeds and the /public namespace read an office's public view from: the office
// server's own PublicFeed, or (on a public node, src/scale/) the snapshots its offices put in Redis.
// Both edges are written once against this, so the two kinds of server answer alike.
import { DomainError } from '@jiaohao/shared';
import type { PublicFeed, PublicView } from './public.service';

export interface PublicSource {
  /**
   * The current view of the office asked for by `?office=` (undefined: the only one there is).
   * Throws not_found for an office the source does not know.
   */
  current(office: string | undefined): PublicView;
  /** Every new view of any office, once per change; returns its removal. */
  subscribe(listener: (view: PublicView) => void): () => void;
  /**
   * Since when this office's view may be out of date (its source lost Redis), as an ISO time; null
   * while it is current. The office server's own feed is never stale.
   */
  staleSince(officeId: string): string | null;
}

export const unknownOffice = (office: string) => new DomainError('not_found', `No office "${office.slice(0, 80)}" here`);

/** The office server's source: its one office, the one it runs (any other id is not_found). */
export function feedSource(feed: PublicFeed): PublicSource {
  return {
    current(office) {
      const view = feed.current();
      if (office !== undefined && office !== view.status.office.id) throw unknownOffice(office);
      return view;
    },
    subscribe: (listener) => feed.subscribe(listener),
    staleSince: () => null,
  };
}
