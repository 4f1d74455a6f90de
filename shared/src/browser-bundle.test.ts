// shared/ as a browser bundle under a strict CSP. Each public entry is bundled by esbuild for the
// browser (no Node polyfills, so a Node built-in anywhere in the graph fails the build) and run in
// a node:vm context that refuses code generation from strings, as a page whose CSP lacks
// 'unsafe-eval' does: `eval` and `new Function` throw EvalError there. TypeBox's TypeCompiler
// needs `new Function`; `Value.Check` does not, so clients check values with `Value.Check`.
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import type { DomainEvent, Snapshot } from './events.schemas';
import { NOW, ago, iso, snapshot, ticket } from './testing/builders';

// This test alone runs on Node by design (it drives the bundler and a vm sandbox). shared/ is
// compiled without Node's types (`types: []`), which keeps Node globals out of its code, so the
// Node modules it needs are loaded by name here, typed with the little that is used.
type Context = object;
interface NodeVm {
  createContext(sandbox?: object, options?: { codeGeneration?: { strings?: boolean; wasm?: boolean } }): Context;
  runInContext(code: string, context: Context): unknown;
}
const { createContext, runInContext } = (await import('node:vm' as string)) as NodeVm;
const { fileURLToPath } = (await import('node:url' as string)) as { fileURLToPath(url: string): string };
const { dirname, resolve } = (await import('node:path' as string)) as { dirname(p: string): string; resolve(...p: string[]): string };
const srcDir = dirname(fileURLToPath((import.meta as ImportMeta & { readonly url: string }).url));
const repoDir = resolve(srcDir, '../..');

/** What every bundle here is built with: a browser target and nothing that stands in for Node. */
const BROWSER: BuildOptions = {
  bundle: true,
  write: false,
  platform: 'browser',
  format: 'iife',
  globalName: 'J',
  target: 'es2022',
  metafile: true,
  logLevel: 'silent',
  absWorkingDir: repoDir,
  // Deliberately no `external`, `inject`, `alias` or polyfill plugins.
};

interface Bundle {
  readonly code: string;
  /** Every source file esbuild read, relative to the repository root. */
  readonly read: readonly string[];
  /** The files that put code into the bundle (the rest were tree-shaken or only re-export). */
  readonly used: readonly string[];
}

/** Bundles `contents` as if it were a file in shared/src (so `@jiaohao/shared/…` resolves through the package's exports). */
async function bundle(contents: string, extra: BuildOptions = {}): Promise<Bundle> {
  const result = await build({
    ...BROWSER,
    ...extra,
    stdin: { contents, resolveDir: srcDir, sourcefile: 'harness.ts', loader: 'ts' },
  });
  const out = result.outputFiles?.[0];
  if (!out) throw new Error('esbuild produced no output');
  return { code: out.text, read: Object.keys(result.metafile?.inputs ?? {}), used: usedInputs(result.metafile) };
}

function usedInputs(metafile: Metafile | undefined): string[] {
  const output = Object.values(metafile?.outputs ?? {})[0];
  return Object.entries(output?.inputs ?? {})
    .filter(([, use]) => use.bytesInOutput > 0)
    .map(([path]) => path);
}

/** A fresh realm that refuses `eval`, `new Function` and WebAssembly compilation, like a strict CSP. */
function strictRealm(): Context {
  return createContext({}, { codeGeneration: { strings: false, wasm: false } });
}

/** Loads a bundle into `realm`; afterwards its exports are the global `J` there. */
function load(b: Bundle, realm: Context = strictRealm()): Context {
  runInContext(b.code, realm);
  return realm;
}

/**
 * Evaluates `expression` inside the realm, with `args` as plain data built there (so nothing
 * crosses realms but JSON), and returns its JSON result parsed back here.
 */
function call(realm: Context, expression: string, args: Record<string, unknown> = {}): unknown {
  const bindings = Object.entries(args)
    .map(([name, value]) => `const ${name} = ${JSON.stringify(value)};`)
    .join('\n');
  const json = runInContext(`(() => { ${bindings}\n return JSON.stringify(${expression}); })()`, realm) as string | undefined;
  return json === undefined ? undefined : JSON.parse(json);
}

const ENTRIES = [
  { entry: 'schemas', expects: ['Ticket', 'Snapshot', 'DomainEvent', 'ERROR_CODES', 'COMMANDS', 'NAMESPACES', 'registerFormats'] },
  { entry: 'rules', expects: ['canMove', 'pickNext', 'formatNumber', 'estimateWait', 'businessDate', 'isIssuingOpen', 'publicStatus'] },
  { entry: 'reducer', expects: ['fromSnapshot', 'applyEvent', 'checkSeq', 'waitingIn'] },
  { entry: 'i18n', expects: ['LANGUAGE_NAMES', 'LANGUAGE_TAGS', 'localized', 'defineCatalogs', 'missingKeys'] },
  { entry: 'catalogs', expects: ['COUNTER_COMMON', 'COUNTER_CLERK'] },
] as const;

