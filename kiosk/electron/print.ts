// Printing a ticket: fetch its PDF from the server, hand it to CUPS, wait until CUPS says the job
// completed, and on any failure cancel the job, so a ticket never comes out minutes later for
// nobody. No Electron here: tests/src/kiosk-print.test.ts runs this very code against a real CUPS.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PrintFailureReason, PrintResult } from './api';
import { defaultRunner, type CommandResult, type RunCommand } from './commands';

/** What printing needs of the kiosk's settings (config.ts). */
export interface PrintSettings {
  serverUrl: string;
  deviceToken: string;
  printer: string | null;
  /** `lp -o media=…`; null: the PDF's own page size. */
  media: string | null;
}

export interface TicketToPrint {
  ticketId: string;
  trackingToken: string;
}

export interface PrintDeps {
  /** Runs lpstat, lp and cancel; a fake in unit tests. */
  run?: RunCommand;
  fetch?: typeof globalThis.fetch;
  platform?: NodeJS.Platform;
  /** Where the PDF is written before `lp` reads it. */
  tmpDir?: string;
  /** A monotonic clock in ms, and a way to wait: fakes let tests time out instantly. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  downloadTimeoutMs?: number;
  /** From submitting the job until CUPS reports it completed. */
  jobTimeoutMs?: number;
  pollMs?: number;
}

export const PRINT_DEFAULTS = {
  downloadTimeoutMs: 10_000,
  jobTimeoutMs: 30_000,
  pollMs: 250,
  /** A ticket is tens of kilobytes; anything near this is not a ticket. */
  maxPdfBytes: 5 * 1024 * 1024,
} as const;

type Failure = Extract<PrintResult, { ok: false }>;
const fail = (reason: PrintFailureReason, message: string): Failure => ({ ok: false, reason, message });

/** The first line a command said, for a message. */
function said(result: CommandResult): string {
  const line = (result.stderr.trim() || result.stdout.trim()).split('\n')[0]?.trim();
  return line ? line : `exit code ${result.code ?? 'none'}`;
}

/** Prints one ticket; never throws. */
export async function printTicket(settings: PrintSettings, ticket: TicketToPrint, deps: PrintDeps = {}): Promise<PrintResult> {
  if (settings.printer === null) return fail('no_printer', 'No printer is configured (the "printer" setting is empty)');
  const platform = deps.platform ?? process.platform;
  try {
    if (platform === 'linux') return await printWithCups(settings.printer, settings, ticket, deps);
    return printWithOsPrintApi(platform);
  } catch (error) {
    return fail('printer_error', `Printing failed unexpectedly: ${(error as Error).message}`);
  }
}

/**
 * Windows and macOS: NOT IMPLEMENTED. There the shell would load the downloaded PDF into a hidden
 * BrowserWindow and call `webContents.print({ silent: true, deviceName: printer })`, checking the
 * printer with `webContents.getPrintersAsync()` first. (macOS also has CUPS and the same lp/lpstat
 * tools, so printWithCups may well work there, but it has not been tried, so it is not claimed.)
 */
export function printWithOsPrintApi(platform: NodeJS.Platform): Failure {
  return fail(
    'printer_error',
    `Printing is implemented for Linux (CUPS) only; on ${platform} it is not implemented yet (it would use Electron's webContents.print with silent: true)`,
  );
}

