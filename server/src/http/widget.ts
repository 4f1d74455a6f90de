// The waiting-count widget for the office's own website, two ways: a script tag (`/widget.js`,
// built from display/src/widget/ into display/dist-widget/) that draws a small box into the host
// page, and an <iframe> page (`/embed`) that holds the same box. Both are made to be used from
// other sites: any page may load the script and frame the page.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { EMBED_PATH, WIDGET_PATH } from '@jiaohao/shared/rules';
import type { Config } from '../config';
import { sendNotBuilt } from './clients';
import { rateLimit } from './context';

export const WIDGET_FILE = 'display/dist-widget/widget.js';
const WIDGET = { label: 'widget', workspace: 'display' } as const;

/** A rebuilt widget reaches the host pages within minutes, without a hashed name to change in their HTML. */
const WIDGET_CACHE = 'public, max-age=300';

const EMBED_LANGUAGES = { 'zh-TW': '即時候位人數', en: 'Live waiting count' } as const;
type EmbedLanguage = keyof typeof EMBED_LANGUAGES;

/** The iframe page: the widget filling the frame, in the language asked for (Traditional Chinese by default). */
export function embedPage(lang: EmbedLanguage): string {
  // The only values put into the page are these two constants: nothing from the request.
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${EMBED_LANGUAGES[lang]}</title>
<style>html,body{margin:0;padding:0;background:transparent}main{display:block}</style>
</head>
<body>
<main id="jiaohao-embed"></main>
<script src="${WIDGET_PATH}" data-target="#jiaohao-embed" data-lang="${lang}" data-frame="resize"></script>
</body>
</html>
`;
}

export async function registerWidget(app: FastifyInstance, config: Config): Promise<void> {
  const file = join(config.clientsDir, WIDGET_FILE);
  const limited = { config: rateLimit(config, config.publicPerMinute) };

  app.get(WIDGET_PATH, { schema: { hide: true }, ...limited }, async (_request, reply) => {
    let script: Buffer;
    try {
      // Read at each request (it is small, and the OS caches it), so a new build is served without a restart.
      script = await readFile(file);
    } catch {
      return sendNotBuilt(reply, WIDGET);
    }
    return reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', WIDGET_CACHE)
      .header('access-control-allow-origin', '*')
      .send(script);
  });

  app.get<{ Querystring: { lang?: string } }>(EMBED_PATH, { schema: { hide: true }, ...limited }, async (request, reply) => {
    const lang: EmbedLanguage = request.query.lang === 'en' ? 'en' : 'zh-TW';
    // Any site may frame it: helmet's X-Frame-Options and frame-ancestors 'self' are lifted here only.
    reply.removeHeader('x-frame-options');
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header(
        'content-security-policy',
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors *; base-uri 'self'; form-action 'none'",
      )
      .send(embedPage(lang));
  });
}
