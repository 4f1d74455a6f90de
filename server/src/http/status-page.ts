// The public waiting-count page at /status, rendered on the server so it shows the counts with
// JavaScript off (and at once with it on). The page is display/dist/status.html with the markup of
// the display's SSR bundle (display/dist-ssr/status.js, the same React tree the browser hydrates) in
// #root, and the status it was rendered from beside it as JSON, for the hydration. Both files are
// read again when their mtime changes, so a rebuild shows without a restart. The status is the
// public feed's cached one (s.feed.current()), and a render is kept until the status, the language
// or a build changes: a busy morning of reloads renders once per change.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { PublicStatus } from '@jiaohao/shared';
import { LANGUAGE_TAGS } from '@jiaohao/shared/i18n';
import { STATUS_PATH } from '@jiaohao/shared/rules';
import { sendNotBuilt } from './clients';
import { rateLimit, type AppServices } from './context';

export const STATUS_PAGE = {
  workspace: 'display',
  label: 'public status page',
  /** The page Vite built, relative to the clients folder. */
  file: 'display/dist/status.html',
  /** The server-side rendering bundle (display/vite.ssr.config.ts). */
  ssr: 'display/dist-ssr/status.js',
} as const;

/** Where status.html takes the rendered markup (inside #root) and the JSON island (after it). */
export const SSR_OUTLET = '<!--ssr-outlet-->';
export const SSR_DATA = '<!--ssr-data-->';
export const ISLAND_ID = 'initial-status';

export type PageLanguage = 'zh-TW' | 'en';

/** What dist-ssr/status.js exports (display/src/status/server.tsx). */
export interface StatusSsr {
  renderStatusPage(status: PublicStatus | null, lang: PageLanguage): string;
  statusPageHead?(status: PublicStatus | null, lang: PageLanguage): { title: string; lang: string };
}

/** The page's language from ?lang=: English when asked for, else Traditional Chinese (as the page's own statusLanguage). */
export const pageLanguage = (asked: unknown): PageLanguage => (asked === 'en' ? 'en' : 'zh-TW');

/**
 * JSON that is safe inside a <script> element: no `<` (so no `</script>` and no `<!--`), `>` and `&`
 * escaped as well, and the two line separators old parsers took for line ends. JSON.parse reads it back unchanged.
 */
export function islandJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A file loaded again only when its mtime changed; null while it is missing. */
function watched<T>(file: string, load: (file: string, mtimeMs: number) => Promise<T>) {
  let current: { mtimeMs: number; value: Promise<T> } | null = null;
  return async (): Promise<{ value: T; version: number } | null> => {
    let mtimeMs: number;
    try {
      mtimeMs = (await stat(file)).mtimeMs;
    } catch {
      current = null;
      return null;
    }
    if (current?.mtimeMs !== mtimeMs) current = { mtimeMs, value: load(file, mtimeMs) };
    const loading = current;
    try {
      return { value: await loading.value, version: mtimeMs };
    } catch (err) {
      // A half-written file (a build in progress): try again at the next request.
      if (current === loading) current = null;
      throw err;
    }
  };
}

export async function registerStatusPage(app: FastifyInstance, s: AppServices): Promise<void> {
  const clientsDir = s.config.clientsDir;
  const template = watched(join(clientsDir, STATUS_PAGE.file), (file) => readFile(file, 'utf8'));
  // Each build is a new URL, so Node loads the new bundle rather than the one it cached.
  const bundle = watched(join(clientsDir, STATUS_PAGE.ssr), (file, mtimeMs) => import(`${pathToFileURL(file).href}?v=${mtimeMs}`) as Promise<StatusSsr>);
  let saidMissing = false;
  let saidBroken = -1;
  const rendered = new Map<PageLanguage, { status: PublicStatus; html: string; ssr: number; page: string }>();

  async function ssrModule(): Promise<{ value: StatusSsr; version: number } | null> {
    try {
      const found = await bundle();
      if (found) saidMissing = false;
      else if (!saidMissing) {
        saidMissing = true;
        app.log.warn(`${join(clientsDir, STATUS_PAGE.ssr)} is missing: ${STATUS_PATH} is served without its prerendered content (the script still fills it in) until the display is built`);
      }
      return found;
    } catch (err) {
      app.log.error({ err }, `could not load ${STATUS_PAGE.ssr}: ${STATUS_PATH} is served without its prerendered content`);
      return null;
    }
  }

  function render(page: string, ssr: { value: StatusSsr; version: number } | null, status: PublicStatus, lang: PageLanguage): string {
    let markup = '';
    let head = { title: null as string | null, lang: LANGUAGE_TAGS[lang] };
    if (ssr) {
      try {
        markup = ssr.value.renderStatusPage(status, lang);
        const h = ssr.value.statusPageHead?.(status, lang);
        if (h) head = h;
      } catch (err) {
        if (saidBroken !== ssr.version) app.log.error({ err }, `${STATUS_PAGE.ssr} failed to render: ${STATUS_PATH} is served without its prerendered content`);
        saidBroken = ssr.version;
        markup = '';
      }
    }
    const island = `<script type="application/json" id="${ISLAND_ID}">${islandJson({ lang, status })}</script>`;
    let html = page.replace(/<html\b[^>]*>/i, `<html lang="${escapeHtml(head.lang)}">`);
    if (head.title !== null) {
      const title = escapeHtml(head.title);
      html = html.replace(/<title>[^<]*<\/title>/i, () => `<title>${title}</title>`);
    }
    // Functions, not strings, as replacements: a `$&` in the data must stay as it is.
    return html.replace(SSR_OUTLET, () => markup).replace(SSR_DATA, () => island);
  }

  app.get<{ Querystring: { lang?: string } }>(
    STATUS_PATH,
    // The rendered page carries the public status: limited like the public feeds.
    { schema: { hide: true }, config: rateLimit(s.config, s.config.publicPerMinute) },
    async (request, reply) => {
      const lang = pageLanguage(request.query.lang);
      const page = await template();
      if (!page) return sendNotBuilt(reply, STATUS_PAGE);
      const ssr = await ssrModule();
      const { status } = s.feed.current();
      const ssrVersion = ssr?.version ?? -1;
      let kept = rendered.get(lang);
      if (!kept || kept.status !== status || kept.ssr !== ssrVersion || kept.page !== page.value) {
        kept = { status, ssr: ssrVersion, page: page.value, html: render(page.value, ssr, status, lang) };
        rendered.set(lang, kept);
      }
      return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(kept.html);
    },
  );

  // The page's old address (README, bookmarks): the one page, rendered.
  app.get<{ Querystring: { lang?: string } }>('/display/status.html', { schema: { hide: true } }, async (request, reply) =>
    reply.redirect(pageLanguage(request.query.lang) === 'en' ? `${STATUS_PATH}?lang=en` : STATUS_PATH, 302),
  );
}
