import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { App } from './App';

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

function elementWithText(text: string): Element | undefined {
  return [...document.body.querySelectorAll('*')].find((el) => el.textContent === text);
}

it('shows the headline in Traditional Chinese and English, each marked with its language', async () => {
  container = document.body.appendChild(document.createElement('div'));
  root = createRoot(container);
  await act(async () => root?.render(<App />));

  const zh = elementWithText('櫃台叫號系統 — 即將推出');
  const en = elementWithText('Counter client — coming soon');
  expect(zh?.closest('h1')).not.toBeNull();
  expect(en?.closest('h1')).not.toBeNull();
  expect(zh?.closest('[lang]')?.getAttribute('lang')).toBe('zh-Hant-TW');
  expect(en?.closest('[lang]')?.getAttribute('lang')).toBe('en');
});
