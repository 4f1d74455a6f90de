#!/usr/bin/env node
// Builds the Electron shell into kiosk/electron/dist (or the folder given as the first argument):
//   index.js                 the main process (main.ts through index.ts), CommonJS
//   preload.js               the kiosk page's preload, one file (sandboxed preloads cannot require local files)
//   setup-preload.js         the setup page's preload
//   setup.html, setup.js, setup.css   the first-run setup page, served on jiaohao://setup/
//   package.json             name (→ the userData folder, ~/.config/jiaohao-kiosk) and version for Electron
// Run it with: electron kiosk/electron/dist   (npm run kiosk does both)
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2] ?? join(here, 'dist'));
const { version } = JSON.parse(readFileSync(join(here, '..', 'package.json'), 'utf8'));

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

// Electron 39: Node 22, Chromium 142.
await build({
  entryPoints: {
    index: join(here, 'index.ts'),
    preload: join(here, 'preload.ts'),
    'setup-preload': join(here, 'setup-preload.ts'),
  },
  outdir: out,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['electron'],
  logLevel: 'warning',
});
await build({
  entryPoints: { setup: join(here, 'setup', 'entry.ts') },
  outdir: out,
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'chrome140',
  logLevel: 'warning',
});
for (const file of ['setup.html', 'setup.css']) copyFileSync(join(here, 'setup', file), join(out, file));
writeFileSync(
  join(out, 'package.json'),
  `${JSON.stringify({ name: 'jiaohao-kiosk', productName: 'Jiaohao Kiosk', version, private: true, main: 'index.js' }, null, 2)}\n`,
);
console.log(`kiosk shell built in ${out}`);
