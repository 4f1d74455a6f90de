// The store reaches views through one context and one hook (useSyncExternalStore).
import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { ConnectionState, OfficeStore } from './store';

const StoreContext = createContext<OfficeStore | null>(null);

export function StoreProvider({ store, children }: { store: OfficeStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useStore(): OfficeStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useStore outside StoreProvider');
  return store;
}

export function useConnection(): ConnectionState {
  const store = useStore();
  return useSyncExternalStore(store.subscribe, store.getState);
}
