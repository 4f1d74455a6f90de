// The e-ticket page's entry (eticket.html, served at /t/<tracking token>): the token from the path,
// the language the resident chose here before (else the phone's until the ticket says its own), one
// socket to /public.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { namespaceSocket } from '@jiaohao/web';
import { createCallAlert } from './alert';
import { httpApi } from './api';
import { ETicketApp } from './ETicketApp';
import { browserLanguage, chosenLanguage, createETicketI18n, rememberLanguage, tokenFromPath } from './i18n';
import './eticket.css';

const container = document.getElementById('root');
if (!container) throw new Error('eticket.html has no #root element');
const storage = (() => {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
})();
const chosen = chosenLanguage(storage);
createRoot(container).render(
  <StrictMode>
    <ETicketApp
      token={tokenFromPath(window.location.pathname)}
      i18n={createETicketI18n(chosen ?? browserLanguage(navigator.languages))}
      transport={() => namespaceSocket('public')}
      api={httpApi()}
      alert={createCallAlert()}
      chosen={chosen}
      remember={(lang) => rememberLanguage(storage, lang)}
    />
  </StrictMode>,
);
