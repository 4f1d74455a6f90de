// The booking pages' entry (book.html, served at /book and /book/m/<manage token>): which page from
// the path, the language the resident chose here before (else the phone's), the API over fetch.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { httpApi } from './api';
import { BookApp } from './BookApp';
import { browserLanguage, chosenLanguage, createBookI18n, rememberLanguage, routeOf } from './i18n';
import { ManageApp } from './ManageApp';
import './book.css';

const container = document.getElementById('root');
if (!container) throw new Error('book.html has no #root element');
const storage = (() => {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
})();
const chosen = chosenLanguage(storage);
const i18n = createBookI18n(chosen ?? browserLanguage(navigator.languages));
const remember = (lang: Parameters<typeof rememberLanguage>[1]) => rememberLanguage(storage, lang);
const route = routeOf(window.location.pathname);
const api = httpApi();
createRoot(container).render(
  <StrictMode>
    {route.page === 'manage' ? (
      <ManageApp token={route.token} i18n={i18n} api={api} chosen={chosen} remember={remember} />
    ) : (
      <BookApp i18n={i18n} api={api} remember={remember} origin={window.location.origin} />
    )}
  </StrictMode>,
);
