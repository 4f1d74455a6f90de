import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandResult, RunCommand } from './commands';
import { mediaOf, printTicket, type PrintDeps, type PrintSettings } from './print';

const PDF = Buffer.from('%PDF-1.4\n% a ticket\n%%EOF\n', 'latin1');
const TICKET = { ticketId: '3f1c2b1e-6f0a-4c56-9d7e-2a6f5b8c9d01', trackingToken: 'tRk_0123456789abcdefABCD' };
const SETTINGS: PrintSettings = { serverUrl: 'http://192.168.1.10:8080', deviceToken: 'jhd_device', printer: 'TM80', media: 'Custom.80x100mm' };

type JobState = 'pending' | 'processing' | 'completed' | 'canceled' | 'aborted';

/** Plays the CUPS command-line tools, as observed from CUPS 2.4 in the C locale. */
class FakeCups {
  scheduler = true;
  printers = new Map<string, { enabled: boolean; accepting: boolean; reason?: string }>([['TM80', { enabled: true, accepting: true }]]);
  jobs = new Map<string, JobState>();
  calls: string[][] = [];
  /** lpstat polls before a job completes; Infinity: it never does. */
  pollsUntilDone = 1;
  /** How a job that finishes ends. */
  ending: JobState = 'completed';
  lpFails: CommandResult | null = null;
  /** What lp found at the path it was given. */
  submitted: Buffer | null = null;
  private polls = 0;
  private next = 1;

  run: RunCommand = async (command, args) => {
    this.calls.push([command, ...args]);
    const ok = (stdout: string): CommandResult => ({ code: 0, stdout, stderr: '' });
    const err = (stderr: string): CommandResult => ({ code: 1, stdout: '', stderr });
    if (command === 'lpstat' && args[0] === '-r') return ok(this.scheduler ? 'scheduler is running\n' : 'scheduler is not running\n');
    if (!this.scheduler) return err(`${command}: Error - Scheduler is not running.`);
    if (command === 'lpstat' && (args[0] === '-p' || args[0] === '-a')) {
      const name = args[1]!;
      const p = this.printers.get(name);
      if (!p) return err(`lpstat: Invalid destination name in list "${name}".`);
      if (args[0] === '-p') {
        return ok(p.enabled ? `printer ${name} is idle.  enabled since Wed Dec  2 19:50:52 2026\n` : `printer ${name} disabled since Wed Dec  2 19:51:34 2026 -\n\t${p.reason ?? 'Paused'}\n`);
      }
      return ok(p.accepting ? `${name} accepting requests since Wed Dec  2 19:50:52 2026\n` : `${name} not accepting requests since Wed Dec  2 19:52:11 2026 -\n\tRejecting Jobs\n`);
    }
    if (command === 'lp') {
      if (this.lpFails) return this.lpFails;
      const printer = args[args.indexOf('-d') + 1]!;
      if (!this.printers.has(printer)) return err('lp: Error - The printer or class does not exist.');
      const path = args.at(-1)!;
      this.submitted = existsSync(path) ? readFileSync(path) : null;
      const id = `${printer}-${this.next++}`;
      this.jobs.set(id, 'pending');
      return ok(`request id is ${id} (1 file(s))\n`);
    }
    if (command === 'lpstat' && args[0] === '-W' && args[1] === 'not-completed') {
      this.polls += 1;
      for (const [id, state] of this.jobs) {
        if ((state === 'pending' || state === 'processing') && this.polls >= this.pollsUntilDone) this.jobs.set(id, this.ending);
      }
      const active = [...this.jobs].filter(([, s]) => s === 'pending' || s === 'processing');
      return ok(active.map(([id]) => `${id.padEnd(24)}root              1024   Wed Dec  2 19:51:00 2026\n`).join(''));
    }
    if (command === 'cancel') {
      const id = args[0]!;
      const state = this.jobs.get(id);
      const n = id.split('-').at(-1);
      if (state === undefined) return err(`cancel: cancel-job failed: Job #${n} does not exist.`);
      if (state === 'pending' || state === 'processing') {
        this.jobs.set(id, 'canceled');
        return ok('');
      }
      return err(`cancel: cancel-job failed: Job #${n} is already ${state} - can't cancel.`);
    }
    return err(`${command}: not played by FakeCups`);
  };

  ran = (command: string) => this.calls.filter((c) => c[0] === command);
}

interface FetchCall {
  url: string;
  init: RequestInit;
}