async function printWithCups(printer: string, settings: PrintSettings, ticket: TicketToPrint, deps: PrintDeps): Promise<PrintResult> {
  const run = deps.run ?? defaultRunner;
  const refused = await checkPrinter(run, printer);
  if (refused) return refused;
  const pdf = await download(settings, ticket, deps);
  if (!(pdf instanceof Uint8Array)) return pdf;
  const dir = await mkdtemp(join(deps.tmpDir ?? tmpdir(), 'jiaohao-ticket-'));
  try {
    const file = join(dir, 'ticket.pdf');
    await writeFile(file, pdf, { mode: 0o600 });
    return await submitAndWait(run, printer, settings.media ?? mediaOf(pdf), ticket.ticketId, file, deps);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Whether the queue exists, is enabled and accepts jobs: a job sent to a paused queue would print whenever it is resumed. */
async function checkPrinter(run: RunCommand, printer: string): Promise<Failure | null> {
  // Without a scheduler, lp says "The printer or class does not exist", which misleads (STACK-NOTES G15).
  const scheduler = await run('lpstat', ['-r']);
  if (!/^scheduler is running/m.test(scheduler.stdout)) {
    return fail('printer_error', `The print service (CUPS) is not running (lpstat -r: ${said(scheduler)})`);
  }
  const status = await run('lpstat', ['-p', printer]);
  if (status.code !== 0) {
    if (/invalid destination|does not exist|unknown destination/i.test(`${status.stderr}${status.stdout}`)) {
      return fail('no_printer', `The printer queue "${printer}" does not exist (lpstat -e lists the queues)`);
    }
    return fail('printer_error', `Cannot read the state of printer "${printer}": ${said(status)}`);
  }
  const details = (text: string) =>
    text
      .split('\n')
      .slice(1)
      .map((line) => line.trim())
      .filter(Boolean)
      .join('; ');
  if (/^printer \S+ disabled/m.test(status.stdout)) {
    const why = details(status.stdout);
    return fail('printer_error', `The printer "${printer}" is paused (disabled${why ? `: ${why}` : ''}); cupsenable ${printer} resumes it`);
  }
  const accepting = await run('lpstat', ['-a', printer]);
  const line = accepting.stdout.split('\n').find((l) => l.startsWith(`${printer} `)) ?? '';
  if (accepting.code !== 0 || !line.startsWith(`${printer} accepting requests`)) {
    const why = details(accepting.stdout);
    return fail('printer_error', `The printer "${printer}" is not accepting jobs (${why || said(accepting)}); cupsaccept ${printer} lets it`);
  }
  return null;
}

/** GET the ticket PDF: the device token as bearer, the ticket's tracking token in x-tracking-token (its QR code). */
async function download(settings: PrintSettings, ticket: TicketToPrint, deps: PrintDeps): Promise<Uint8Array | Failure> {
  const timeoutMs = deps.downloadTimeoutMs ?? PRINT_DEFAULTS.downloadTimeoutMs;
  const url = `${settings.serverUrl}/api/v1/tickets/${encodeURIComponent(ticket.ticketId)}/ticket.pdf`;
  try {
    const response = await (deps.fetch ?? globalThis.fetch)(url, {
      headers: {
        authorization: `Bearer ${settings.deviceToken}`,
        'x-tracking-token': ticket.trackingToken,
        accept: 'application/pdf',
      },
      redirect: 'error', // the tokens go to the server and nowhere else
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) {
      let detail = '';
      try {
        const body = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
        if (typeof body.error?.code === 'string') detail = `: ${body.error.code}${typeof body.error.message === 'string' ? ` (${body.error.message})` : ''}`;
      } catch {
        // not the server's error shape; the status says enough
      }
      return fail('download_failed', `The server answered ${response.status} for the ticket PDF${detail}`);
    }
    const type = response.headers.get('content-type') ?? '';
    if (!/^application\/pdf\b/i.test(type)) return fail('download_failed', `The server sent ${type || 'no content type'}, not a PDF`);
    const length = Number(response.headers.get('content-length') ?? 0);
    if (length > PRINT_DEFAULTS.maxPdfBytes) return fail('download_failed', `The ticket PDF is too large (${length} bytes)`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.byteLength > PRINT_DEFAULTS.maxPdfBytes) return fail('download_failed', `The ticket PDF is too large (${bytes.byteLength} bytes)`);
    if (Buffer.from(bytes.subarray(0, 5)).toString('latin1') !== '%PDF-') return fail('download_failed', 'The server sent something that is not a PDF');
    return bytes;
  } catch (error) {
    const e = error as Error & { cause?: { code?: string; message?: string } };
    if (e.name === 'TimeoutError' || e.name === 'AbortError') {
      return fail('download_failed', `The ticket PDF did not arrive within ${timeoutMs / 1000} s`);
    }
    return fail('download_failed', `Cannot fetch the ticket PDF: ${e.cause?.code ?? e.cause?.message ?? e.message}`);
  }
}

const MM_PER_POINT = 25.4 / 72;
const mm = (points: number) => String(Math.round(points * MM_PER_POINT * 10) / 10);

/**
 * The first page's size as CUPS custom media (`Custom.80x152.4mm`), read from its /MediaBox: the
 * ticket is 80 mm wide and as long as its content, so no fixed paper size fits every ticket.
 * Null when there is none to read (the queue's default paper is used).
 */
export function mediaOf(pdf: Uint8Array): string | null {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const box = /\/MediaBox\s*\[\s*(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s*\]/.exec(text);
  if (!box) return null;
  const [x0, y0, x1, y1] = box.slice(1).map(Number) as [number, number, number, number];
  const width = Math.abs(x1 - x0);
  const height = Math.abs(y1 - y0);
  // Something between a stamp and a long receipt; anything else is not a ticket's page.
  const sane = (points: number) => points * MM_PER_POINT >= 20 && points * MM_PER_POINT <= 2000;
  return sane(width) && sane(height) ? `Custom.${mm(width)}x${mm(height)}mm` : null;
}

const listsJob = (lpstatOutput: string, jobId: string) =>
  lpstatOutput.split('\n').some((line) => line.trim().split(/\s+/)[0] === jobId);

async function submitAndWait(
  run: RunCommand,
  printer: string,
  media: string | null,
  ticketId: string,
  file: string,
  deps: PrintDeps,
): Promise<PrintResult> {
  const now = deps.now ?? (() => performance.now());
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const jobTimeoutMs = deps.jobTimeoutMs ?? PRINT_DEFAULTS.jobTimeoutMs;
  const pollMs = deps.pollMs ?? PRINT_DEFAULTS.pollMs;

  // `--`: the path is never read as an option.
  const options = media === null ? [] : ['-o', `media=${media}`];
  const submitted = await run('lp', ['-d', printer, '-t', `ticket-${ticketId}`, ...options, '--', file]);
  const jobId = /request id is (\S+-\d+)/.exec(submitted.stdout)?.[1] ?? null;
  if (jobId === null) return fail('printer_error', `lp did not take the ticket: ${said(submitted)}`);
  if (submitted.code !== 0) {
    const cancelled = await run('cancel', [jobId]);
    return fail('printer_error', `lp failed (${said(submitted)}) after queuing ${jobId}; cancel: ${cancelled.code === 0 ? 'done' : said(cancelled)}`);
  }

  // Until the job leaves the not-completed list (pending, held, processing, stopped), or the time is up.
  const deadline = now() + jobTimeoutMs;
  let left = false;
  let trouble = '';
  try {
    for (;;) {
      const active = await run('lpstat', ['-W', 'not-completed', '-o', printer]);
      if (active.code === 0 && !listsJob(active.stdout, jobId)) {
        left = true;
        break;
      }
      if (now() >= deadline) break;
      await sleep(pollMs);
    }
  } catch (error) {
    trouble = ` (${(error as Error).message})`;
  }

  // `cancel` settles it either way. lpstat cannot tell a completed job from an aborted or cancelled
  // one (it shows no job state, and the same reasons for all three), but the scheduler refuses to
  // cancel a finished job naming its final state. A job still queued or printing is cancelled here.
  const cancelled = await run('cancel', [jobId]);
  const final = /is already (completed|canceled|aborted)/.exec(`${cancelled.stderr}\n${cancelled.stdout}`)?.[1];
  if (final === 'completed') return { ok: true };
  if (final === 'canceled' || final === 'aborted') {
    return fail('printer_error', `CUPS ${final === 'aborted' ? 'aborted' : 'cancelled'} job ${jobId}; the ticket did not print (see the CUPS error log)`);
  }
  if (cancelled.code === 0) {
    return left
      ? fail('printer_error', `Job ${jobId} was still active after leaving the queue${trouble}; it was cancelled`)
      : fail('timeout', `The printer did not finish job ${jobId} within ${jobTimeoutMs / 1000} s${trouble}; it was cancelled, so it will not print later`);
  }
  return left
    ? fail('printer_error', `Cannot tell whether job ${jobId} printed (cancel: ${said(cancelled)})`)
    : fail('timeout', `The printer did not finish job ${jobId} within ${jobTimeoutMs / 1000} s and cancelling it failed (${said(cancelled)}): it may still print`);
}
