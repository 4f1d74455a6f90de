// The status page's entry in the browser (status.html, served at /status): the server rendered the
// page and put its status beside it (island.ts); hydrate from that, then go live over /public.
// Without the server's rendering (Vite's development server), render from nothing and wait.
import { StrictMode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { namespaceSocket } from '@jiaohao/web';
import { statusLanguage } from '../public-status';
import { createStatusStore } from './connection';
import { readIsland } from './island';
import { StatusApp } from './StatusApp';
import './status.css';

const container = document.getElementById('root');
if (!container) throw new Error('status.html has no #root element');
const island = readIsland(document);
const lang = island?.lang ?? statusLanguage(new URLSearchParams(window.location.search).get('lang'));
const store = createStatusStore(namespaceSocket('public'), island?.status ?? null);
const app = (
  <StrictMode>
    <StatusApp store={store} lang={lang} />
  </StrictMode>
);
if (island && container.firstElementChild) hydrateRoot(container, app);
else createRoot(container).render(app);
