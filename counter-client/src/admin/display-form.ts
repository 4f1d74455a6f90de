// A wall display's settings as the admin edits them and back to device:update's `display`; the
// lines and counters offered as choices; the parts of the zone a list row sums up. Pure.
import { localized } from '@jiaohao/shared/i18n';
import {
  DEFAULT_DISPLAY_SETTINGS,
  DisplaySettings,
  LANGUAGES,
  MAX_DISPLAY_COUNTERS,
  MAX_DISPLAY_SERVICES,
  type Counter,
  type Device,
  type DisplayOrientation,
  type DisplayVoice,
  type Language,
  type Service,
} from '@jiaohao/shared/schemas';
import { Checker, stableJson, type Mapped, type RefusalRules } from './forms';

/** The residents' languages a display may also speak; Mandarin is always spoken, so it is no choice. */
export const SPOKEN_LANGUAGES: readonly Language[] = LANGUAGES.filter((l) => l !== 'zh-TW');

/** How many times a call may be spoken, from the schema. */
export const REPEATS: readonly number[] = (() => {
  const { minimum = 1, maximum = 3 } = DisplaySettings.properties.repeat;
  return Array.from({ length: maximum - minimum + 1 }, (_, i) => minimum + i);
})();

export interface DisplayForm {
  readonly allLines: boolean;
  /** The lines chosen; kept while "every line" is ticked, so unticking it brings them back. */
  readonly serviceIds: readonly string[];
  readonly allCounters: boolean;
  readonly counterIds: readonly string[];
  readonly orientation: DisplayOrientation;
  readonly volume: string;
  readonly repeat: string;
  readonly languages: readonly Language[];
  readonly voice: DisplayVoice;
}

export function displayToForm(settings: DisplaySettings | null): DisplayForm {
  const s = settings ?? DEFAULT_DISPLAY_SETTINGS;
  return {
    allLines: s.serviceIds === null,
    serviceIds: s.serviceIds ?? [],
    allCounters: s.counterIds === null,
    counterIds: s.counterIds ?? [],
    orientation: s.orientation,
    volume: String(s.volume),
    repeat: String(s.repeat),
    languages: SPOKEN_LANGUAGES.filter((l) => s.languages.includes(l)),
    voice: s.voice,
  };
}

/** `ids` with `id` ticked or unticked, in the order of `order` (the order the choices are listed in). */
export function toggled(ids: readonly string[], id: string, on: boolean, order: readonly string[]): string[] {
  const next = new Set(ids);
  if (on) next.add(id);
  else next.delete(id);
  // Ids not among the choices (a line gone from the office) keep their place at the end.
  return [...order.filter((x) => next.has(x)), ...[...next].filter((x) => !order.includes(x))];
}

export const DISPLAY_FIELDS: readonly string[] = ['serviceIds', 'counterIds', 'orientation', 'volume', 'repeat', 'languages', 'voice'].map((f) => `/display/${f}`);

/**
 * The server names the field of a schema refusal, and of an unknown line or counter
 * ('/display/serviceIds'); a refusal of the settings as a whole ('/display': a kiosk) goes to the top.
 */
export const DISPLAY_REFUSALS: RefusalRules = {
  fields: DISPLAY_FIELDS,
  messageField: (error) => (/^no service\b/i.test(error.message) ? '/display/serviceIds' : /^no counter\b/i.test(error.message) ? '/display/counterIds' : null),
};

const P = DisplaySettings.properties;

function chosen(c: Checker, path: string, all: boolean, ids: readonly string[], max: number): string[] | null {
  if (all) return null;
  if (ids.length === 0) c.add(path, { key: 'admin.problem.chooseOne' });
  else if (ids.length > max) c.add(path, { key: 'admin.problem.tooMany', values: { max } });
  return [...new Set(ids)];
}

