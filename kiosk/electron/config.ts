// The kiosk's settings: one JSON file, validated once at start-up (STYLE.md habit 7) and passed
// down. Path: $JIAOHAO_KIOSK_CONFIG, else kiosk.json in Electron's userData folder.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SetupProblem, SetupValues } from './api';

export interface KioskConfig {
  /** The office server's origin, normalised (`http://192.168.1.10:8080`); the kiosk page is `${serverUrl}/kiosk/`. */
  serverUrl: string;
  /** The kiosk's device token (admin view → 裝置 Devices): bearer token for the ticket PDF, and the renderer's pairing token. */
  deviceToken: string;
  /** The CUPS queue tickets print on; null for none (QR e-tickets only). */
  printer: string | null;
  /** Kiosk mode: full screen, no menu, no dev tools. */
  kiosk: boolean;
  /**
   * CUPS `media` for tickets (`lp -o media=…`), as the queue's driver names its paper; null (the
   * default): the ticket PDF's own page size, `Custom.<w>x<h>mm` (80 mm wide, as long as its content).
   */
  media: string | null;
}

export const CONFIG_ENV = 'JIAOHAO_KIOSK_CONFIG';
export const CONFIG_FILE_NAME = 'kiosk.json';

const KEYS = ['serverUrl', 'deviceToken', 'printer', 'kiosk', 'media'] as const;
const TOKEN = /^[A-Za-z0-9_-]+$/;
const MAX_TOKEN = 512;
/** CUPS allows more, but a queue name that is also safe as one command-line argument is enough (and never starts with '-'). */
const QUEUE = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,126}$/;
const MEDIA = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const EXAMPLE_URL = 'http://192.168.1.10:8080';

export type ParseResult = { ok: true; config: KioskConfig } | { ok: false; problems: SetupProblem[] };

export function configPath(env: NodeJS.ProcessEnv, userDataDir: string): string {
  const fromEnv = env[CONFIG_ENV]?.trim();
  return fromEnv ? fromEnv : join(userDataDir, CONFIG_FILE_NAME);
}

const quote = (value: unknown): string => JSON.stringify(value)?.slice(0, 80) ?? String(value);

function parseServerUrl(raw: unknown, problems: SetupProblem[]): string | null {
  const problem = (message: string) => {
    problems.push({ field: 'serverUrl', message });
    return null;
  };
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
    return problem(`serverUrl is missing: the office server's address, e.g. ${EXAMPLE_URL}`);
  }
  if (typeof raw !== 'string') return problem(`serverUrl must be text, like "${EXAMPLE_URL}" (got ${quote(raw)})`);
  const text = raw.trim();
  // The usual slip: the address without its scheme ("192.168.1.10:8080", "server.lan").
  if (!text.includes('://') && /^[A-Za-z0-9.-]+(:\d+)?\/?$/.test(text)) {
    return problem(`serverUrl ${quote(raw)} needs http:// or https:// in front, e.g. http://${text.replace(/\/$/, '')}`);
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return problem(`serverUrl ${quote(raw)} is not an address: write it like ${EXAMPLE_URL}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return problem(`serverUrl must start with http:// or https:// (got ${quote(url.protocol)}), e.g. ${EXAMPLE_URL}`);
  }
  if (url.username !== '' || url.password !== '') return problem('serverUrl must not contain a user name or password');
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    return problem(`serverUrl is the server's address only, without a path (the kiosk adds /kiosk/ itself): ${url.origin}`);
  }
  return url.origin;
}

function parseToken(raw: unknown, problems: SetupProblem[]): string | null {
  const problem = (message: string) => {
    problems.push({ field: 'deviceToken', message });
    return null;
  };
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
    return problem('deviceToken is missing: register the kiosk in the admin view (系統管理 → 裝置 Devices) and copy the token it shows once');
  }
  if (typeof raw !== 'string') return problem(`deviceToken must be text (got ${quote(raw)})`);
  const token = raw.trim();
  if (token.length > MAX_TOKEN) return problem(`deviceToken is too long (${token.length} characters; at most ${MAX_TOKEN})`);
  if (!TOKEN.test(token)) return problem('deviceToken has characters a device token never has (it is letters, digits, - and _ only)');
  return token;
}

