// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import axe from 'axe-core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { JiaohaoSetupApi, SetupSaveResult } from '../api';
import { initSetupPage } from './page';

const HTML = readFileSync(join(import.meta.dirname, 'setup.html'), 'utf8');

function api(save: SetupSaveResult = { ok: true }) {
  return {
    load: vi.fn(async () => ({
      configPath: '/home/kiosk/.config/jiaohao-kiosk/kiosk.json',
      values: { serverUrl: 'http://server.lan:8080/kiosk/', deviceToken: '', printer: 'PDF', kiosk: true },
      problems: [
        { field: 'serverUrl' as const, message: 'serverUrl is the server\'s address only, without a path: http://server.lan:8080' },
        { field: null, message: 'unknown setting "printr" <b>x</b>' },
      ],
    })),
    save: vi.fn(async () => save),
  } satisfies JiaohaoSetupApi;
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const labelled = (id: string) => document.querySelector(`label[for="${id}"]`)?.textContent?.replace(/\s+/g, ' ').trim();

beforeEach(() => {
  const page = new DOMParser().parseFromString(HTML, 'text/html').documentElement;
  document.documentElement.innerHTML = page.innerHTML;
  document.documentElement.lang = page.lang;
});

describe('the setup page', () => {
  it('labels every field and fills it from the file, showing what is wrong where it is wrong', async () => {
    await initSetupPage(document, api());
    expect(labelled('serverUrl')).toBe('伺服器網址 Server address');
    expect(labelled('deviceToken')).toBe('裝置權杖 Device token');
    expect(labelled('printer')).toBe('印表機佇列 Printer (CUPS queue)');
    expect(labelled('kiosk')).toBe('全螢幕鎖定 Kiosk mode');
    expect($<HTMLInputElement>('serverUrl').value).toBe('http://server.lan:8080/kiosk/');
    expect($<HTMLInputElement>('printer').value).toBe('PDF');
    expect($<HTMLInputElement>('kiosk').checked).toBe(true);
    expect($('configPath').textContent).toBe('/home/kiosk/.config/jiaohao-kiosk/kiosk.json');

    expect($('serverUrl').getAttribute('aria-invalid')).toBe('true');
    expect($('serverUrl').getAttribute('aria-describedby')).toContain('serverUrl-error');
    expect($('serverUrl-error').hidden).toBe(false);
    expect($('serverUrl-error').textContent).toMatch(/without a path/);
    expect($('deviceToken').hasAttribute('aria-invalid')).toBe(false);
    expect($('deviceToken-error').hidden).toBe(true);

    const summary = $('problems');
    expect(summary.hidden).toBe(false);
    expect(summary.getAttribute('role')).toBe('alert');
    expect(document.activeElement).toBe(summary);
    expect([...summary.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      "serverUrl is the server's address only, without a path: http://server.lan:8080",
      'unknown setting "printr" <b>x</b>', // as text, not markup
    ]);
    expect(summary.querySelector('b')).toBeNull();
  });

  it('saves what was typed and says so', async () => {
    const bridge = api();
    await initSetupPage(document, bridge);
    $<HTMLInputElement>('serverUrl').value = 'http://192.168.1.10:8080';
    $<HTMLInputElement>('deviceToken').value = 'jhd_abc';
    $<HTMLInputElement>('printer').value = '';
    $<HTMLInputElement>('kiosk').checked = false;
    $<HTMLFormElement>('setup').requestSubmit();
    await vi.waitFor(() => expect($('status').textContent).toMatch(/Saved; opening the kiosk/));
    expect(bridge.save).toHaveBeenCalledWith({ serverUrl: 'http://192.168.1.10:8080', deviceToken: 'jhd_abc', printer: '', kiosk: false });
    expect($('problems').hidden).toBe(true);
    expect($('serverUrl').hasAttribute('aria-invalid')).toBe(false);
  });

  it('shows the problems the shell found on saving', async () => {
    const bridge = api({ ok: false, problems: [{ field: 'deviceToken', message: 'deviceToken is missing: register the kiosk…' }] });
    await initSetupPage(document, bridge);
    $<HTMLFormElement>('setup').requestSubmit();
    await vi.waitFor(() => expect($('deviceToken-error').textContent).toMatch(/deviceToken is missing/));
    expect($('deviceToken').getAttribute('aria-invalid')).toBe('true');
    expect($('serverUrl').hasAttribute('aria-invalid')).toBe(false);
    expect(document.activeElement).toBe($('problems'));
    expect($<HTMLButtonElement>('setup').querySelector('button')!.disabled).toBe(false);
  });

  it('has no accessibility violations axe can find without a layout (showing problems too)', async () => {
    await initSetupPage(document, api());
    // jsdom draws nothing, so colour contrast is left to a real browser.
    const results = await axe.run(document, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });

  it('says where it works when opened outside the shell', async () => {
    await initSetupPage(document, undefined);
    expect($('status').textContent).toMatch(/inside the kiosk shell only/);
  });
});