describe('each browser entry of @jiaohao/shared', () => {
  it.each(ENTRIES)('$entry bundles for the browser and loads without code generation', async ({ entry, expects }) => {
    const b = await bundle(`export * from '@jiaohao/shared/${entry}';`);
    const realm = load(b);
    const names = call(realm, 'Object.keys(J)') as string[];
    expect(names).toEqual(expect.arrayContaining([...expects]));
    // Nothing that compiles code at run time is in the bundle: TypeBox's compiler is never even
    // read, and its `new Function` helper (re-exported by typebox/system) is tree-shaken away.
    expect(b.read.filter((path) => path.includes('@sinclair/typebox/build/esm/compiler/'))).toEqual([]);
    expect(b.used.filter((path) => path.includes('@sinclair/typebox/build/esm/system/evaluate'))).toEqual([]);
    expect(b.code).not.toMatch(/\bnew Function\b|globalThis\.Function\b|\beval\(/);
    // Resolved through the package's "exports", to the entry file.
    expect(b.read).toContain(`shared/src/entries/${entry}.ts`);
  });
});

describe('./schemas in a strict realm', () => {
  const harness = `export * from '@jiaohao/shared/schemas';\nexport { Value } from '@sinclair/typebox/value';`;

  it('checks tickets and snapshots with Value.Check, date-time format included', async () => {
    const realm = load(await bundle(harness));
    const good = snapshot({ tickets: [ticket(), ticket({ id: 't2', number: '1002', value: 1002, queuedAt: ago(2) })] });
    const badDate = { ...good, tickets: [ticket({ issuedAt: '2024-05-06 10:00' })] };

    expect(call(realm, 'J.Value.Check(J.Ticket, t)', { t: ticket() })).toBe(true);
    expect(call(realm, 'J.Value.Check(J.Ticket, t)', { t: { ...ticket(), state: 'lost' } })).toBe(false);
    expect(call(realm, 'J.Value.Check(J.Snapshot, s)', { s: good })).toBe(true);
    expect(call(realm, 'J.Value.Check(J.Snapshot, s)', { s: badDate })).toBe(false);
    const { office: _office, ...withoutOffice } = good;
    expect(call(realm, 'J.Value.Check(J.Snapshot, s)', { s: withoutOffice })).toBe(false);
    // The format itself: registered by the entry, so it accepts real instants and nothing else.
    expect(call(realm, 'J.Value.Check(J.IsoDateTime, v)', { v: '2026-12-01T09:00:00+08:00' })).toBe(true);
    expect(call(realm, 'J.Value.Check(J.IsoDateTime, v)', { v: '2026-13-45T25:00:00Z' })).toBe(false);
    // Errors say where, for a client's log.
    expect(call(realm, '[...J.Value.Errors(J.Ticket, t)].map((e) => e.path)', { t: { ...ticket(), calledAt: 'soon' } })).toContain('/calledAt');
  });
});

describe('./reducer in a strict realm', () => {
  it('builds the office state from a snapshot and applies events, marking a seq gap stale', async () => {
    const realm = load(await bundle(`export * from '@jiaohao/shared/reducer';`));
    const snap: Snapshot = snapshot({ seq: 42, tickets: [ticket({ id: 'w1', queuedAt: ago(20) })] });
    const issued: DomainEvent = {
      seq: 43,
      type: 'ticket:issued',
      at: iso(NOW),
      actor: { kind: 'device', id: 'kiosk-1' },
      reason: null,
      data: { ticket: ticket({ id: 'w2', number: '1002', value: 1002, queuedAt: ago(1) }) },
    };
    const late: DomainEvent = { ...issued, seq: 45 };

    const result = call(
      realm,
      `(() => {
        const s0 = J.fromSnapshot(snap);
        const s1 = J.applyEvent(s0, issued);
        const s2 = J.applyEvent(s1, late);
        return { seq: s1.seq, waiting: J.waitingIn(s1, 'household').map((t) => t.id), stale: [s1.stale, s2.stale], s2seq: s2.seq };
      })()`,
      { snap, issued, late },
    );
    expect(result).toEqual({ seq: 43, waiting: ['w1', 'w2'], stale: [false, true], s2seq: 43 });
  });
});

describe('./rules and ./i18n in a strict realm', () => {
  it('runs the rules, Intl included', async () => {
    const realm = load(await bundle(`export * from '@jiaohao/shared/rules';`));
    expect(call(realm, '[J.canMove("waiting", "call"), J.canMove("done", "call")]')).toEqual([true, false]);
    expect(call(realm, 'J.formatNumber({ digits: 4, prefix: "A" }, 7)')).toBe('A0007');
    // 00:30 on the 7th in Taipei, still the 6th in UTC: the business date is Taipei's (Intl in the realm).
    expect(call(realm, 'J.businessDate(Date.parse("2024-05-06T16:30:00Z"))')).toBe('2024-05-07');
    expect(call(realm, 'J.estimateWait({ ahead: 4, openCounters: 2, handlingMinutes: 10 })')).toEqual({ min: 15, max: 25 });
    expect(call(realm, 'J.estimateWait({ ahead: 4, openCounters: 0, handlingMinutes: 10 })')).toBeNull();
  });

  it('localizes with the zh-TW fallback', async () => {
    const realm = load(await bundle(`export * from '@jiaohao/shared/i18n';`));
    expect(call(realm, 'J.localized({ "zh-TW": "護照", en: "Passport" }, "th")')).toBe('護照');
    expect(call(realm, 'J.defineCatalogs({ "zh-TW": { ok: "確定" }, en: { ok: "OK" }, vi: {}, id: {}, th: {} }).t("en", "ok")')).toBe('OK');
  });
});

describe('the controls (so the checks above can fail)', () => {
  it('the strict realm refuses new Function, which an ordinary realm allows', async () => {
    const b = await bundle(`export const one = () => new Function('return 1')();`);
    expect(call(load(b, createContext({})), 'J.one()')).toBe(1);
    expect(() => call(load(b), 'J.one()')).toThrow(/Code generation from strings disallowed/);
    const errorName = `(() => { try { J.one(); return 'ran'; } catch (e) { return e.name; } })()`;
    expect(call(load(b), errorName)).toBe('EvalError');
    expect(call(strictRealm(), `(() => { try { return eval('1'); } catch (e) { return e.name; } })()`)).toBe('EvalError');
  });

  it("TypeBox's TypeCompiler, bundled the same way, fails in the strict realm", async () => {
    const b = await bundle(
      `import { TypeCompiler } from '@sinclair/typebox/compiler';\nimport { Ticket } from '@jiaohao/shared/schemas';\nexport const compile = () => TypeCompiler.Compile(Ticket).Check({});`,
    );
    expect(call(load(b, createContext({})), 'J.compile()')).toBe(false);
    expect(() => call(load(b), 'J.compile()')).toThrow(/Code generation from strings disallowed/);
  });

  it('a Node built-in fails the browser build', async () => {
    await expect(bundle(`import { readFileSync } from 'node:fs';\nexport const read = readFileSync;`)).rejects.toThrow(/node:fs/);
    await expect(bundle(`import { createHash } from 'crypto';\nexport const hash = createHash;`)).rejects.toThrow(/crypto/);
  });
});

describe('"sideEffects" in shared/package.json', () => {
  // A bundler drops a module declared pure when nothing it exports is used, and with it the imports
  // of that module, side effects or not. So the entries that register the date-time format for
  // their users are declared as having that side effect, or a plain `import { Ticket }` would get
  // schemas whose every date-time fails Value.Check.
  it.each(['@jiaohao/shared/schemas', '@jiaohao/shared'])('a single schema imported from %s comes with the date-time format', async (from) => {
    const b = await bundle(
      `import { Ticket } from '${from}';\nimport { Value } from '@sinclair/typebox/value';\nexport const check = (t: unknown) => Value.Check(Ticket, t);`,
    );
    expect(b.used).toContain('shared/src/formats.ts');
    const realm = load(b);
    expect(call(realm, 'J.check(t)', { t: ticket() })).toBe(true);
    expect(call(realm, 'J.check(t)', { t: ticket({ calledAt: 'soon' }) })).toBe(false);
  });

  it('lets a bundler drop the modules a client does not use', async () => {
    const b = await bundle(`import { canMove } from '@jiaohao/shared';\nexport const ok = canMove('waiting', 'call');`);
    expect(b.used).toContain('shared/src/tickets.transitions.ts');
    expect(b.used).not.toContain('shared/src/domain.schemas.ts');
    expect(b.used).not.toContain('shared/src/admin.schemas.ts');
    expect(b.used).not.toContain('shared/src/office-state.reducer.ts');
    expect(b.used).not.toContain('shared/src/i18n.ts');
    const rules = await bundle(`import { canMove } from '@jiaohao/shared/rules';\nexport const ok = canMove('waiting', 'call');`);
    expect(rules.used.filter((path) => path.startsWith('shared/src/') && path !== 'shared/src/harness.ts')).toEqual([
      'shared/src/tickets.transitions.ts',
    ]);
    // The reducer is plain functions: a value it took from a schema module (MAX_RECENT_CALLS, say)
    // would bring every schema and TypeBox into a display's bundle.
    const reducer = await bundle(`export * from '@jiaohao/shared/reducer';`);
    expect(reducer.used.filter((path) => path.includes('.schemas.ts') || path.includes('@sinclair/typebox'))).toEqual([]);
  });

  it('(control) without the field honoured, everything the index re-exports stays', async () => {
    const b = await bundle(`import { canMove } from '@jiaohao/shared';\nexport const ok = canMove('waiting', 'call');`, { ignoreAnnotations: true });
    expect(b.used).toContain('shared/src/admin.schemas.ts');
  });
});