function parsePrinter(raw: unknown, problems: SetupProblem[]): string | null {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return null;
  if (typeof raw !== 'string' || !QUEUE.test(raw.trim())) {
    problems.push({
      field: 'printer',
      message: `printer ${quote(raw)} is not a CUPS queue name (letters, digits, '.', '-' and '_'; \`lpstat -e\` lists them), or leave it empty for no printer`,
    });
    return null;
  }
  return raw.trim();
}

/** Validates the parsed JSON of a config file; every problem at once, each naming its setting. */
export function parseConfig(raw: unknown): ParseResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, problems: [{ field: null, message: 'the settings must be a JSON object, like {"serverUrl": "…", "deviceToken": "…"}' }] };
  }
  const input = raw as Record<string, unknown>;
  const problems: SetupProblem[] = [];
  for (const key of Object.keys(input)) {
    if (!(KEYS as readonly string[]).includes(key)) {
      problems.push({ field: null, message: `unknown setting ${quote(key)} (the settings are ${KEYS.join(', ')})` });
    }
  }
  const serverUrl = parseServerUrl(input.serverUrl, problems);
  const deviceToken = parseToken(input.deviceToken, problems);
  const printer = parsePrinter(input.printer, problems);
  let kiosk = true; // locked down unless the file says otherwise
  if (input.kiosk !== undefined) {
    if (typeof input.kiosk === 'boolean') kiosk = input.kiosk;
    else problems.push({ field: 'kiosk', message: `kiosk must be true or false (got ${quote(input.kiosk)})` });
  }
  let media: string | null = null;
  if (input.media !== undefined && input.media !== null) {
    if (typeof input.media === 'string' && MEDIA.test(input.media)) media = input.media;
    else problems.push({ field: null, message: `media ${quote(input.media)} is not a CUPS media name (e.g. Custom.80x150mm; \`lpoptions -p <queue> -l\` lists the queue's), or leave it out for the ticket's own size` });
  }
  if (problems.length > 0 || serverUrl === null || deviceToken === null) return { ok: false, problems };
  return { ok: true, config: { serverUrl, deviceToken, printer, kiosk, media } };
}

export type LoadedConfig =
  | { state: 'ok'; path: string; config: KioskConfig }
  | { state: 'missing'; path: string }
  | { state: 'invalid'; path: string; problems: SetupProblem[]; values: SetupValues };

function readJson(path: string): { found: false } | { found: true; json: unknown } | { found: true; error: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { found: false };
    return { found: true, error: `cannot read ${path}: ${(error as Error).message}` };
  }
  try {
    return { found: true, json: JSON.parse(text) as unknown };
  } catch (error) {
    return { found: true, error: `${path} is not valid JSON: ${(error as Error).message}` };
  }
}

/** What a file holds, for the setup form (whatever of it is usable). */
export function setupValuesOf(raw: unknown): SetupValues {
  const input = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return {
    serverUrl: text(input.serverUrl),
    deviceToken: text(input.deviceToken),
    printer: text(input.printer),
    kiosk: typeof input.kiosk === 'boolean' ? input.kiosk : true,
  };
}

export function loadConfig(path: string): LoadedConfig {
  const read = readJson(path);
  if (!read.found) return { state: 'missing', path };
  if ('error' in read) return { state: 'invalid', path, problems: [{ field: null, message: read.error }], values: setupValuesOf(undefined) };
  const parsed = parseConfig(read.json);
  if (!parsed.ok) return { state: 'invalid', path, problems: parsed.problems, values: setupValuesOf(read.json) };
  return { state: 'ok', path, config: parsed.config };
}

/** Validates the setup form and, when it is right, writes the file (owner-only: it holds the token). */
export function saveSetup(path: string, values: SetupValues): ParseResult {
  if (typeof values !== 'object' || values === null) return parseConfig(values);
  // The form shows no media: keep the file's when it has one.
  const previous = readJson(path);
  const media = previous.found && 'json' in previous ? (previous.json as Record<string, unknown> | null)?.media : undefined;
  const raw: Record<string, unknown> = {
    serverUrl: values.serverUrl,
    deviceToken: values.deviceToken,
    printer: typeof values.printer === 'string' && values.printer.trim() === '' ? null : values.printer,
    kiosk: values.kiosk,
  };
  if (typeof media === 'string') raw.media = media;
  const parsed = parseConfig(raw);
  if (!parsed.ok) return parsed;
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(parsed.config, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, path); // never a half-written file
  return parsed;
}
