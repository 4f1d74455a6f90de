// The report's files, read by the programs an office opens them with: the OpenDocument spreadsheet
// converted back to CSV by LibreOffice (every sheet), its cells checked for their types; the PDF read
// by poppler (its text, its pages) and its first page rendered, the chart's bars measured in pixels.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { REPORT_COLUMNS, reportRows, type Report, type ReportColumn } from '@jiaohao/shared';
import { csvFields } from '../../testing/csv';
import { send } from '../../testing/http';
import { reportDay, type ReportDay } from '../../testing/report-day';

const RANGE = '?from=2026-12-01&to=2026-12-02';
/** Where the rendered pages are left for a person to look at (as the printed ticket's are). */
const SHOTS = fileURLToPath(new URL('../../../../test-results/reports/', import.meta.url));

let day: ReportDay;
let dir: string;
beforeEach(async () => {
  day = await reportDay();
});
afterEach(() => day.t.close());
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'jiaohao-report-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A report file, by its route: a download (attachment, named by the period), never cached. */
async function download(path: '/api/v1/reports.ods' | '/api/v1/reports.pdf', query = RANGE) {
  const res = await send(day.t.app, 'GET', `${path}${query}`, day.supervisor);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['cache-control']).toBe('no-store');
  const [, from, to] = /from=([\d-]+)&to=([\d-]+)/.exec(query)!;
  expect(res.headers['content-disposition']).toBe(`attachment; filename="jiaohao-report-${from}-${to}.${path.slice(-3)}"`);
  return res;
}

async function json(query = RANGE): Promise<Report> {
  return (await send(day.t.app, 'GET', `/api/v1/reports${query}`, day.supervisor)).json<Report>();
}

/** A figure as LibreOffice wrote it: a number, a percentage ("50%"), or empty for none. */
const figure = (text: string | undefined): number | null => {
  if (text === undefined || text === '') return null;
  return text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : Number(text);
};

