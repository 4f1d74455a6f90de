// The built shell (build.mjs → dist/) as Electron would load it: the files are there, the
// sandboxed preloads require nothing but electron, and the bundled entry starts with its own
// folder, so the preload and setup page paths it passes Electron point at real files.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fake, FakeWindow } from './testing/fake-electron';

let out: string;

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'kiosk-shell-build-'));
  const built = spawnSync(process.execPath, [join(import.meta.dirname, 'build.mjs'), out], { encoding: 'utf8' });
  expect(built.status, built.stderr).toBe(0);
});
afterAll(() => rmSync(out, { recursive: true, force: true }));
beforeEach(() => fake.reset());

const requires = (file: string) => [...readFileSync(join(out, file), 'utf8').matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1] ?? '').sort();

/** Runs dist/index.js as Electron's CommonJS loader would, with the fake electron. */
async function bootBuilt(env: Record<string, string>) {
  const code = readFileSync(join(out, 'index.js'), 'utf8');
  const realRequire = createRequire(join(out, 'index.js'));
  const module = { exports: {} };
  const previous = process.env.JIAOHAO_KIOSK_CONFIG;
  process.env.JIAOHAO_KIOSK_CONFIG = env.JIAOHAO_KIOSK_CONFIG;
  try {
    new Function('require', 'module', 'exports', '__dirname', '__filename', code)(
      (id: string) => (id === 'electron' ? fake.electron : realRequire(id)),
      module,
      module.exports,
      out,
      join(out, 'index.js'),
    );
    await vi.waitFor(() => expect(FakeWindow.all.length).toBeGreaterThan(0));
  } finally {
    if (previous === undefined) delete process.env.JIAOHAO_KIOSK_CONFIG;
    else process.env.JIAOHAO_KIOSK_CONFIG = previous;
  }
  return FakeWindow.all[0]!;
}

describe('the built shell', () => {
  it('has every file, and a package.json naming the app (its userData folder) and version', () => {
    for (const file of ['index.js', 'preload.js', 'setup-preload.js', 'setup.html', 'setup.js', 'setup.css']) {
      expect(existsSync(join(out, file)), file).toBe(true);
    }
    const version = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')).version;
    expect(JSON.parse(readFileSync(join(out, 'package.json'), 'utf8'))).toEqual({
      name: 'jiaohao-kiosk',
      productName: 'Jiaohao Kiosk',
      version,
      private: true,
      main: 'index.js',
    });
  });

  it('has preloads that a sandbox can run (they require electron only) and a setup script that requires nothing', () => {
    expect(requires('preload.js')).toEqual(['electron']);
    expect(requires('setup-preload.js')).toEqual(['electron']);
    expect(requires('setup.js')).toEqual([]);
    expect(requires('index.js').filter((id) => id !== 'electron' && !id.startsWith('node:'))).toEqual([]);
  });

  it('starts from its own folder: the setup page and its preload are real files', async () => {
    const setup = await bootBuilt({ JIAOHAO_KIOSK_CONFIG: join(out, 'no-such-kiosk.json') });
    expect(existsSync(setup.options.webPreferences.preload as string)).toBe(true);
    expect(setup.options.webPreferences.preload).toBe(join(out, 'setup-preload.js'));
    for (const file of ['setup.html', 'setup.js', 'setup.css']) {
      const response = await fake.state.protocolHandler!({ url: `jiaohao://setup/${file}` });
      expect(response.status, file).toBe(200);
      expect(await response.text()).toBe(readFileSync(join(out, file), 'utf8'));
    }
  });

  it('opens the kiosk page with the kiosk preload when set up', async () => {
    const config = join(out, 'kiosk.json');
    writeFileSync(config, JSON.stringify({ serverUrl: 'http://192.168.1.10:8080', deviceToken: 'jhd_x', printer: 'PDF' }));
    const kiosk = await bootBuilt({ JIAOHAO_KIOSK_CONFIG: config });
    expect(kiosk.options.webPreferences.preload).toBe(join(out, 'preload.js'));
    expect(existsSync(kiosk.options.webPreferences.preload as string)).toBe(true);
    expect(kiosk.loadURL).toHaveBeenCalledWith('http://192.168.1.10:8080/kiosk/#token=jhd_x');
  });
});
