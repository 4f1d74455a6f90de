// The widget's parts: following the SSE stream (a fake EventSource), the model drawn from the
// status (the same words as /status), and the box drawn into a shadow root, queried by role as a
// screen reader would.
import { getByRole, getAllByRole, queryByRole } from '@testing-library/dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { office } from '@jiaohao/shared/testing';
import { LOST_AFTER_MS } from '@jiaohao/web/lost';
import { statusWith } from '../public-status/testing';
import { followStatus, type EventSourceLike, type LiveState } from './live';
import { widgetModel } from './model';
import { mountWidget } from './mount';

class FakeSource implements EventSourceLike {
  static opened: FakeSource[] = [];
  readyState = 0;
  onopen: ((ev: Event) => unknown) | null = null;
  onerror: ((ev: Event) => unknown) | null = null;
  closed = false;
  private readonly listeners: ((ev: MessageEvent<string>) => void)[] = [];
  constructor(readonly url: string) {
    FakeSource.opened.push(this);
  }
  addEventListener(_type: 'status', listener: (ev: MessageEvent<string>) => void) {
    this.listeners.push(listener);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  send(data: string) {
    this.readyState = 1;
    for (const l of this.listeners) l(new MessageEvent('status', { data }));
  }
  fail(readyState: 0 | 2) {
    this.readyState = readyState;
    this.onerror?.(new Event('error'));
  }
}

const SERVER = 'https://queue.example.gov.tw';

describe('followStatus', () => {
  let states: LiveState[];
  let stop: () => void;
  beforeEach(() => {
    vi.useFakeTimers();
    FakeSource.opened = [];
    states = [];
    stop = followStatus(`${SERVER}/api/v1/public/events`, (s) => states.push(s), { open: (url) => new FakeSource(url), retryAfterMs: 10_000 });
  });
  afterEach(() => {
    stop();
    vi.useRealTimers();
  });
  const last = () => states.at(-1);

  it('takes each whole status, skips a torn frame, and says lost only after LOST_AFTER_MS away', () => {
    const [source] = FakeSource.opened;
    expect(source?.url).toBe(`${SERVER}/api/v1/public/events`);
    source?.send(JSON.stringify(statusWith({}, 3)));
    expect(last()?.status?.services[0]?.waiting).toBe(3);
    source?.send('{"torn');
    expect(last()?.status?.services[0]?.waiting).toBe(3);

    source?.fail(0); // EventSource reconnects by itself
    vi.advanceTimersByTime(LOST_AFTER_MS - 1);
    expect(last()?.lost).toBe(false);
    vi.advanceTimersByTime(1);
    expect(last()).toMatchObject({ lost: true, status: { seq: 42 } }); // the last figures are kept
    source?.send(JSON.stringify(statusWith({}, 5)));
    expect(last()?.lost).toBe(false);
    expect(last()?.status?.services[0]?.waiting).toBe(5);
    expect(FakeSource.opened).toHaveLength(1);
  });

  it('opens a new stream later when the browser gave up on one (an answer that was not a stream)', () => {
    FakeSource.opened[0]?.fail(2);
    expect(FakeSource.opened[0]?.closed).toBe(true);
    vi.advanceTimersByTime(10_000);
    expect(FakeSource.opened).toHaveLength(2);
    stop();
    expect(FakeSource.opened[1]?.closed).toBe(true);
  });
});

describe('widgetModel', () => {
  it('has the lines with the words of the /status page, and a link to it in the same language', () => {
    const model = widgetModel({ status: statusWith({}, 3), lost: false }, 'zh-TW', SERVER);
    expect(model.lang).toBe('zh-Hant-TW');
    expect(model.notice).toBeNull();
    expect(model.lines[0]).toMatchObject({ waiting: '3 人', nowServing: '1001', closed: null });
    expect(model.more.href).toBe(`${SERVER}/status`);
    const en = widgetModel({ status: statusWith({}, 1), lost: false }, 'en', SERVER);
    expect(en.lines[0]).toMatchObject({ waiting: '1 person', nowServing: '1001' });
    expect(en.more.href).toBe(`${SERVER}/status?lang=en`);
  });

  it('says it is connecting before the first status, and names the time of the figures once lost', () => {
    expect(widgetModel({ status: null, lost: false }, 'en', SERVER)).toMatchObject({ notice: 'Connecting…', lines: [], updated: null });
    const lost = widgetModel({ status: statusWith(), lost: true }, 'en', SERVER);
    expect(lost.notice).toMatch(/^Connection to the server lost: these figures are from .*10:00/);
    expect(lost.lines).toHaveLength(2);
  });

  it('says why a line issues no number', () => {
    const model = widgetModel({ status: statusWith({ office: office({ issuingMode: 'closed' }) }), lost: false }, 'en', SERVER);
    expect(model.lines[0]?.closed).toMatch(/^Not issuing: /);
  });
});

describe('mountWidget', () => {
  afterEach(() => document.body.replaceChildren());

  it('draws a labelled region with a table in a shadow root, with its own styles', () => {
    const host = document.createElement('div');
    document.body.append(host);
    const widget = mountWidget(host);
    widget.draw(widgetModel({ status: statusWith({}, 3), lost: false }, 'zh-TW', SERVER));
    const root = widget.root as unknown as HTMLElement;
    const region = getByRole(root, 'region', { name: '即時候位人數' });
    expect(region.getAttribute('lang')).toBe('zh-Hant-TW');
    const table = getByRole(region, 'table');
    expect(getAllByRole(table, 'columnheader').map((h) => h.textContent)).toEqual(['業務', '等候人數', '目前叫號', '預估等候']);
    const rows = getAllByRole(table, 'row').slice(1);
    expect(rows).toHaveLength(2);
    expect(getAllByRole(rows[0] as HTMLElement, 'cell').map((c) => c.textContent)).toEqual(['3 人', '1001', expect.any(String)]);
    expect(getByRole(root, 'link').getAttribute('href')).toBe(`${SERVER}/status`);
    // Nothing of it is in the host page's own tree.
    expect(host.children).toHaveLength(0);
    // Its styles are the shadow root's own (a constructed sheet, or a <style> where there is none);
    // that the host page's CSS stays out is checked in Chromium (tests/e2e/public-widget.e2e.test.ts).
    expect(widget.root.adoptedStyleSheets.length + widget.root.querySelectorAll('style').length).toBe(1);
  });

  it('shows the lost notice in a status role, and clears it when live again', () => {
    const host = document.createElement('div');
    document.body.append(host);
    const widget = mountWidget(host);
    const root = widget.root as unknown as HTMLElement;
    widget.draw(widgetModel({ status: statusWith(), lost: true }, 'en', SERVER));
    expect(getByRole(root, 'status').textContent).toMatch(/Connection to the server lost/);
    widget.draw(widgetModel({ status: statusWith({}, 4), lost: false }, 'en', SERVER));
    expect(getByRole(root, 'status').textContent).toBe('');
    expect(queryByRole(root, 'table')).not.toBeNull();
  });

  it('never reads what the server sends as HTML', () => {
    const host = document.createElement('div');
    document.body.append(host);
    const widget = mountWidget(host);
    const status = statusWith();
    const evil = { ...status, services: status.services.map((s) => ({ ...s, names: { 'zh-TW': '<img src=x onerror=alert(1)>' } })) };
    widget.draw(widgetModel({ status: evil, lost: false }, 'zh-TW', SERVER));
    expect(widget.root.querySelector('img')).toBeNull();
    expect(widget.root.textContent).toContain('<img src=x onerror=alert(1)>');
  });
});
