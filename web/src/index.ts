// What every web client shares (STYLE.md habits 13–16): the one connection store per namespace and
// its React hooks, the socket to a namespace, i18next over shared/'s catalogs, the moving clock.
export {
  createOfficeStore,
  type ClientAck,
  type ConnectionState,
  type ConnectionStatus,
  type EndedBy,
  type LastCall,
  type OfficeStore,
  type StoreOptions,
  type Transport,
} from './connection/store';
export { StoreProvider, useConnection, useStore } from './connection/react';
export { namespaceSocket, type SocketOptions } from './connection/socket';
export { makeI18n, savedLanguage, type I18nOptions } from './i18n';
export { useNow } from './useNow';
export { forgetToken, keepToken, takeToken, tokenInHash, type Pairing, type TokenStore } from './pairing';
export { LOST_AFTER_MS, useLost } from './useLost';
