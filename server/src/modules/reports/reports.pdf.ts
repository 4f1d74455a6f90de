// The report as a PDF for the office's files: A4 portrait, in Traditional Chinese (Noto Sans TC
// embedded as a subset, through the printed ticket's font loading), the period and when it was made,
// the totals, the tickets per hour as a bar chart, and a table per line, counter, clerk and day that
// goes on to the next page (its heading repeated) when it runs long. Pages are numbered at the end.
import PDFDocument from 'pdfkit';
import { LANGUAGE_TAGS, localTime, REPORT_COLUMNS, reportRows, type Report, type ReportColumn, type ReportRow } from '@jiaohao/shared';
import { forgetGlyphs, useFont } from '../tickets/ticket-print.pdf';

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = 40;
const TOP = MARGIN;
/** Room kept at the foot of each page for its number. */
const BOTTOM = PAGE.height - MARGIN - 14;
const RIGHT = PAGE.width - MARGIN;
const WIDTH = RIGHT - MARGIN;

/** The ideographic space (全形空白), as Chinese type sets a gap between parts of a line. */
const GAP = '\u3000';

const INK = '#1a1a1a';
const MUTED = '#5c5c5c';
const RULE = '#b8b8b8';
const STRIPE = '#f1f3f5';
const ISSUED = '#1f4e79';
const SERVED = '#6fa8dc';

/** The columns the PDF's tables print (the CSV and the spreadsheet have them all). */
const TABLE_COLUMNS: readonly ReportColumn[] = [
  'issued',
  'served',
  'no_shows',
  'cancelled',
  'transferred',
  'wait_mean_min',
  'wait_p90_min',
  'handling_mean_min',
  'within_target_wait',
  'within_handling_limit',
  'ratings_count',
  'ratings_mean',
];
const NAME_WIDTH = WIDTH - TABLE_COLUMNS.length * 35;
const COLUMN = new Map(REPORT_COLUMNS.map(([key, head, kind]) => [key, { head, kind }]));

/** A figure as the tables print it: minutes and scores to a tenth, shares in percent, a dash for none. */
function shown(value: number | null, kind: (typeof REPORT_COLUMNS)[number][2]): string {
  if (value === null) return '—';
  if (kind === 'share') return `${(value * 100).toFixed(1)}%`;
  if (kind === 'count') return String(value);
  return value.toFixed(1);
}

class Writer {
  y = TOP;
  constructor(readonly doc: PDFKit.PDFDocument) {}

  font(size: number, bold = false): PDFKit.PDFDocument {
    return useFont(this.doc, { face: 'tc', bold }, size);
  }

  /** Text with its top at `y`, cut with an ellipsis to `width` when given, right-aligned to `x` when `right`. */
  text(text: string, x: number, y: number, size: number, opts: { bold?: boolean; color?: string; width?: number; right?: boolean } = {}): void {
    const doc = this.font(size, opts.bold);
    let t = text;
    if (opts.width !== undefined && doc.widthOfString(t) > opts.width) {
      while (t.length > 1 && doc.widthOfString(`${t}…`) > opts.width) t = t.slice(0, -1);
      t = `${t}…`;
    }
    const left = opts.right ? x - doc.widthOfString(t) : x;
    doc.fillColor(opts.color ?? INK).text(t, left, y, { lineBreak: false });
  }

  page(): void {
    this.doc.addPage({ size: [PAGE.width, PAGE.height], margin: 0 });
    this.y = TOP;
  }

  /** Starts a new page unless `height` more fits on this one; says whether it did. */
  room(height: number): boolean {
    if (this.y + height <= BOTTOM) return false;
    this.page();
    return true;
  }
}

function title(w: Writer, report: Report): void {
  const days = Math.round((Date.parse(`${report.to}T00:00:00Z`) - Date.parse(`${report.from}T00:00:00Z`)) / 86_400_000) + 1;
  const made = localTime(Date.parse(report.generatedAt), report.office.timeZone);
  w.text(report.office.name, MARGIN, w.y, 18, { bold: true });
  w.y += 26;
  const period = report.from === report.to ? report.from : `${report.from} 至 ${report.to}（${days} 天）`;
  w.text(`統計報表${GAP}${period}`, MARGIN, w.y, 12);
  w.y += 18;
  w.text(`產製時間 ${made.date} ${made.time}（${report.office.timeZone}）${GAP}時間以分鐘計，等候自取號至叫號，處理自開始至完成`, MARGIN, w.y, 8, { color: MUTED });
  w.y += 16;
  w.doc.moveTo(MARGIN, w.y).lineTo(RIGHT, w.y).lineWidth(0.8).strokeColor(INK).stroke();
  w.y += 12;
}

