import { act, type ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { App } from './App';
import { StatusApp } from './StatusApp';

let root: Root | undefined;
let container: HTMLElement | undefined;

beforeAll(() => {
  // Tells React this environment wraps updates in act(), so it neither warns nor defers them.
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

afterEach(() => {
  act(() => root?.unmount());
  container?.remove();
});

async function render(element: ReactElement): Promise<void> {
  container = document.body.appendChild(document.createElement('div'));
  root = createRoot(container);
  await act(async () => root?.render(element));
}

function elementWithText(text: string): Element | undefined {
  return [...document.body.querySelectorAll('*')].find((el) => el.textContent === text);
}

function expectHeadline(zhText: string, enText: string): void {
  const zh = elementWithText(zhText);
  const en = elementWithText(enText);
  expect(zh?.closest('h1')).not.toBeNull();
  expect(en?.closest('h1')).not.toBeNull();
  expect(zh?.closest('[lang]')?.getAttribute('lang')).toBe('zh-Hant-TW');
  expect(en?.closest('[lang]')?.getAttribute('lang')).toBe('en');
}

describe('display placeholders', () => {
  it('the wall display shows its headline in Traditional Chinese and English, each marked with its language', async () => {
    await render(<App />);
    expectHeadline('叫號看板 — 即將推出', 'Wall display — coming soon');
  });

  it('the public status page says it is coming and links to the JSON feed', async () => {
    await render(<StatusApp />);
    expectHeadline('即時候位人數 — 即將推出', 'Live waiting count — coming soon');
    const links = [...document.body.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(links).toEqual(['/api/v1/public/status', '/api/v1/public/status']);
  });
});
