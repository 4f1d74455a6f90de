// The kiosk shell's printing (kiosk/electron/print.ts, the code the shell runs) against a real
// CUPS: a ticket PDF served over HTTP like the server's GET /api/v1/tickets/:id/ticket.pdf is
// printed on the cups-pdf virtual printer (queue PDF) and must come out as a PDF file; a queue that
// does not exist, a paused queue and a printer that never answers must fail without leaving a job
// that could print later. scripts/setup.sh installs cups and printer-driver-cups-pdf, starts
// cupsd and creates the PDF queue (npm test and .ci/run run it); without them this fails, never skips.
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { runCommand, type RunCommand } from '@jiaohao/kiosk/electron/commands';
import { printTicket, type PrintSettings } from '@jiaohao/kiosk/electron/print';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const SETUP_HINT =
  'run scripts/setup.sh as root: it installs cups and printer-driver-cups-pdf, starts cupsd and creates the PDF queue';
const PPD = 'lsb/usr/cups-pdf/CUPS-PDF_opt.ppd';
const DEVICE_TOKEN = `jhd_${randomBytes(32).toString('base64url')}`;

function sh(command: string, args: string[]) {
  const result = spawnSync(command, args, { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C', LANG: 'C' } });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
  return { ok: result.status === 0, output: result.error ? `${command}: ${result.error.message}` : output };
}

/** Fails (never skips) with what to do when CUPS is not there to print on. */
function requireCups(): void {
  const scheduler = sh('lpstat', ['-r']);
  if (!/^scheduler is running/m.test(scheduler.output)) {
    throw new Error(`CUPS is not running (lpstat -r: ${scheduler.output || 'no output'}); ${SETUP_HINT}`);
  }
  if (!existsSync('/usr/lib/cups/backend/cups-pdf')) throw new Error(`the cups-pdf backend is missing; ${SETUP_HINT}`);
  const queue = sh('lpstat', ['-p', 'PDF']);
  if (!queue.ok) throw new Error(`there is no PDF queue (lpstat -p PDF: ${queue.output}); ${SETUP_HINT}`);
}

/** The server's tickets are 80 mm wide and as long as their content; this one is 80 × 145 mm. */
const PAGE = { width: 226.77, height: 411.02 };

/** A one-page PDF of a ticket's size, built by hand so the test needs no PDF library. */
function ticketPdf(number: string): Buffer {
  const content = `BT /F1 48 Tf 50 150 Td (${number}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE.width} ${PAGE.height}] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((object, i) => {
    const offset = pdf.length;
    pdf += `${i + 1} 0 obj\n${object}\nendobj\n`;
    return offset;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** Where cups-pdf writes (/etc/cups/cups-pdf.conf `Out`, `${HOME}` being the job owner's home; `AnonDirName` for unknown users). */
function cupsPdfFolders(): string[] {
  const conf = existsSync('/etc/cups/cups-pdf.conf') ? readFileSync('/etc/cups/cups-pdf.conf', 'utf8') : '';
  const setting = (name: string) => new RegExp(`^${name}\\s+(.+)$`, 'm').exec(conf)?.[1]?.trim();
  const home = userInfo().homedir;
  const user = userInfo().username;
  const out = (setting('Out') ?? '/var/spool/cups-pdf/${USER}').replaceAll('${HOME}', home).replaceAll('${USER}', user);
  return [out, setting('AnonDirName') ?? '/var/spool/cups-pdf/ANONYMOUS'];
}

function printedFiles(ticketId: string): string[] {
  return cupsPdfFolders().flatMap((folder) =>
    existsSync(folder)
      ? readdirSync(folder)
          .filter((name) => name.includes(ticketId) && name.endsWith('.pdf'))
          .map((name) => join(folder, name))
      : [],
  );
}

/** The jobs of a queue: `which` is not-completed (queued or printing) or all. */
function jobs(queue: string, which: 'not-completed' | 'all'): string[] {
  const listed = sh('lpstat', ['-W', which, '-o', queue]);
  expect(listed.ok, listed.output).toBe(true);
  return listed.output.split('\n').filter(Boolean);
}

// ---- a stand-in for the server's ticket PDF route ----
interface Served {
  url: string;
  headers: IncomingHttpHeaders;
}
const served: Served[] = [];
const tickets = new Map<string, { trackingToken: string; pdf: Buffer }>();
let server: Server;
let serverUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    served.push({ url: req.url ?? '', headers: req.headers });
    const id = /^\/api\/v1\/tickets\/([^/]+)\/ticket\.pdf$/.exec(req.url ?? '')?.[1];
    const ticket = id ? tickets.get(decodeURIComponent(id)) : undefined;
    const refuse = (status: number, code: string) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code, message: code } }));
    };
    if (req.headers.authorization !== `Bearer ${DEVICE_TOKEN}`) return refuse(401, 'unauthorized');
    if (!ticket) return refuse(404, 'not_found');
    if (req.headers['x-tracking-token'] !== ticket.trackingToken) return refuse(403, 'forbidden');
    res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': ticket.pdf.length });
    res.end(ticket.pdf);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  serverUrl = `http://127.0.0.1:${address.port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function newTicket(number: string) {
  const ticket = { ticketId: randomUUID(), trackingToken: randomBytes(18).toString('base64url') };
  tickets.set(ticket.ticketId, { trackingToken: ticket.trackingToken, pdf: ticketPdf(number) });
  return ticket;
}

/** The real runner, recording what it ran. */
function recordingRunner() {
  const ran: string[][] = [];
  const run: RunCommand = (command, args) => {
    ran.push([command, ...args]);
    return runCommand(command, args);
  };
  return { run, ran, lp: () => ran.filter(([command]) => command === 'lp') };
}

/** As the shell runs by default: the paper size comes from the PDF. */
const settings = (printer: string): PrintSettings => ({ serverUrl, deviceToken: DEVICE_TOKEN, printer, media: null });

// Queues this file creates, named per run (two runs on one machine do not meet), removed after.
const created: string[] = [];
function addQueue(name: string, device: string) {
  const added = sh('lpadmin', ['-p', name, '-E', '-v', device, '-m', PPD]);
  // lpadmin warns that drivers are deprecated (STACK-NOTES G15), and succeeds.
  if (!added.ok) throw new Error(`cannot create the test queue ${name} (lpadmin needs root): ${added.output}`);
  created.push(name);
}
afterAll(() => {
  for (const name of created) {
    sh('cancel', ['-a', name]);
    sh('lpadmin', ['-x', name]);
  }
});

describe('printing a ticket through CUPS (cups-pdf)', () => {
  it("prints the PDF the server sends, on paper of the ticket's size, and the job is complete when it says ok", async () => {
    requireCups();
    const ticket = newTicket('1023');
    const before = served.length;
    const runner = recordingRunner();

    const result = await printTicket(settings('PDF'), ticket, { run: runner.run });
    expect(result).toEqual({ ok: true });

    const requests = served.slice(before);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.url).toBe(`/api/v1/tickets/${ticket.ticketId}/ticket.pdf`);
    expect(requests[0]!.headers.authorization).toBe(`Bearer ${DEVICE_TOKEN}`);
    expect(requests[0]!.headers['x-tracking-token']).toBe(ticket.trackingToken);

    const [lp] = runner.lp();
    expect(lp?.slice(0, 8)).toEqual(['lp', '-d', 'PDF', '-t', `ticket-${ticket.ticketId}`, '-o', 'media=Custom.80x145mm', '--']);
    const jobId = /^PDF-\d+$/;
    expect(runner.ran.find(([command]) => command === 'cancel')?.[1]).toMatch(jobId);
    expect(existsSync(lp!.at(-1)!), 'the temporary PDF is deleted').toBe(false);

    // cups-pdf has written it by the time the job completed; allow for a slow file system.
    const folders = cupsPdfFolders();
    const file = await vi.waitFor(
      () => {
        const found = printedFiles(ticket.ticketId);
        if (found.length !== 1) throw new Error(`no printed PDF for ticket-${ticket.ticketId} yet in ${folders.join(' or ')}`);
        return found[0]!;
      },
      { timeout: 15_000, interval: 100 },
    );
    try {
      const info = sh('pdfinfo', [file]);
      expect(info.ok, `pdfinfo ${file}: ${info.output}`).toBe(true);
      expect(info.output).toMatch(/^Pages:\s+1$/m);
      const [, width, height] = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info.output) ?? [];
      // The queue's default paper is A4: the media option made it the ticket's 80 × 145 mm.
      expect(Number(width)).toBeCloseTo(PAGE.width, -0.5);
      expect(Number(height)).toBeCloseTo(PAGE.height, -0.5);
      expect(jobs('PDF', 'not-completed').filter((line) => line.includes(ticket.ticketId))).toEqual([]);
    } finally {
      rmSync(file, { force: true });
    }
  });

  it('says no_printer for a queue that does not exist, fetching nothing and submitting nothing', async () => {
    requireCups();
    const ticket = newTicket('1024');
    const before = served.length;
    const runner = recordingRunner();
    const name = `JIAOHAO_NO_SUCH_QUEUE_${process.pid}`;
    const result = await printTicket(settings(name), ticket, { run: runner.run });
    expect(result).toEqual({ ok: false, reason: 'no_printer', message: `The printer queue "${name}" does not exist (lpstat -e lists the queues)` });
    expect(runner.lp()).toEqual([]);
    expect(served.length).toBe(before);
  });

  it('refuses a paused (disabled) queue, so no job waits there to print when it is resumed', async () => {
    requireCups();
    const queue = `JIAOHAO_TEST_PAUSED_${process.pid}`;
    addQueue(queue, 'cups-pdf:/');
    const paused = sh('cupsdisable', ['-r', 'test: paused', queue]);
    expect(paused.ok, paused.output).toBe(true);
    const ticket = newTicket('1025');
    const runner = recordingRunner();

    const result = await printTicket(settings(queue), ticket, { run: runner.run });
    expect(result).toEqual({ ok: false, reason: 'printer_error', message: expect.stringMatching(/is paused \(disabled: test: paused\)/) });
    expect(runner.lp()).toEqual([]);

    // Resumed, it has nothing to print: no job was ever queued, in any state.
    expect(sh('cupsenable', [queue]).ok).toBe(true);
    expect(jobs(queue, 'all')).toEqual([]);
    expect(printedFiles(ticket.ticketId)).toEqual([]);
  });

  it('cancels a job the printer does not finish in time, so it never prints later', async () => {
    requireCups();
    // A printer that never answers: a socket device on a port nobody listens on. CUPS's socket
    // backend keeps the job "processing" while it retries the connection.
    const port = await new Promise<number>((resolve) => {
      const probe = createNetServer().listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address ? address.port : 9));
      });
    });
    const queue = `JIAOHAO_TEST_UNREACHABLE_${process.pid}`;
    addQueue(queue, `socket://127.0.0.1:${port}`);
    const ticket = newTicket('1026');
    const runner = recordingRunner();

    const started = Date.now();
    const result = await printTicket(settings(queue), ticket, { run: runner.run, jobTimeoutMs: 3_000 });
    expect(result).toEqual({
      ok: false,
      reason: 'timeout',
      message: expect.stringMatching(new RegExp(`did not finish job ${queue}-\\d+ within 3 s; it was cancelled, so it will not print later`)),
    });
    expect(Date.now() - started).toBeLessThan(15_000);
    const jobId = /job (\S+-\d+) within/.exec(result.ok ? '' : result.message)?.[1];
    expect(runner.ran).toContainEqual(['cancel', jobId]);

    // Nothing left to print: the queue is empty and the job's end is final ("already canceled").
    expect(jobs(queue, 'not-completed')).toEqual([]);
    expect(jobs(queue, 'all').map((line) => line.split(/\s+/)[0])).toEqual([jobId]);
    expect(sh('cancel', [jobId!]).output).toMatch(/is already canceled/);
  });
});
