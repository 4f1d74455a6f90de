// The layers point one way, checked on the import graph of server/src (every import, type-only ones
// included): core/ (the engine, the bus, principals) imports no module; nothing imports in a circle;
// the edges (routes, sockets, http) never reach a repository.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = dirname(fileURLToPath(import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'testing' ? [] : sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Relative imports of a file, resolved to files under server/src. */
function importsOf(file: string, source: string): string[] {
  const specs = [...source.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'|^\s*import\s+'([^']+)'/gm)].map((m) => m[1] ?? m[2]!);
  return specs.filter((s) => s.startsWith('.')).map((s) => relative(SRC, resolve(dirname(file), s.endsWith('.ts') ? s : `${s}.ts`)));
}

function importGraph(files: readonly string[], read: (file: string) => string): Map<string, string[]> {
  return new Map(files.map((f) => [relative(SRC, f), importsOf(f, read(f))]));
}

/** Every cycle's first closing path, as a list of files. */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') found.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return found;
}

const graph = importGraph(sourceFiles(SRC), (f) => readFileSync(f, 'utf8'));

describe('server layers', () => {
  it('reads a real graph (the check below is not vacuous)', () => {
    expect(graph.size).toBeGreaterThan(40);
    expect(graph.get('app.ts')).toContain('wiring.ts');
  });

  it('core/ imports nothing outside core/ (the engine knows no module)', () => {
    const leaks = [...graph].filter(([f]) => f.startsWith('core/')).flatMap(([f, deps]) => deps.filter((d) => !d.startsWith('core/')).map((d) => `${f} → ${d}`));
    expect(leaks).toEqual([]);
  });

  it('has no import cycle', () => {
    expect(cycles(graph).map((c) => c.join(' → '))).toEqual([]);
  });

  it('routes, sockets and the HTTP layer never import a repository', () => {
    const edges = [...graph].filter(([f]) => f.endsWith('.routes.ts') || f.startsWith('realtime/') || f.startsWith('http/'));
    expect(edges.length).toBeGreaterThan(8);
    const reach = edges.flatMap(([f, deps]) => deps.filter((d) => d.endsWith('.repo.ts') || d === 'store.ts' || d === 'db/database.ts').map((d) => `${f} → ${d}`));
    // The HTTP context names the store's type for the bus (CommandBus<Store>) and nothing else.
    expect(reach).toEqual(['http/context.ts → store.ts']);
  });

  it('the cycle finder finds a cycle when there is one', () => {
    expect(cycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]))).toEqual([['a', 'b', 'c', 'a']]);
    expect(cycles(new Map([['a', ['b']], ['b', []]]))).toEqual([]);
  });
});

describe('entries', () => {
  it('the production entry exports no test helper with a known password; the testing entry does', async () => {
    const production = await import('./index');
    const testing = await import('./testing/index');
    expect(Object.keys(production)).not.toContain('testConfig');
    expect(Object.keys(production).filter((k) => /test|fake|fixture/i.test(k))).toEqual([]);
    expect(testing.testConfig().adminPassword).toBe('test-admin-password');
  });
});
