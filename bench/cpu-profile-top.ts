// The top functions by self time in a .cpuprofile (V8's format, as written by node --cpu-prof or by
// the inspector's Profiler.stop), and the same time summed per package or source file.
//   node --import tsx bench/cpu-profile-top.ts <file.cpuprofile> [how many, default 15]
// run.ts prints it too after a BENCH_CPU_PROF=1 run.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { table } from './common';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** node_modules/<package>/… → <package>; a repo path → its path from the repo root. */
function where(url: string): { module: string; short: string } {
  if (url === '') return { module: '(native / V8)', short: '' };
  const path = url.replace(/^file:\/\//, '');
  const nm = path.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = path.slice(nm + '/node_modules/'.length).split('/');
    const pkg = rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
    return { module: pkg, short: `${pkg}/${rest.at(-1)}` };
  }
  if (path.startsWith('node:')) return { module: 'node (built-in JS)', short: path };
  const repo = /\/(server|shared|bench)\/(.*)$/.exec(path);
  const short = repo ? `${repo[1]}/${repo[2]}` : path;
  return { module: short, short };
}

export function profileSummary(file: string, top = 15): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  let totalUs = 0;
  // timeDeltas[i] is the time before sample i; it is charged to the sample before it.
  for (let i = 0; i < profile.samples.length; i++) {
    const us = profile.timeDeltas[i + 1] ?? 0;
    selfUs.set(profile.samples[i]!, (selfUs.get(profile.samples[i]!) ?? 0) + us);
    totalUs += us;
  }
  const fns = new Map<string, number>();
  const modules = new Map<string, number>();
  let idleUs = 0;
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)') idleUs += us;
    const w = where(url);
    const key = `${functionName || '(anonymous)'}${w.short ? `  ${w.short}:${lineNumber + 1}` : ''}`;
    fns.set(key, (fns.get(key) ?? 0) + us);
    const mod = url === '' ? functionName.startsWith('(') ? functionName : '(native / V8)' : w.module;
    modules.set(mod, (modules.get(mod) ?? 0) + us);
  }
  const pct = (us: number) => `${((100 * us) / totalUs).toFixed(1)}%`;
  const busy = totalUs - idleUs;
  const rows = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => [name, (us / 1000).toFixed(0), pct(us), busy > 0 && !name.startsWith('(idle)') ? `${((100 * us) / busy).toFixed(1)}%` : '']);
  return [
    `CPU profile ${file}: ${(totalUs / 1e6).toFixed(1)} s sampled, ${pct(busy)} busy (not idle)`,
    '',
    `Top ${top} functions by self time:`,
    table(['function  file:line', 'self ms', '% of all', '% of busy'], rows(fns, top)),
    '',
    'Self time per package / source file:',
    table(['package or file', 'self ms', '% of all', '% of busy'], rows(modules, 12)),
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [file, n] = process.argv.slice(2);
  if (!file) {
    console.error('usage: node --import tsx bench/cpu-profile-top.ts <file.cpuprofile> [top]');
    process.exit(2);
  }
  process.stdout.write(`${profileSummary(file, n ? Number(n) : 15)}\n`);
}
