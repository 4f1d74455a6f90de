// The status page rendered on the server (built by vite.ssr.config.ts into dist-ssr/status.js,
// loaded by server/src/http/status-page.ts): the same tree the browser hydrates (main.tsx), with a
// store that holds the server's status and never connects. Plain functions of their inputs.
import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import type { PublicStatus } from '@jiaohao/shared/schemas';
import { docTitle, languageTag, type StatusLanguage } from '../public-status';
import { renderedStatusStore } from './connection';
import { StatusApp } from './StatusApp';

/** The markup that goes inside #root. */
export function renderStatusPage(status: PublicStatus | null, lang: StatusLanguage): string {
  return renderToString(
    <StrictMode>
      <StatusApp store={renderedStatusStore(status)} lang={lang} />
    </StrictMode>,
  );
}

/** The page's <title> and <html lang> in that language. */
export function statusPageHead(status: PublicStatus | null, lang: StatusLanguage): { title: string; lang: string } {
  return { title: docTitle(status, lang), lang: languageTag(lang) };
}
