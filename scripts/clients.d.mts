// Types for clients.mjs, which stays plain JavaScript so `npm start` runs it before any TypeScript.
export interface Client {
  /** As in `npm run build -w <workspace>` and in messages. */
  readonly name: string;
  /** The npm workspace folder (holds package.json). */
  readonly workspace: string;
  /** The folder with index.html and vite.config.ts, relative to the repo root. */
  readonly viteRoot: string;
  /** The build output, relative to the repo root. */
  readonly distDir: string;
  /** Where the server serves it, with the trailing slash. */
  readonly path: string;
  /** Other files a whole build has, relative to the repo root (display: the SSR bundle). */
  readonly outputs?: readonly string[];
}

export interface StaleClient extends Client {
  readonly reason: string;
}

export const CLIENTS: readonly Client[];

export function staleClients(rootDir: string): StaleClient[];

export function buildClients(rootDir: string, names: readonly string[], options?: { signal?: AbortSignal }): Promise<void>;
