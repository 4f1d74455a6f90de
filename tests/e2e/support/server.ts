// A real server for a browser test: its own Node process (`node --import tsx server/src/server.ts`,
// never npx: STACK-NOTES G10) on a fresh SQLite file in a temporary folder and a free port.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './paths';

const SERVER_ENTRY = join(ROOT, 'server', 'src', 'server.ts');
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

/** The admin account every started server has (JIAOHAO_ADMIN_PASSWORD; the user name is fixed). */
export const ADMIN = Object.freeze({ username: 'admin', password: 'e2e-admin-password' });

export interface StartServerOptions {
  /**
   * Settings on top of the defaults below (see .env.example), e.g. `{ JIAOHAO_RATE_LIMITS: 'on' }`
   * for a test of the limits. PORT and JIAOHAO_DB are always the free port and the temporary file.
   */
  readonly env?: Readonly<Record<string, string>>;
  /** Command-line arguments for server.ts. */
  readonly args?: readonly string[];
}

export interface TestServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  readonly origin: string;
  /** An absolute URL on this server: `server.url('/counter/')`. */
  url(path: string): string;
  /** The SQLite file (in a temporary folder that stop() removes). */
  readonly dbPath: string;
  readonly pid: number;
  /** The last 20,000 characters the server printed (stdout and stderr together). */
  output(): string;
  /** How the process ended, or null while it runs (a test that did not stop it: it crashed). */
  exit(): { readonly code: number | null; readonly signal: NodeJS.Signals | null } | null;
  /** Stops the process as an operator would (SIGTERM), keeping its database, until resume(). */
  halt(): Promise<void>;
  /** Starts the server again on the same port and database after halt(). */
  resume(): Promise<void>;
  /** SIGTERM, then waits for the exit (SIGKILL after 10 s) and removes the temporary folder. Safe to call twice. */
  stop(): Promise<void>;
}

// Servers a worker started and has not stopped yet: killed if the worker exits without stopping them.
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** One server process on `port` (0: a free one), resolved once it printed its API address. */
interface Run {
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
  readonly origin: string;
  output(): string;
}

async function run(options: StartServerOptions, dbPath: string, port: number, before: string): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER_ENTRY, ...(options.args ?? [])], {
    cwd: ROOT,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      // One browser test signs in many times from 127.0.0.1; a test of the limits turns them on.
      JIAOHAO_RATE_LIMITS: 'off',
      ...options.env,
      PORT: String(port),
      JIAOHAO_DB: dbPath,
      JIAOHAO_ADMIN_PASSWORD: options.env?.JIAOHAO_ADMIN_PASSWORD ?? ADMIN.password,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);

  let out = before;
  const keep = (chunk: Buffer) => {
    out = (out + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      running.delete(child);
      resolve();
    });
  });
  try {
    const origin = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the server printed no API address within ${START_TIMEOUT_MS / 1000} s:\n${out}`)),
        START_TIMEOUT_MS,
      );
      const look = () => {
        // server.ts prints `  API            http://127.0.0.1:<port>/api/v1` once it listens.
        const match = /^\s*API\s+(http:\/\/\S+?)\/api\/v1\s*$/m.exec(out.slice(before.length));
        if (match?.[1]) {
          clearTimeout(timer);
          child.stdout!.off('data', look);
          resolve(match[1]);
        }
      };
      child.stdout!.on('data', look);
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`the server exited (code ${child.exitCode}, signal ${child.signalCode}) before it listened:\n${out}`));
      });
    });
    return { child, exited, origin, output: () => out };
  } catch (error) {
    await end({ child, exited });
    throw error;
  }
}

/** SIGTERM, then waits for the exit (SIGKILL after 10 s). */
async function end({ child, exited }: Pick<Run, 'child' | 'exited'>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

/** Starts the server and resolves once it printed its addresses (it is listening by then). */
export async function startServer(options: StartServerOptions = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'jiaohao-e2e-'));
  const dbPath = join(dir, 'jiaohao.db');
  let current: Run;
  try {
    current = await run(options, dbPath, 0, '');
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const origin = current.origin;
  const port = Number(new URL(origin).port);
  let halted = false;

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      await end(current);
      rmSync(dir, { recursive: true, force: true });
    })();
    return stopping;
  };

  return {
    origin,
    url: (path) => new URL(path, origin + '/').href,
    dbPath,
    get pid() {
      return current.child.pid!;
    },
    output: () => current.output(),
    exit: () =>
      halted || (current.child.exitCode === null && current.child.signalCode === null)
        ? null
        : { code: current.child.exitCode, signal: current.child.signalCode },
    async halt() {
      halted = true;
      await end(current);
    },
    async resume() {
      current = await run(options, dbPath, port, current.output());
      halted = false;
    },
    stop,
  };
}
