// Draws the widget into an element of the host page: a shadow root (the page's CSS stays out, ours
// stays in), a labelled region holding a table of the lines, a notice for a lost connection, the
// update time and a link to the full page. Only DOM calls and textContent: nothing from the
// server is ever parsed as HTML. What to draw comes from widgetModel (model.ts), a pure function.
import css from './widget.css?inline';
import type { WidgetModel } from './model';

export interface Mounted {
  /** Draws the model; the region, its notice and the table are kept, their contents replaced. */
  draw(model: WidgetModel): void;
  readonly root: ShadowRoot;
  /** The box itself (its height is the widget's). */
  readonly box: HTMLElement;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<Record<string, string>> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) if (value !== undefined) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function adoptStyles(root: ShadowRoot): void {
  // A constructed sheet is not an inline <style>, so a host page's CSP that forbids inline styles
  // does not stop it; older browsers get the <style> element.
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } catch {
    root.append(el('style', {}, css));
  }
}

export function mountWidget(host: Element): Mounted {
  const root = host.attachShadow({ mode: 'open' });
  adoptStyles(root);
  const box = el('section', { class: 'box' });
  const title = el('p', { class: 'title' });
  // role=status: a screen reader says when the connection is lost or back, not every count change.
  const notice = el('p', { class: 'notice', role: 'status' });
  const table = el('table');
  const foot = el('p', { class: 'foot' });
  box.append(title, notice, table, foot);
  root.append(box);

  return {
    root,
    box,
    draw(model) {
      box.setAttribute('lang', model.lang);
      box.setAttribute('aria-label', model.title);
      title.replaceChildren(model.title, el('span', { class: 'office' }, model.office));
      if (notice.textContent !== (model.notice ?? '')) notice.textContent = model.notice ?? '';

      const { headers } = model;
      const head = el('thead');
      const headRow = el('tr');
      for (const label of [headers.line, headers.waiting, headers.nowServing, headers.estimate]) headRow.append(el('th', { scope: 'col' }, label));
      head.append(headRow);
      const body = el('tbody');
      for (const line of model.lines) {
        const row = el('tr');
        const name = el('th', { scope: 'row' }, line.name);
        if (line.closed) name.append(el('span', { class: 'closed' }, line.closed));
        row.append(
          name,
          el('td', { class: 'num', 'data-label': headers.waiting }, line.waiting),
          el('td', { class: 'num', 'data-label': headers.nowServing }, line.nowServing),
          el('td', { 'data-label': headers.estimate }, line.estimate),
        );
        body.append(row);
      }
      table.replaceChildren(el('caption', {}, model.caption), head, body);

      const more = el('a', { href: model.more.href, target: '_blank', rel: 'noopener' }, model.more.label);
      foot.replaceChildren(el('span', {}, model.updated ?? ''), more);
    },
  };
}