function servePdf(respond: () => Response | Promise<Response> = () => new Response(PDF, { headers: { 'content-type': 'application/pdf' } })) {
  const calls: FetchCall[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return respond();
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
}

let cups: FakeCups;
let dir: string;
let clock: number;
const deps = (extra: PrintDeps = {}): PrintDeps => ({
  run: cups.run,
  platform: 'linux',
  tmpDir: dir,
  now: () => clock,
  sleep: async (ms) => {
    clock += ms;
  },
  jobTimeoutMs: 5_000,
  pollMs: 250,
  ...extra,
});

beforeEach(() => {
  cups = new FakeCups();
  dir = mkdtempSync(join(tmpdir(), 'kiosk-print-unit-'));
  clock = 0;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('printTicket on CUPS', () => {
  it('fetches the PDF with both tokens, submits it with argument arrays, waits for completion, cleans up', async () => {
    const server = servePdf();
    cups.pollsUntilDone = 3;
    expect(await printTicket(SETTINGS, TICKET, deps({ fetch: server.fetch }))).toEqual({ ok: true });

    expect(server.calls).toHaveLength(1);
    expect(server.calls[0]!.url).toBe(`http://192.168.1.10:8080/api/v1/tickets/${TICKET.ticketId}/ticket.pdf`);
    expect(server.calls[0]!.init.headers).toMatchObject({ authorization: 'Bearer jhd_device', 'x-tracking-token': TICKET.trackingToken });
    expect(server.calls[0]!.init.redirect).toBe('error');
    expect(server.calls[0]!.init.signal).toBeInstanceOf(AbortSignal);

    const [lp] = cups.ran('lp');
    expect(lp).toEqual(['lp', '-d', 'TM80', '-t', `ticket-${TICKET.ticketId}`, '-o', 'media=Custom.80x100mm', '--', expect.stringMatching(/ticket\.pdf$/)]);
    expect(cups.submitted).toEqual(PDF);
    expect(cups.ran('lpstat').filter((c) => c[1] === '-W')).toHaveLength(3);
    expect(cups.ran('cancel')).toEqual([['cancel', 'TM80-1']]); // settles the state: "already completed"
    expect(readdirSync(dir)).toEqual([]);
  });

  it('says no_printer without a configured printer, and runs nothing', async () => {
    const server = servePdf();
    const result = await printTicket({ ...SETTINGS, printer: null }, TICKET, deps({ fetch: server.fetch }));
    expect(result).toEqual({ ok: false, reason: 'no_printer', message: expect.stringMatching(/No printer is configured/) });
    expect(cups.calls).toEqual([]);
    expect(server.calls).toEqual([]);
  });

  it('says no_printer for a queue that does not exist, without fetching or calling lp', async () => {
    const server = servePdf();
    const result = await printTicket({ ...SETTINGS, printer: 'Nope' }, TICKET, deps({ fetch: server.fetch }));
    expect(result).toEqual({ ok: false, reason: 'no_printer', message: 'The printer queue "Nope" does not exist (lpstat -e lists the queues)' });
    expect(cups.ran('lp')).toEqual([]);
    expect(server.calls).toEqual([]);
  });

  it('says the print service is down rather than "the printer does not exist" (G15)', async () => {
    cups.scheduler = false;
    const result = await printTicket(SETTINGS, TICKET, deps({ fetch: servePdf().fetch }));
    expect(result).toEqual({ ok: false, reason: 'printer_error', message: expect.stringMatching(/CUPS\) is not running/) });
    expect(cups.ran('lp')).toEqual([]);
  });

  it('refuses a paused or rejecting queue before submitting, so nothing prints when it resumes', async () => {
    cups.printers.set('TM80', { enabled: false, accepting: true, reason: 'Out of paper' });
    expect(await printTicket(SETTINGS, TICKET, deps({ fetch: servePdf().fetch }))).toEqual({
      ok: false,
      reason: 'printer_error',
      message: 'The printer "TM80" is paused (disabled: Out of paper); cupsenable TM80 resumes it',
    });
    cups.printers.set('TM80', { enabled: true, accepting: false });
    expect(await printTicket(SETTINGS, TICKET, deps({ fetch: servePdf().fetch }))).toMatchObject({
      ok: false,
      reason: 'printer_error',
      message: expect.stringMatching(/not accepting jobs \(Rejecting Jobs\)/),
    });
    expect(cups.ran('lp')).toEqual([]);
    expect(cups.jobs.size).toBe(0);
  });

  it('says printer_error when lp fails', async () => {
    cups.lpFails = { code: 1, stdout: '', stderr: 'lp: Error - Unsupported document-format "application/pdf".' };
    expect(await printTicket(SETTINGS, TICKET, deps({ fetch: servePdf().fetch }))).toEqual({
      ok: false,
      reason: 'printer_error',
      message: 'lp did not take the ticket: lp: Error - Unsupported document-format "application/pdf".',
    });
    expect(cups.ran('cancel')).toEqual([]); // no job to cancel
    expect(readdirSync(dir)).toEqual([]);
  });

  it('cancels a job lp queued even though it exited with an error', async () => {
    cups.lpFails = { code: 1, stdout: 'request id is TM80-7 (1 file(s))\n', stderr: 'lp: something went wrong' };
    cups.jobs.set('TM80-7', 'pending');
    expect(await printTicket(SETTINGS, TICKET, deps({ fetch: servePdf().fetch }))).toMatchObject({ ok: false, reason: 'printer_error' });
    expect(cups.ran('cancel')).toEqual([['cancel', 'TM80-7']]);
    expect(cups.jobs.get('TM80-7')).toBe('canceled');
  });

  it('times out a job that does not finish, and cancels it', async () => {
    cups.pollsUntilDone = Infinity;
    const result = await printTicket(SETTINGS, TICKET, deps({ fetch: servePdf().fetch }));
    expect(result).toEqual({
      ok: false,
      reason: 'timeout',
      message: 'The printer did not finish job TM80-1 within 5 s; it was cancelled, so it will not print later',
    });
    expect(cups.ran('cancel')).toEqual([['cancel', 'TM80-1']]);
    expect(cups.jobs.get('TM80-1')).toBe('canceled');
    expect(clock).toBeGreaterThanOrEqual(5_000);
    expect(clock).toBeLessThan(5_500);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('says when the timed-out job could not be cancelled', async () => {
    cups.pollsUntilDone = Infinity;
    const run = cups.run;
    cups.run = async (command, args) =>
      command === 'cancel' ? { code: 1, stdout: '', stderr: 'cancel: cancel-job failed: Forbidden' } : run(command, args);
    expect(await printTicket(SETTINGS, TICKET, deps({ fetch: servePdf().fetch, run: cups.run }))).toEqual({
      ok: false,
      reason: 'timeout',
      message: expect.stringMatching(/cancelling it failed \(cancel: cancel-job failed: Forbidden\): it may still print/),
    });
  });

  it('counts a job that completed just as the time ran out as printed', async () => {
    cups.pollsUntilDone = Infinity;
    const run = cups.run;
    cups.run = async (command, args) => {
      if (command === 'cancel') cups.jobs.set(args[0]!, 'completed'); // it finished meanwhile
      return run(command, args);
    };
    expect(await printTicket(SETTINGS, TICKET, deps({ fetch: servePdf().fetch, run: cups.run }))).toEqual({ ok: true });
  });

  it.each(['aborted', 'canceled'] as const)('says printer_error for a job CUPS %s', async (ending) => {
    cups.ending = ending;
    expect(await printTicket(SETTINGS, TICKET, deps({ fetch: servePdf().fetch }))).toEqual({
      ok: false,
      reason: 'printer_error',
      message: expect.stringMatching(new RegExp(`CUPS ${ending === 'aborted' ? 'aborted' : 'cancelled'} job TM80-1; the ticket did not print`)),
    });
  });

  it('keeps polling through a failed lpstat', async () => {
    const run = cups.run;
    let failures = 2;
    cups.pollsUntilDone = 1;
    cups.run = async (command, args) =>
      command === 'lpstat' && args[0] === '-W' && failures-- > 0 ? { code: 1, stdout: '', stderr: 'lpstat: Bad file descriptor' } : run(command, args);
    expect(await printTicket(SETTINGS, TICKET, deps({ fetch: servePdf().fetch, run: cups.run }))).toEqual({ ok: true });
  });

  it('never throws: a runner that throws becomes printer_error', async () => {
    const result = await printTicket(SETTINGS, TICKET, deps({ run: async () => Promise.reject(new Error('spawn lpstat ENOENT')) }));
    expect(result).toEqual({ ok: false, reason: 'printer_error', message: 'Printing failed unexpectedly: spawn lpstat ENOENT' });
  });
});

describe('the paper size', () => {
  const page = (box: string) => Buffer.from(`%PDF-1.3\n3 0 obj\n<< /Type /Page /MediaBox ${box} >>\nendobj\n%%EOF\n`, 'latin1');

  it("is the PDF's own page size when the settings name none", async () => {
    const long = page('[0 0 226.771654 411.3]'); // pdfkit's way: 80 mm wide, 145.1 mm long
    const server = servePdf(() => new Response(long, { headers: { 'content-type': 'application/pdf' } }));
    expect(await printTicket({ ...SETTINGS, media: null }, TICKET, deps({ fetch: server.fetch }))).toEqual({ ok: true });
    expect(cups.ran('lp')[0]).toEqual(['lp', '-d', 'TM80', '-t', `ticket-${TICKET.ticketId}`, '-o', 'media=Custom.80x145.1mm', '--', expect.any(String)]);
  });

  it("is the queue's default when the PDF says no size", async () => {
    expect(await printTicket({ ...SETTINGS, media: null }, TICKET, deps({ fetch: servePdf().fetch }))).toEqual({ ok: true });
    expect(cups.ran('lp')[0]).toEqual(['lp', '-d', 'TM80', '-t', `ticket-${TICKET.ticketId}`, '--', expect.any(String)]);
  });

  it('reads /MediaBox as pdfkit and others write it', () => {
    expect(mediaOf(page('[0 0 226.77 283.46]'))).toBe('Custom.80x100mm');
    expect(mediaOf(page('[ 0 0 595.28 841.89 ]'))).toBe('Custom.210x297mm');
    expect(mediaOf(page('[-10 -10 216.77 273.46]'))).toBe('Custom.80x100mm');
    expect(mediaOf(page('[0 0 1 1]'))).toBeNull(); // not a ticket
    expect(mediaOf(page('[0 0 a b]'))).toBeNull();
    expect(mediaOf(PDF)).toBeNull();
  });
});

describe('printTicket: the download', () => {
  it.each([
    ['a refusal in the server error shape', () => Response.json({ error: { code: 'unauthorized', message: 'Unknown device token' } }, { status: 401 }), /answered 401 for the ticket PDF: unauthorized \(Unknown device token\)/],
    ['a plain 404', () => new Response('nope', { status: 404 }), /answered 404 for the ticket PDF$/],
    ['something else than a PDF', () => new Response('<html>', { headers: { 'content-type': 'text/html' } }), /sent text\/html, not a PDF/],
    ['a "PDF" that is not one', () => new Response('hello', { headers: { 'content-type': 'application/pdf' } }), /not a PDF/],
    ['a huge PDF', () => new Response(PDF, { headers: { 'content-type': 'application/pdf', 'content-length': String(50 * 1024 * 1024) } }), /too large/],
    ['an unreachable server', () => Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } })), /Cannot fetch the ticket PDF: ECONNREFUSED/],
  ])('says download_failed for %s, and submits nothing', async (_what, respond, message) => {
    const result = await printTicket(SETTINGS, TICKET, deps({ fetch: servePdf(respond).fetch }));
    expect(result).toEqual({ ok: false, reason: 'download_failed', message: expect.stringMatching(message) });
    expect(cups.ran('lp')).toEqual([]);
  });

  it('gives up on a server that does not answer', async () => {
    const hang = (async (_url: string, init: RequestInit) =>
      new Promise((_resolve, reject) => init.signal!.addEventListener('abort', () => reject(init.signal!.reason)))) as unknown as typeof globalThis.fetch;
    const result = await printTicket(SETTINGS, TICKET, deps({ fetch: hang, downloadTimeoutMs: 30 }));
    expect(result).toEqual({ ok: false, reason: 'download_failed', message: 'The ticket PDF did not arrive within 0.03 s' });
    expect(cups.ran('lp')).toEqual([]);
  });
});

describe('printTicket elsewhere than Linux', () => {
  it.each(['win32', 'darwin'] as const)('on %s says it is not implemented, and runs nothing', async (platform) => {
    const server = servePdf();
    const result = await printTicket(SETTINGS, TICKET, deps({ platform, fetch: server.fetch }));
    expect(result).toEqual({ ok: false, reason: 'printer_error', message: expect.stringMatching(new RegExp(`Linux \\(CUPS\\) only; on ${platform} it is not implemented yet`)) });
    expect(cups.calls).toEqual([]);
    expect(server.calls).toEqual([]);
  });
});