function heading(w: Writer, text: string): void {
  w.room(40);
  w.text(text, MARGIN, w.y, 12, { bold: true });
  w.y += 20;
}

function totals(w: Writer, report: Report): void {
  heading(w, '全所合計');
  const f = report.totals;
  const minutes = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)} 分`);
  const boxes: [string, string][] = [
    ['取號', String(f.issued)],
    ['完成', String(f.served)],
    ['過號', String(f.noShows)],
    ['取消', String(f.cancelled)],
    ['轉送', String(f.transferred)],
    ['平均等候', minutes(f.waitMinutes.mean)],
    ['等候中位數', minutes(f.waitMinutes.median)],
    ['90% 等候在', minutes(f.waitMinutes.p90)],
    ['平均處理', minutes(f.handlingMinutes.mean)],
    ['處理中位數', minutes(f.handlingMinutes.median)],
    ['等候未超過目標', shown(f.withinTargetWait, 'share')],
    ['處理未超過時限', shown(f.withinHandlingLimit, 'share')],
    // Appointments do not exist yet: both are 0 until they do.
    ['預約報到／未到', `${f.bookings.kept}／${f.bookings.missed}`],
    ['滿意度', f.ratings.mean === null ? '—' : `${f.ratings.mean.toFixed(1)}（${f.ratings.count} 則）`],
  ];
  const perRow = 5;
  const boxW = WIDTH / perRow;
  const boxH = 38;
  for (const [i, [label, value]] of boxes.entries()) {
    const x = MARGIN + (i % perRow) * boxW;
    const y = w.y + Math.floor(i / perRow) * boxH;
    w.doc.rect(x + 2, y, boxW - 4, boxH - 4).fillColor(STRIPE).fill();
    w.text(label, x + 8, y + 4, 8, { color: MUTED, width: boxW - 16 });
    w.text(value, x + 8, y + 16, 13, { bold: true, width: boxW - 16 });
  }
  w.y += Math.ceil(boxes.length / perRow) * boxH + 10;
}

/** The largest of 1, 2, 5 × 10ⁿ steps that puts at most five gridlines over `max`. */
function step(max: number): number {
  for (let p = 1; ; p *= 10) for (const s of [1, 2, 5]) if (max / (s * p) <= 5) return s * p;
}

function chart(w: Writer, report: Report): void {
  const height = 190;
  w.room(height + 60);
  heading(w, '每小時取號與完成');
  const busy = report.hourly.filter((h) => h.issued + h.served > 0).map((h) => h.hour);
  // The office's day at least (08–18), widened to any hour that had tickets.
  const first = Math.min(8, ...busy);
  const last = Math.max(17, ...busy);
  const hours = report.hourly.filter((h) => h.hour >= first && h.hour <= last);
  const max = Math.max(1, ...hours.map((h) => Math.max(h.issued, h.served)));
  const unit = step(max);
  const top = Math.ceil(max / unit) * unit;

  const left = MARGIN + 34;
  const plotTop = w.y + 14;
  const plotBottom = plotTop + height - 40;
  const plotW = RIGHT - left;
  const y = (v: number) => plotBottom - (v / top) * (plotBottom - plotTop);

  // Legend, top right.
  let lx = RIGHT;
  for (const [label, color] of [['完成', SERVED], ['取號', ISSUED]] as const) {
    w.font(8);
    lx -= w.doc.widthOfString(label);
    w.text(label, lx, w.y - 18, 8);
    lx -= 12;
    w.doc.rect(lx, w.y - 17, 8, 8).fillColor(color).fill();
    lx -= 12;
  }
  w.text('張', MARGIN, plotTop - 12, 7, { color: MUTED });

  // Gridlines and the axis's counts.
  for (let v = 0; v <= top; v += unit) {
    w.doc.moveTo(left, y(v)).lineTo(RIGHT, y(v)).lineWidth(v === 0 ? 0.8 : 0.3).strokeColor(v === 0 ? INK : RULE).stroke();
    w.text(String(v), left - 4, y(v) - 4, 7, { right: true, color: MUTED });
  }
  w.doc.moveTo(left, plotTop).lineTo(left, plotBottom).lineWidth(0.8).strokeColor(INK).stroke();

  const group = plotW / hours.length;
  const bar = Math.min(14, group * 0.34);
  for (const [i, h] of hours.entries()) {
    const mid = left + group * (i + 0.5);
    for (const [value, x, color] of [
      [h.issued, mid - bar - 1, ISSUED],
      [h.served, mid + 1, SERVED],
    ] as const) {
      if (value > 0) {
        w.doc.rect(x, y(value), bar, plotBottom - y(value)).fillColor(color).fill();
        w.text(String(value), x + bar / 2 + w.font(6).widthOfString(String(value)) / 2, y(value) - 8, 6, { right: true, color: MUTED });
      }
    }
    const label = String(h.hour).padStart(2, '0');
    w.text(label, mid + w.font(7).widthOfString(label) / 2, plotBottom + 4, 7, { right: true, color: MUTED });
  }
  w.text('時（取號依取號時間，完成依完成時間）', RIGHT, plotBottom + 16, 7, { right: true, color: MUTED });
  w.y = plotBottom + 34;
}

const ROW = 15;

function tableHeader(w: Writer, nameHead: string): void {
  const y = w.y;
  w.doc.rect(MARGIN, y, WIDTH, 24).fillColor(STRIPE).fill();
  w.text(nameHead, MARGIN + 4, y + 7, 8, { bold: true });
  for (const [i, key] of TABLE_COLUMNS.entries()) {
    const right = MARGIN + NAME_WIDTH + (i + 1) * 35 - 3;
    // "平均等候(分)" prints as 平均等候 over (分).
    const [main, unit] = COLUMN.get(key)!.head.split('(');
    w.text(main!, right, y + 3, 7, { bold: true, right: true, width: 34 });
    if (unit) w.text(`(${unit}`, right, y + 13, 6, { right: true, color: MUTED });
  }
  w.doc.moveTo(MARGIN, y + 24).lineTo(RIGHT, y + 24).lineWidth(0.6).strokeColor(INK).stroke();
  w.y += 26;
}

function table(w: Writer, headingText: string, nameHead: string, rows: readonly ReportRow[]): void {
  w.room(40 + 26 + ROW * Math.min(rows.length, 3));
  heading(w, headingText);
  tableHeader(w, nameHead);
  if (rows.length === 0) {
    w.text('這段期間沒有資料。', MARGIN + 4, w.y + 3, 8, { color: MUTED });
    w.y += ROW + 14;
    return;
  }
  for (const [n, r] of rows.entries()) {
    if (w.room(ROW)) {
      w.text(`${headingText}（續）`, MARGIN, w.y, 10, { bold: true });
      w.y += 16;
      tableHeader(w, nameHead);
    }
    if (n % 2 === 1) w.doc.rect(MARGIN, w.y, WIDTH, ROW).fillColor(STRIPE).fill();
    w.text(r.name, MARGIN + 4, w.y + 3, 8, { width: NAME_WIDTH - 8 });
    for (const [i, key] of TABLE_COLUMNS.entries()) {
      w.text(shown(r.figures[key], COLUMN.get(key)!.kind), MARGIN + NAME_WIDTH + (i + 1) * 35 - 3, w.y + 3, 8, { right: true });
    }
    w.y += ROW;
  }
  w.doc.moveTo(MARGIN, w.y).lineTo(RIGHT, w.y).lineWidth(0.4).strokeColor(RULE).stroke();
  w.y += 14;
}

/** The report as a PDF. */
export async function renderReportPdf(report: Report): Promise<Buffer> {
  // From here to doc.end() nothing awaits: no other document uses the fonts in between (see forgetGlyphs).
  forgetGlyphs();
  const doc = new PDFDocument({
    autoFirstPage: false,
    bufferPages: true,
    lang: LANGUAGE_TAGS['zh-TW'],
    displayTitle: true,
    info: { Title: `${report.office.name} 統計報表 ${report.from}–${report.to}`, Author: report.office.name, Creator: 'Jiaohao', CreationDate: new Date(report.generatedAt) },
  });
  const chunks: Uint8Array[] = [];
  doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const w = new Writer(doc);
  w.page();
  title(w, report);
  totals(w, report);
  chart(w, report);
  const rows = reportRows(report);
  const of = (section: ReportRow['section']) => rows.filter((r) => r.section === section);
  // The total again as the first row of the lines' table, so the lines read against it.
  table(w, '各業務', '業務', [...of('total'), ...of('service')]);
  table(w, '各櫃台', '櫃台', of('counter'));
  table(w, '各櫃台人員', '人員', of('clerk'));
  table(w, '每日', '日期', of('day'));

  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    w.text(`第 ${i + 1} 頁，共 ${count} 頁`, RIGHT, PAGE.height - MARGIN, 7, { right: true, color: MUTED });
    w.text(`${report.office.name}${GAP}${report.from} 至 ${report.to}`, MARGIN, PAGE.height - MARGIN, 7, { color: MUTED });
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
