// /widget.js: the office's live waiting counts in a small box on any web page, with one tag and
// no framework on the host page:
//
//   <div id="jiaohao-waiting"></div>
//   <script src="https://<server>/widget.js" data-target="#jiaohao-waiting" data-lang="zh-TW" async></script>
//
// data-target: a CSS selector of the element to draw into (without it, a box right after the
// script tag); data-lang: zh-TW (default) or en. The box fills the element's width. In the /embed
// page (data-frame="resize") it also tells the framing page its height.
import { EMBED_HEIGHT_MESSAGE, PUBLIC_EVENTS_PATH } from '@jiaohao/shared/rules';
import { statusLanguage } from '../public-status';
import { followStatus } from './live';
import { widgetModel } from './model';
import { mountWidget } from './mount';

function targetOf(script: HTMLScriptElement): Element | null {
  const selector = script.dataset.target;
  if (selector) {
    try {
      return document.querySelector(selector);
    } catch {
      return null; // not a selector
    }
  }
  const box = document.createElement('div');
  script.after(box);
  return box;
}

function start(script: HTMLScriptElement): void {
  const server = new URL(script.src, document.baseURI).origin;
  const lang = statusLanguage(script.dataset.lang);
  const host = targetOf(script);
  if (!host) {
    console.error(`Jiaohao widget: no element matches data-target="${script.dataset.target ?? ''}"`);
    return;
  }
  if (host.shadowRoot) return; // the same box named twice on one page
  const widget = mountWidget(host);
  followStatus(`${server}${PUBLIC_EVENTS_PATH}`, (state) => widget.draw(widgetModel(state, lang, server)));
  widget.draw(widgetModel({ status: null, lost: false }, lang, server));

  if (script.dataset.frame === 'resize' && window.parent !== window) {
    new ResizeObserver(() => {
      window.parent.postMessage({ type: EMBED_HEIGHT_MESSAGE, height: Math.ceil(widget.box.getBoundingClientRect().height) }, '*');
    }).observe(widget.box);
  }
}

const script = document.currentScript;
if (script instanceof HTMLScriptElement) start(script);