/** The settings the form says, checked against the schema's bounds. */
export function toDisplaySettings(form: DisplayForm): Mapped<DisplaySettings> {
  const c = new Checker();
  const serviceIds = chosen(c, '/display/serviceIds', form.allLines, form.serviceIds, MAX_DISPLAY_SERVICES);
  const counterIds = chosen(c, '/display/counterIds', form.allCounters, form.counterIds, MAX_DISPLAY_COUNTERS);
  const volume = c.int('/display/volume', form.volume, P.volume);
  const repeat = c.int('/display/repeat', form.repeat, P.repeat);
  // In LANGUAGES order, so ticking and unticking does not count as a change.
  const languages = SPOKEN_LANGUAGES.filter((l) => form.languages.includes(l));
  return c.result(() => ({ serviceIds, counterIds, orientation: form.orientation, volume: volume!, repeat: repeat!, languages, voice: form.voice }));
}

/** Two settings alike, whatever the order of their lists (the display does not depend on it). */
function sameSettings(a: DisplaySettings, b: DisplaySettings): boolean {
  const norm = (s: DisplaySettings) => ({
    ...s,
    serviceIds: s.serviceIds && [...s.serviceIds].sort(),
    counterIds: s.counterIds && [...s.counterIds].sort(),
    languages: [...s.languages].sort(),
  });
  return stableJson(norm(a)) === stableJson(norm(b));
}

/** device:update's `display` (the settings whole: they replace those the display had), or null when nothing changed. */
export function toDisplayUpdate(form: DisplayForm, before: DisplaySettings | null): Mapped<DisplaySettings | null> {
  const mapped = toDisplaySettings(form);
  if (!mapped.ok) return mapped;
  return { ok: true, value: before && sameSettings(mapped.value, before) ? null : mapped.value };
}

export interface Choice {
  readonly id: string;
  readonly label: string;
  /** Stopped being used: offered only because the display still names it, so it can be unticked. */
  readonly inactive: boolean;
}

/** The lines to tick: those in use, in their order, then any the display names that are not. */
export function lineChoices(services: readonly Service[], chosenIds: readonly string[], lang: Language): Choice[] {
  const shown = services.filter((s) => s.active || chosenIds.includes(s.id)).map((s) => ({ id: s.id, label: localized(s.names, lang), inactive: !s.active }));
  return [...shown, ...unknown(chosenIds, shown)];
}

/** The counters to tick, by number: those in use, then any the display names that are not. */
export function counterChoices(counters: readonly Counter[], chosenIds: readonly string[], lang: Language): (Choice & { readonly number: number | null })[] {
  const shown = [...counters]
    .filter((c) => c.active || chosenIds.includes(c.id))
    .sort((a, b) => a.number - b.number || a.id.localeCompare(b.id))
    .map((c) => ({ id: c.id, number: c.number as number | null, label: localized(c.names, lang), inactive: !c.active }));
  return [...shown, ...unknown(chosenIds, shown).map((c) => ({ ...c, number: null }))];
}

/** Ids the display names that the office state does not have (the server would refuse them; the admin can untick them). */
const unknown = (ids: readonly string[], shown: readonly Choice[]): Choice[] =>
  ids.filter((id) => !shown.some((s) => s.id === id)).map((id) => ({ id, label: id, inactive: true }));

export interface ZoneParts {
  /** The names of the lines shown, in the lines' order; null: every line. */
  readonly lines: readonly string[] | null;
  /** The numbers of the counters whose calls are shown, lowest first; null: every counter. */
  readonly counters: readonly string[] | null;
}

/** What a display shows, for its row in the list; null for a kiosk. */
export function zoneParts(device: Pick<Device, 'display'>, services: Readonly<Record<string, Service>>, counters: Readonly<Record<string, Counter>>, lang: Language): ZoneParts | null {
  const d = device.display;
  if (!d) return null;
  const lines =
    d.serviceIds &&
    [...d.serviceIds]
      .sort((a, b) => (services[a]?.sortOrder ?? Infinity) - (services[b]?.sortOrder ?? Infinity) || a.localeCompare(b))
      .map((id) => (services[id] ? localized(services[id].names, lang) : id));
  const numbers =
    d.counterIds &&
    [...d.counterIds]
      .sort((a, b) => (counters[a]?.number ?? Infinity) - (counters[b]?.number ?? Infinity) || a.localeCompare(b))
      .map((id) => (counters[id] ? String(counters[id].number) : id));
  return { lines, counters: numbers };
}
