// The real server and the operator's scripts as their own processes (node --import tsx, one process,
// no npx wrapper: its pid is the one that holds the database), for the tests of what happens to
// the files and the crashes: tests/src/single-instance, backup, storage-faults, crash and
// crash-clients tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const SERVER_ENTRY = join(ROOT, 'server', 'src', 'server.ts');
const START_TIMEOUT_MS = 30_000;
export const PASSWORD = 'a-test-admin-password';

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  readonly child: ChildProcess;
  /** The process that holds the database (no wrapper in between). */
  readonly pid: number;
  readonly base: string;
  readonly exited: Promise<Exit>;
  output(): string;
  /** SIGTERM, and the exit. */
  stop(): Promise<Exit>;
}

const live = new Set<ChildProcess>();
/** Every process a test started and did not see exit (afterAll kills them, by their own handle). */
export function killAll(): void {
  for (const child of live) child.kill('SIGKILL');
  live.clear();
}

function serverEnv(dbPath: string, env: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    JIAOHAO_DB: dbPath,
    JIAOHAO_ADMIN_PASSWORD: PASSWORD,
    JIAOHAO_RATE_LIMITS: 'off',
    LOG_LEVEL: 'warn',
    ...env,
  };
}

function launch(dbPath: string, env: Record<string, string>): { child: ChildProcess; exited: Promise<Exit>; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER_ENTRY], { cwd: ROOT, env: serverEnv(dbPath, env), stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  let out = '';
  const keep = (chunk: Buffer) => {
    out = (out + chunk.toString('utf8')).slice(-50_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<Exit>((resolve) =>
    child.on('exit', (code, signal) => {
      live.delete(child);
      resolve({ code, signal });
    }),
  );
  return { child, exited, output: () => out };
}

/**
 * Starts a server and waits for its "API" line and a healthy /health. `env` overrides the test
 * settings: e.g. PORT of a server that was killed, so connected clients find the new one.
 */
export async function startServer(dbPath: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const { child, exited, output } = launch(dbPath, env);
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not print its API line within ${START_TIMEOUT_MS} ms:\n${output()}`)), START_TIMEOUT_MS);
    child.stdout!.on('data', () => {
      const m = /^\s*API\s+(http:\/\/\S+\/api\/v1)\s*$/m.exec(output());
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`server exited (code ${code}, signal ${signal}) before it listened:\n${output()}`));
    });
  });
  const health = await http<{ status: string }>(base, 'GET', '/health');
  if (health.status !== 200 || health.body.status !== 'ok') throw new Error(`health answered ${health.status} ${JSON.stringify(health.body)}`);
  return {
    child,
    pid: child.pid!,
    base,
    exited,
    output,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Starts a server that is expected to refuse to start: its exit and its output. */
export async function startRefused(dbPath: string, env: Record<string, string> = {}): Promise<Exit & { output: string }> {
  const { exited, output } = launch(dbPath, env);
  const exit = await exited;
  return { ...exit, output: output() };
}

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs one of the root package.json's scripts as its script line does (node --import tsx <file>). */
export function runScript(file: 'verify-log' | 'restore', env: Record<string, string>, args: readonly string[] = []): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server', 'src', `${file}.ts`), ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    live.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      live.delete(child);
      resolve({ code, stdout, stderr });
    });
  });
}

export interface Reply<T = unknown> {
  readonly status: number;
  readonly body: T;
}

/** One request; resolves only when the whole body arrived and parsed (that is an acknowledgement). */
export async function http<T = Record<string, unknown>>(base: string, method: string, path: string, token?: string, body?: unknown): Promise<Reply<T>> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  let payload: string | undefined;
  if (method !== 'GET') {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body ?? {});
  }
  const res = await fetch(base + path, { method, headers, body: payload, signal: AbortSignal.timeout(15_000) });
  return { status: res.status, body: JSON.parse(await res.text()) as T };
}

/** Logs in as admin and opens issuing (the demo office issues by its hours otherwise). */
export async function adminReady(base: string): Promise<string> {
  const login = await http<{ token: string }>(base, 'POST', '/auth/login', undefined, { username: 'admin', password: PASSWORD });
  if (login.status !== 200) throw new Error(`login: ${login.status} ${JSON.stringify(login.body)}`);
  const office = await http(base, 'PATCH', '/office', login.body.token, { issuingMode: 'open' });
  if (office.status !== 200) throw new Error(`office: ${office.status} ${JSON.stringify(office.body)}`);
  return login.body.token;
}

export interface IssuedTicket {
  readonly id: string;
  readonly number: string;
  readonly value: number;
  readonly serviceId: string;
}

export async function issue(base: string, token: string, serviceId = 'household'): Promise<Reply<{ ticket?: IssuedTicket; error?: { code: string; message: string } }>> {
  return http(base, 'POST', '/tickets', token, { serviceId });
}
