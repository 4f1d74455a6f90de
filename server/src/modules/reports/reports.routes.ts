// Reports for the supervisor: today's figures per line, and the report over a range of dates as
// JSON and as files to keep (CSV, an OpenDocument spreadsheet, a PDF), all from one Report.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { MAX_REPORT_RANGE_DAYS, Report, REPORT_COLUMNS, REPORT_FORMATS, REPORT_KEY_COLUMNS, reportCsv, ReportQuery, TodayStats, type ReportFormat } from '@jiaohao/shared';
import { errorResponses, type AppServices } from '../../http/context';
import { reportOds } from './reports.ods';
import { renderReportPdf } from './reports.pdf';

const RANGE = `From \`from\` to \`to\`, business dates (YYYY-MM-DD, both included, at most ${MAX_REPORT_RANGE_DAYS} days); 400 validation_failed otherwise.`;

const FILES: Readonly<Record<ReportFormat, { type: string; summary: string; render: (r: Report) => string | Uint8Array | Promise<Buffer> }>> = {
  csv: {
    type: 'text/csv; charset=utf-8',
    summary: 'The report as CSV: UTF-8 with a byte-order mark, a header row, CRLF, a row per group',
    render: reportCsv,
  },
  ods: {
    type: 'application/vnd.oasis.opendocument.spreadsheet',
    summary: 'The report as an OpenDocument spreadsheet: a sheet per section, figures as number cells',
    render: reportOds,
  },
  pdf: {
    type: 'application/pdf',
    summary: 'The report as an A4 PDF in Traditional Chinese: totals, tickets per hour, a table per line, counter, clerk and day',
    render: renderReportPdf,
  },
};

const CSV_COLUMNS =
  'Columns: ' +
  [
    '`section` (total, service, counter, clerk, day, hour)',
    '`id` (the line, counter or staff id, the date, the hour "09")',
    '`name`',
    ...REPORT_COLUMNS.map(([key, head]) => `\`${key}\` (${head})`),
  ].join(', ') +
  `. Shares are fractions 0–1, minutes to a tenth; an empty field is no figure (an hour has only issued and served). ${REPORT_KEY_COLUMNS.length + REPORT_COLUMNS.length} columns.`;

export function reportsRoutes(s: AppServices): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/stats/today',
      {
        schema: {
          tags: ['reports'],
          summary: "Today's figures per line and in total (supervisor): issued, served, no-shows, cancelled, waiting now, waits and handling times",
          response: { 200: TodayStats, ...errorResponses },
        },
        config: { access: { staff: 'supervisor' } },
      },
      async () => s.queries.todayStats(),
    );

    app.get(
      '/reports',
      {
        schema: {
          tags: ['reports'],
          summary: 'The report over a range of business dates (supervisor): totals, per line, counter, clerk and day, tickets per hour',
          description: RANGE,
          querystring: ReportQuery,
          response: { 200: Report, ...errorResponses },
        },
        config: { access: { staff: 'supervisor' } },
      },
      async (req) => s.queries.report(req.query),
    );

    for (const format of REPORT_FORMATS) {
      const file = FILES[format];
      app.get(
        `/reports.${format}`,
        {
          schema: {
            tags: ['reports'],
            summary: `${file.summary} (supervisor)`,
            description: `${RANGE} A download (Content-Disposition: attachment), never cached.${format === 'csv' ? ` ${CSV_COLUMNS}` : ''}`,
            querystring: ReportQuery,
            response: {
              200: { description: file.type, content: { [file.type.split(';')[0]!]: { schema: { type: 'string', format: 'binary' } } } },
              ...errorResponses,
            },
          },
          config: { access: { staff: 'supervisor' } },
        },
        async (req, reply) => {
          const report = s.queries.report(req.query);
          const body = await file.render(report);
          return (
            reply
              .type(file.type)
              // Names and figures of the staff: no cache along the way keeps a copy.
              .header('cache-control', 'no-store')
              .header('content-disposition', `attachment; filename="jiaohao-report-${report.from}-${report.to}.${format}"`)
              .send(typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength))
          );
        },
      );
    }
  };
}
