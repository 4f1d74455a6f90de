// Running the CUPS command-line tools: always an argument array, never a shell string, so no
// printer name, title or path can be read as shell syntax.
import { spawn } from 'node:child_process';

export interface CommandResult {
  /** The exit code; null when the command could not start or was killed (then `stderr` says why). */
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one command; injectable so tests can play CUPS. */
export type RunCommand = (command: string, args: readonly string[]) => Promise<CommandResult>;

const MAX_OUTPUT = 1024 * 1024;

export interface RunOptions {
  /** Kills the command after this long (a hung scheduler must not hang the kiosk). */
  timeoutMs?: number;
}

/**
 * The real runner. The C locale keeps the tools' output (and the scheduler's messages) in the
 * English the parsers in print.ts read.
 */
export function runCommand(command: string, args: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let settled = false;
    const done = (result: CommandResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    const child = spawn(command, [...args], {
      shell: false,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
      timeout: timeoutMs,
      killSignal: 'SIGKILL',
    });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (stdout.length < MAX_OUTPUT) stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderr.length < MAX_OUTPUT) stderr += chunk;
    });
    child.on('error', (error) => done({ code: null, stdout, stderr: `cannot run ${command}: ${error.message}` }));
    child.on('close', (code, signal) => {
      if (signal) done({ code: null, stdout, stderr: `${stderr}${command} was stopped by ${signal} (after ${timeoutMs} ms?)`.trim() });
      else done({ code, stdout, stderr });
    });
  });
}

export const defaultRunner: RunCommand = (command, args) => runCommand(command, args);
