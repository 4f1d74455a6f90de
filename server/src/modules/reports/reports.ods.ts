// The report as an OpenDocument spreadsheet (.ods), written by hand: a zip (fflate) of a few XML
// files, the least LibreOffice, Excel and Google Sheets read. One sheet per section of the table
// (shared/report-table.ts); every figure is a typed number cell (shares as percentages), never
// text, so it sums and sorts; a missing figure is an empty cell.
import { strToU8, zipSync } from 'fflate';
import { REPORT_COLUMNS, reportRows, type Report, type ReportColumn, type ReportRow, type ReportSection } from '@jiaohao/shared';

const MIME = 'application/vnd.oasis.opendocument.spreadsheet';

/** The sheets, in order: their names and the sections of rows each holds. */
const SHEETS: readonly { readonly name: string; readonly sections: readonly ReportSection[] }[] = [
  { name: '合計與業務', sections: ['total', 'service'] },
  { name: '櫃台', sections: ['counter'] },
  { name: '人員', sections: ['clerk'] },
  { name: '每日', sections: ['day'] },
  { name: '每小時', sections: ['hour'] },
];

/** An hour has only its two counts; the other sheets every column. */
const HOUR_COLUMNS: readonly ReportColumn[] = ['issued', 'served'];

/** Text for XML: the five escapes, and the control characters XML 1.0 cannot hold at all dropped. */
export function xmlText(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- exactly the characters XML 1.0 forbids
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

const stringCell = (text: string, style?: string) =>
  `<table:table-cell office:value-type="string"${style ? ` table:style-name="${style}"` : ''}><text:p>${xmlText(text)}</text:p></table:table-cell>`;

function numberCell(value: number | null, kind: (typeof REPORT_COLUMNS)[number][2]): string {
  if (value === null) return '<table:table-cell/>';
  if (kind === 'share') {
    return `<table:table-cell office:value-type="percentage" office:value="${value}" table:style-name="ce-pct"><text:p>${(value * 100).toFixed(1)}%</text:p></table:table-cell>`;
  }
  const style = kind === 'count' ? '' : ' table:style-name="ce-tenth"';
  return `<table:table-cell office:value-type="float" office:value="${value}"${style}><text:p>${value}</text:p></table:table-cell>`;
}

function sheet(name: string, rows: readonly ReportRow[], columns: readonly ReportColumn[]): string {
  const kinds = new Map(REPORT_COLUMNS.map(([key, head, kind]) => [key, { head, kind }]));
  const header = [stringCell('代碼', 'ce-head'), stringCell('名稱', 'ce-head'), ...columns.map((c) => stringCell(kinds.get(c)!.head, 'ce-head'))];
  const body = rows.map((r) => [stringCell(r.id), stringCell(r.name), ...columns.map((c) => numberCell(r.figures[c], kinds.get(c)!.kind))]);
  const row = (cells: string[]) => `<table:table-row>${cells.join('')}</table:table-row>`;
  return (
    `<table:table table:name="${xmlText(name)}">` +
    `<table:table-column table:style-name="co-name" table:number-columns-repeated="2"/>` +
    `<table:table-column table:number-columns-repeated="${columns.length}"/>` +
    row(header) +
    body.map(row).join('') +
    '</table:table>'
  );
}

const NS =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" ' +
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" ' +
  'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" ' +
  'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"';

const XML = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** The spreadsheet's content.xml (exported for the test, which checks the cells' types). */
export function odsContent(report: Report): string {
  const rows = reportRows(report);
  const all = REPORT_COLUMNS.map(([key]) => key);
  const styles =
    '<office:automatic-styles>' +
    '<style:style style:name="co-name" style:family="table-column"><style:table-column-properties style:column-width="3.5cm"/></style:style>' +
    '<number:number-style style:name="N-tenth"><number:number number:decimal-places="1" number:min-integer-digits="1"/></number:number-style>' +
    '<number:percentage-style style:name="N-pct"><number:number number:decimal-places="1" number:min-integer-digits="1"/><number:text>%</number:text></number:percentage-style>' +
    '<style:style style:name="ce-tenth" style:family="table-cell" style:data-style-name="N-tenth"/>' +
    '<style:style style:name="ce-pct" style:family="table-cell" style:data-style-name="N-pct"/>' +
    '<style:style style:name="ce-head" style:family="table-cell"><style:text-properties fo:font-weight="bold"/></style:style>' +
    '</office:automatic-styles>';
  const tables = SHEETS.map((s) =>
    sheet(
      s.name,
      rows.filter((r) => s.sections.includes(r.section)),
      s.sections.includes('hour') ? HOUR_COLUMNS : all,
    ),
  ).join('');
  return `${XML}<office:document-content ${NS} office:version="1.3">${styles}<office:body><office:spreadsheet>${tables}</office:spreadsheet></office:body></office:document-content>`;
}

const MANIFEST =
  `${XML}<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">` +
  `<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="${MIME}"/>` +
  ['content.xml', 'styles.xml', 'meta.xml'].map((f) => `<manifest:file-entry manifest:full-path="${f}" manifest:media-type="text/xml"/>`).join('') +
  '</manifest:manifest>';

const STYLES = `${XML}<office:document-styles ${NS} office:version="1.3"><office:styles/></office:document-styles>`;

function meta(report: Report): string {
  const title = `${report.office.name} 統計報表 ${report.from}–${report.to}`;
  return (
    `${XML}<office:document-meta ${NS} office:version="1.3"><office:meta>` +
    `<meta:generator>Jiaohao</meta:generator><dc:title>${xmlText(title)}</dc:title>` +
    `<meta:creation-date>${report.generatedAt}</meta:creation-date>` +
    '</office:meta></office:document-meta>'
  );
}

/** The .ods file. The `mimetype` entry comes first and stored (level 0), as the format requires, so a reader can tell the kind from its first bytes. */
export function reportOds(report: Report): Uint8Array {
  const mtime = new Date(report.generatedAt);
  return zipSync(
    {
      mimetype: [strToU8(MIME), { level: 0 }],
      'META-INF/manifest.xml': strToU8(MANIFEST),
      'content.xml': strToU8(odsContent(report)),
      'styles.xml': strToU8(STYLES),
      'meta.xml': strToU8(meta(report)),
    },
    { level: 6, mtime },
  );
}
