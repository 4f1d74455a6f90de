// What the server puts beside the rendered page: the status it rendered and the language, as JSON
// in <script type="application/json" id="initial-status">, so the browser hydrates from the same state.
import type { PublicStatus } from '@jiaohao/shared/schemas';
import { statusLanguage, type StatusLanguage } from '../public-status';

export const ISLAND_ID = 'initial-status';

export interface Island {
  readonly lang: StatusLanguage;
  readonly status: PublicStatus | null;
}

/** The island's contents, or null when there is none (the page served by Vite in development) or it does not parse. */
export function readIsland(doc: Document): Island | null {
  const text = doc.getElementById(ISLAND_ID)?.textContent;
  if (!text) return null;
  try {
    const raw = JSON.parse(text) as { lang?: unknown; status?: unknown };
    const status = raw.status && typeof raw.status === 'object' ? (raw.status as PublicStatus) : null;
    return { lang: statusLanguage(typeof raw.lang === 'string' ? raw.lang : null), status };
  } catch {
    return null;
  }
}
