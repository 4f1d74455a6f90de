// The first-run setup page (jiaohao://setup/setup.html): a form for the server address, the
// device token and the printer, saved through window.jiaohaoSetup, which validates everything
// again in the main process; its problems are shown beside their fields and in a summary.
import type { JiaohaoSetupApi, SetupField, SetupProblem, SetupValues } from '../api';

const FIELDS: readonly SetupField[] = ['serverUrl', 'deviceToken', 'printer', 'kiosk'];

function element<T extends HTMLElement>(doc: Document, id: string): T {
  const found = doc.getElementById(id);
  if (!found) throw new Error(`setup page: #${id} is missing`);
  return found as T;
}

function input(doc: Document, field: SetupField): HTMLInputElement {
  return element<HTMLInputElement>(doc, field);
}

export function readForm(doc: Document): SetupValues {
  return {
    serverUrl: input(doc, 'serverUrl').value,
    deviceToken: input(doc, 'deviceToken').value,
    printer: input(doc, 'printer').value,
    kiosk: input(doc, 'kiosk').checked,
  };
}

export function fillForm(doc: Document, values: SetupValues): void {
  input(doc, 'serverUrl').value = values.serverUrl;
  input(doc, 'deviceToken').value = values.deviceToken;
  input(doc, 'printer').value = values.printer;
  input(doc, 'kiosk').checked = values.kiosk;
}

/** Each problem beside its field (aria-invalid, described by the message) and all in the summary, which takes focus. */
export function showProblems(doc: Document, problems: readonly SetupProblem[]): void {
  for (const field of FIELDS) {
    const mine = problems.filter((p) => p.field === field).map((p) => p.message);
    const error = element(doc, `${field}-error`);
    error.textContent = mine.join(' ');
    error.hidden = mine.length === 0;
    if (mine.length > 0) input(doc, field).setAttribute('aria-invalid', 'true');
    else input(doc, field).removeAttribute('aria-invalid');
  }
  const summary = element(doc, 'problems');
  const list = element(doc, 'problem-list');
  list.replaceChildren(
    ...problems.map((problem) => {
      const item = doc.createElement('li');
      item.textContent = problem.message; // text, never HTML: it can quote the settings file
      return item;
    }),
  );
  summary.hidden = problems.length === 0;
  if (problems.length > 0) summary.focus();
}

export async function initSetupPage(doc: Document, api: JiaohaoSetupApi | undefined): Promise<void> {
  const status = element(doc, 'status');
  const form = element<HTMLFormElement>(doc, 'setup');
  const button = form.querySelector('button');
  if (!api) {
    status.textContent = '這個頁面只在叫號機程式裡運作。 This page works inside the kiosk shell only.';
    return;
  }
  const state = await api.load();
  element(doc, 'configPath').textContent = state.configPath;
  fillForm(doc, state.values);
  showProblems(doc, state.problems);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      if (button) button.disabled = true;
      status.textContent = '儲存中… Saving…';
      try {
        const result = await api.save(readForm(doc));
        if (result.ok) {
          showProblems(doc, []);
          status.textContent = '已儲存，正在開啟叫號機… Saved; opening the kiosk…';
        } else {
          status.textContent = '';
          showProblems(doc, result.problems);
        }
      } catch (error) {
        status.textContent = '';
        showProblems(doc, [{ field: null, message: `無法儲存 Could not save: ${(error as Error).message}` }]);
      } finally {
        if (button) button.disabled = false;
      }
    })();
  });
}