describe('GET /api/v1/reports.ods', () => {
  it('is an OpenDocument zip: mimetype first and stored, the manifest, and number cells typed as numbers', async () => {
    const res = await download('/api/v1/reports.ods');
    expect(res.headers['content-type']).toBe('application/vnd.oasis.opendocument.spreadsheet');
    const bytes = res.rawPayload;
    // The first local header: PK\3\4, method 0 (stored), the name "mimetype", no extra field, then the type itself at byte 38.
    expect(bytes.toString('latin1', 0, 4)).toBe('PK\x03\x04');
    expect(bytes.readUInt16LE(8)).toBe(0);
    expect([bytes.readUInt16LE(26), bytes.readUInt16LE(28)]).toEqual([8, 0]);
    expect(bytes.toString('latin1', 30, 38)).toBe('mimetype');
    expect(bytes.toString('latin1', 38, 38 + 46)).toBe('application/vnd.oasis.opendocument.spreadsheet');

    const files = unzipSync(new Uint8Array(bytes));
    expect(Object.keys(files)).toEqual(['mimetype', 'META-INF/manifest.xml', 'content.xml', 'styles.xml', 'meta.xml']);
    expect(strFromU8(files['META-INF/manifest.xml']!)).toContain('manifest:full-path="content.xml"');
    const content = strFromU8(files['content.xml']!);
    expect([...content.matchAll(/<table:table table:name="([^"]+)"/g)].map((m) => m[1])).toEqual(['合計與業務', '櫃台', '人員', '每日', '每小時']);

    // After the id and the name, a row holds typed numbers or empty cells, never text.
    const rows = [...content.matchAll(/<table:table-row>(.*?)<\/table:table-row>/g)].map((m) => m[1]!);
    const cellsOf = (row: string) => [...row.matchAll(/<table:table-cell\/>|<table:table-cell [^>]*>.*?<\/table:table-cell>/g)].map((m) => m[0]);
    const body = rows.filter((r) => !r.includes('ce-head'));
    expect(body).toHaveLength(1 + 3 + 2 + 2 + 2 + 24);
    for (const row of body) {
      const [id, name, ...figures] = cellsOf(row);
      expect(id).toContain('office:value-type="string"');
      expect(name).toContain('office:value-type="string"');
      for (const cell of figures) expect(cell).toMatch(/^<table:table-cell\/>$|office:value-type="(float|percentage)" office:value="[\d.]+"/);
    }
    const total = cellsOf(body[0]!);
    expect(total[1]).toContain('<text:p>合計</text:p>');
    expect(total).toContain('<table:table-cell office:value-type="float" office:value="16.3" table:style-name="ce-tenth"><text:p>16.3</text:p></table:table-cell>');
    expect(total).toContain('<table:table-cell office:value-type="percentage" office:value="0.5" table:style-name="ce-pct"><text:p>50.0%</text:p></table:table-cell>');
  });

  it('opens in LibreOffice with every sheet and every figure as in the JSON report', { timeout: 180_000 }, async () => {
    const version = spawnSync('libreoffice', ['--version'], { encoding: 'utf8' });
    if (version.error || version.status !== 0) {
      throw new Error(`libreoffice cannot run (${version.error?.message ?? version.stderr}): run scripts/setup.sh (as root) to install libreoffice-calc-nogui`);
    }
    const res = await download('/api/v1/reports.ods');
    const file = join(dir, 'report.ods');
    writeFileSync(file, res.rawPayload);
    const out = join(dir, 'csv');
    mkdirSync(out);
    // A profile of its own, so parallel runs (and a LibreOffice the user has open) do not collide.
    // The filter options: comma, double quote, UTF-8 (76), from line 1, …, -1: every sheet to its own file (LibreOffice ≥ 7.2).
    execFileSync(
      'libreoffice',
      [
        `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
        '--headless',
        '--convert-to',
        'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
        '--outdir',
        out,
        file,
      ],
      { timeout: 170_000, stdio: 'pipe' },
    );
    const sheets = ['合計與業務', '櫃台', '人員', '每日', '每小時'];
    expect(readdirSync(out).sort()).toEqual(sheets.map((s) => `report-${s}.csv`).sort());

    const expected = reportRows(await json());
    const read = sheets.flatMap((s) => {
      const [header, ...lines] = readFileSync(join(out, `report-${s}.csv`), 'utf8').split(/\r?\n/).filter((l) => l !== '').map(csvFields);
      return lines.map((cells) => ({ sheet: s, header: header!, cells }));
    });
    expect(read.map((r) => r.cells[0])).toEqual(expected.map((r) => r.id));
    const heads = new Map<string, ReportColumn>(REPORT_COLUMNS.map(([key, head]) => [head, key]));
    for (const [i, r] of read.entries()) {
      const want = expected[i]!;
      expect(r.cells[1], `${r.sheet} ${want.id}`).toBe(want.name);
      const columns = r.header.slice(2);
      // The hours sheet has issued and served only; the others every figure.
      expect(columns.length).toBe(want.section === 'hour' ? 2 : REPORT_COLUMNS.length);
      for (const [j, head] of columns.entries()) {
        const key = heads.get(head)!;
        const got = figure(r.cells[j + 2]);
        const value = want.figures[key];
        // LibreOffice writes a percentage to the whole percent when not "as shown".
        if (value === null) expect(got, `${r.sheet} ${want.id} ${key}`).toBeNull();
        else expect(got, `${r.sheet} ${want.id} ${key}`).toBeCloseTo(value, 2);
      }
    }
    // Spelled out, so the comparison above is not only with itself.
    expect(read.find((r) => r.sheet === '合計與業務' && r.cells[0] === 'total')?.cells.slice(2, 10)).toEqual(['4', '3', '1', '0', '1', '16.3', '15', '22']);
    expect(read.find((r) => r.sheet === '人員' && r.cells[1] === '李大華')?.cells.slice(2, 4)).toEqual(['2', '2']);
  });
});

/** A page rendered by pdftoppm as a binary PPM: its size and RGB pixels. */
function ppm(file: string): { width: number; height: number; pixels: Buffer } {
  const data = readFileSync(file);
  const m = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(data.toString('latin1', 0, 40))!;
  return { width: Number(m[1]), height: Number(m[2]), pixels: data.subarray(m[0].length) };
}

describe('GET /api/v1/reports.pdf', () => {
  it('is an A4 PDF in Chinese with the office, the period, the lines, counters, clerks and the key figures', async () => {
    const res = await download('/api/v1/reports.pdf');
    expect(res.headers['content-type']).toBe('application/pdf');
    const file = join(dir, 'report.pdf');
    writeFileSync(file, res.rawPayload);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).toMatch(/NotoSansTC-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/);

    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const s of ['測試戶政事務所', '2026-12-01 至 2026-12-02（2 天）', '全所合計', '每小時取號與完成', '戶籍登記', '自然人憑證', '小號段', '2號櫃臺', '3號櫃臺', '王小明', '李大華', '2026-12-02']) {
      expect(text, s).toContain(s);
    }
    // The totals: mean wait 16.3, median 15, p90 22; within target 50%; the rating 4.0 of 1.
    for (const s of ['16.3 分', '15.0 分', '22.0 分', '50.0%', '4.0（1 則）']) expect(text, s).toContain(s);
    // A table row: 戶籍登記 issued 3, served 1, no-show 1, cancelled 0, transferred 1, mean wait 12.5, p90 15.0, handling 6.0, 100%, 100%, 0 ratings.
    expect(text).toMatch(/戶籍登記\s+3\s+1\s+1\s+0\s+1\s+12\.5\s+15\.0\s+6\.0\s+100\.0%\s+100\.0%\s+0\s+—/);
    expect(text).toMatch(/李大華\s+2\s+2\s+0\s+0\s+0\s+20\.0\s+22\.0\s+3\.5\s+0\.0%\s+100\.0%\s+1\s+4\.0/);
    expect(text).toContain('第 1 頁');
  });

  it('draws the tickets per hour as bars in proportion (09:00: 4 issued, 3 served)', async () => {
    const res = await download('/api/v1/reports.pdf');
    const file = join(dir, 'chart.pdf');
    writeFileSync(file, res.rawPayload);
    // One PPM for the pixels, and a PNG to look at.
    execFileSync('pdftoppm', ['-r', '60', '-f', '1', '-l', '1', '-singlefile', file, join(dir, 'page')]);
    mkdirSync(SHOTS, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', file, join(SHOTS, 'report-page1')]);
    const page = ppm(join(dir, 'page.ppm'));
    expect([page.width, page.height]).toEqual([497, 702]); // A4, 595.28 × 841.89 pt, at 60 dpi, rounded up
    /** Per column of pixels, how many are the colour (±6 a channel): a bar's height in that column. */
    const heights = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      const cols = new Array<number>(page.width).fill(0);
      for (let i = 0; i < page.width * page.height; i++) {
        const p = i * 3;
        if (Math.abs(page.pixels[p]! - r!) <= 6 && Math.abs(page.pixels[p + 1]! - g!) <= 6 && Math.abs(page.pixels[p + 2]! - b!) <= 6) cols[i % page.width]!++;
      }
      return cols;
    };
    const issued = Math.max(...heights('#1f4e79'));
    const served = Math.max(...heights('#6fa8dc'));
    // The axis goes to 4: the issued bar is the plot's full height (150 pt ≈ 125 px), the served bar ¾ of it.
    expect(issued).toBeGreaterThan(110);
    expect(served / issued).toBeCloseTo(3 / 4, 1);
  });

  it('goes on to further pages when a table runs long, its heading repeated, every day listed', async () => {
    const res = await download('/api/v1/reports.pdf', '?from=2026-10-01&to=2026-12-31');
    const file = join(dir, 'long.pdf');
    writeFileSync(file, res.rawPayload);
    mkdirSync(SHOTS, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '2', '-l', '2', '-singlefile', file, join(SHOTS, 'report-long-page2')]);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
    expect(pages).toBeGreaterThanOrEqual(3);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('每日（續）');
    expect(text).toContain(`第 ${pages} 頁，共 ${pages} 頁`);
    for (const date of ['2026-10-01', '2026-11-15', '2026-12-31']) expect(text).toMatch(new RegExp(`${date}\\s+0\\s+0`));
    expect(text).toMatch(/2026-12-01\s+4\s+3\s+1/);
    // Each page ends above its footer: the form feed between pages comes after the page's number.
    for (const [i, p] of text.split('\f').filter((s) => s.trim() !== '').entries()) expect(p.trim().endsWith(`第 ${i + 1} 頁，共 ${pages} 頁`), `page ${i + 1}`).toBe(true);
  });
});
