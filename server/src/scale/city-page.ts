// The city page (/city on a public node): every office with each line's waiting count and when it
// was updated, rendered on the server so it reads with JavaScript off. A small script (/city.js)
// fetches the table's rows again every few seconds (/city/rows, with its ETag: a 304 while nothing
// changed) and swaps them in: plain HTTP, so it works through any load balancer without sticky
// sessions, and one renderer, this one, draws both.
import type { KnownOffice } from './snapshots';

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** How often the page's script asks for the rows again. */
export const CITY_REFRESH_MS = 5_000;

/** The time of day in the office's own zone, 24-hour (no locale quirks such as U+2009). */
function timeOfDay(iso: string, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
  } catch {
    return iso.slice(11, 19);
  }
}

/** Chinese first, then the English name when there is one, marked as English for screen readers. */
function bilingual(names: { 'zh-TW': string; en?: string }): string {
  const en = names.en ? ` <span lang="en" class="en">${escapeHtml(names.en)}</span>` : '';
  return `${escapeHtml(names['zh-TW'])}${en}`;
}

/** The table's bodies: one per office, a row per line. */
export function cityRows(offices: readonly KnownOffice[], staleSince: (officeId: string) => string | null): string {
  if (offices.length === 0) {
    return '<tbody><tr><td colspan="4">尚無事務所資料 <span lang="en" class="en">No office has published its status yet</span></td></tr></tbody>';
  }
  return offices
    .map(({ view: { status } }) => {
      const lines = status.services.length > 0 ? status.services : null;
      const span = lines ? lines.length : 1;
      const updated =
        `<time datetime="${escapeHtml(status.updatedAt)}">${timeOfDay(status.updatedAt, status.office.timeZone)}</time>` +
        (staleSince(status.office.id) !== null ? ' <strong class="stale">可能不是最新 <span lang="en">may be out of date</span></strong>' : '');
      const head = `<th scope="rowgroup" rowspan="${span}">${bilingual(status.office.names)}</th>`;
      const when = `<td rowspan="${span}">${updated}</td>`;
      if (!lines) return `<tbody><tr>${head}<td colspan="2">目前沒有服務項目 <span lang="en" class="en">No lines today</span></td>${when}</tr></tbody>`;
      const rows = lines.map(
        (s, i) => `<tr>${i === 0 ? head : ''}<td>${bilingual(s.names)}</td><td class="n">${s.waiting}</td>${i === 0 ? when : ''}</tr>`,
      );
      return `<tbody>${rows.join('')}</tbody>`;
    })
    .join('');
}

export function cityPage(offices: readonly KnownOffice[], staleSince: (officeId: string) => string | null): string {
  return `<!doctype html>
<html lang="zh-TW">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>各戶政事務所等候人數 · Waiting at each household registration office</title>
<style>
  body { font-family: "Noto Sans TC", "Noto Sans CJK TC", system-ui, sans-serif; margin: 1rem; color: #111; background: #fff; line-height: 1.5; }
  h1 { font-size: 1.5rem; margin: 0 0 .5rem; }
  .en { color: #333; font-size: .9em; }
  table { border-collapse: collapse; width: 100%; max-width: 60rem; }
  caption { text-align: left; padding: .25rem 0; color: #333; }
  th, td { border: 1px solid #666; padding: .4rem .6rem; text-align: left; vertical-align: top; }
  thead th { background: #e8e8e8; }
  td.n { text-align: right; font-variant-numeric: tabular-nums; font-size: 1.2em; font-weight: 700; }
  .stale { color: #8a1c00; }
  #city-state { margin: .5rem 0; color: #333; }
</style>
</head>
<body>
<main>
<h1>各戶政事務所等候人數 <span lang="en" class="en">People waiting at each household registration office</span></h1>
<p id="city-state" role="status">每 ${CITY_REFRESH_MS / 1000} 秒自動更新（需啟用 JavaScript；否則請重新整理）<span lang="en" class="en"> Updates itself every ${CITY_REFRESH_MS / 1000} s (with JavaScript; otherwise reload the page)</span></p>
<table id="city">
<caption>每個事務所各櫃檯業務目前等候的人數與更新時間 <span lang="en" class="en">Each office's lines, the people waiting in each, and when the office's figures last changed</span></caption>
<thead><tr><th scope="col">事務所 <span lang="en" class="en">Office</span></th><th scope="col">業務 <span lang="en" class="en">Line</span></th><th scope="col">等候人數 <span lang="en" class="en">Waiting</span></th><th scope="col">更新時間 <span lang="en" class="en">Updated</span></th></tr></thead>
${cityRows(offices, staleSince)}
</table>
</main>
<script src="/city.js" defer></script>
</body>
</html>
`;
}

/** The page's script: fetch the rows with the last ETag, swap the bodies in, say when it cannot. */
export const CITY_SCRIPT = `(() => {
  'use strict';
  const table = document.getElementById('city');
  const state = document.getElementById('city-state');
  let etag = null;
  let failing = false;
  const say = (zh, en) => {
    state.textContent = zh + ' ';
    const span = document.createElement('span');
    span.lang = 'en';
    span.className = 'en';
    span.textContent = en;
    state.appendChild(span);
  };
  const refresh = async () => {
    try {
      const res = await fetch('/city/rows', { headers: etag ? { 'if-none-match': etag } : {}, cache: 'no-cache' });
      if (res.status === 200) {
        etag = res.headers.get('etag');
        const template = document.createElement('template');
        template.innerHTML = '<table>' + (await res.text()) + '</table>';
        for (const old of table.querySelectorAll('tbody')) old.remove();
        for (const body of template.content.querySelectorAll('tbody')) table.appendChild(body);
      } else if (res.status !== 304) throw new Error(String(res.status));
      if (failing) say('即時更新中', 'Updating live');
      failing = false;
    } catch {
      if (!failing) say('連線中斷，顯示的可能不是最新資料；將自動重試', 'Connection lost: the figures may be out of date; retrying by itself');
      failing = true;
    }
  };
  say('即時更新中', 'Updating live');
  setInterval(refresh, ${CITY_REFRESH_MS});
})();
`;
