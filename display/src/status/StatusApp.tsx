// The public waiting-count page (/status): the connection store's status, drawn by StatusPage, in
// the language of the address (?lang=en) until the visitor switches. The server renders the same
// tree with a store that never connects (server.tsx); in the browser it is hydrated and goes live.
import { useCallback, useEffect, useState } from 'react';
import { useLost } from '@jiaohao/web';
import { docTitle, languageTag, liveness, type StatusLanguage } from '../public-status';
import { useStatus, type StatusStore } from './connection';
import { StatusPage, statusHref } from './StatusPage';

export interface StatusAppProps {
  readonly store: StatusStore;
  readonly lang: StatusLanguage;
}

export function StatusApp({ store, lang: initialLang }: StatusAppProps) {
  const conn = useStatus(store);
  const [lang, setLang] = useState(initialLang);
  const online = conn.link === 'online';
  const lost = useLost(online);
  const state = liveness({ started: conn.started, online, lost });

  const title = docTitle(conn.status, lang);
  useEffect(() => {
    document.title = title;
    document.documentElement.lang = languageTag(lang);
  }, [title, lang]);

  const onLanguage = useCallback((next: StatusLanguage) => {
    setLang(next);
    // The address says the language, so a reload or a shared link shows the same page.
    window.history.replaceState(null, '', statusHref(next));
  }, []);

  return <StatusPage status={conn.status} lang={lang} liveness={state} onLanguage={onLanguage} />;
}
