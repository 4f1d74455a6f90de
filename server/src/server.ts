// The only file that listens. `npm start` (add `-- --demo` to say so explicitly) runs this.
import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { BOOK_PATH, EMBED_PATH, STATUS_PATH, WIDGET_PATH } from '@jiaohao/shared/rules';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env, process.argv.slice(2));
  } catch (err) {
    if (err instanceof ConfigError) {
      // The fix is in the settings, not the code: their words, no stack trace.
      console.error(`jiaohao: ${err.message}\n(every setting is described in .env.example)`);
      process.exitCode = 2;
      return;
    }
    throw err;
  }
  const { app, services, rollDay, adminPassword, seeded } = await buildApp(config);
  const log = app.log;
  if (seeded) log.info('empty database: set up the demo office 臺中市北區戶政事務所 (Taichung North District)');
  else if (config.demo) log.warn('--demo: the database already holds an office, so nothing was seeded (use a new JIAOHAO_DB for a fresh demo)');
  if (adminPassword) {
    // Printed once, on the first start only; it is not stored anywhere in clear.
    process.stdout.write(
      `\n  First start: created the "admin" account.\n  Password (shown this once): ${adminPassword}\n  Set JIAOHAO_ADMIN_PASSWORD to choose it instead.\n\n`,
    );
  }

  // Installed before listening, so a signal during start-up also closes the server cleanly.
  let dayTimer: NodeJS.Timeout | null = null;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    if (dayTimer) clearInterval(dayTimer);
    // Commands are synchronous transactions, so none is half-done when this runs.
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const base = `http://${shown}:${port}`;
  process.stdout.write(
    [
      '',
      `  Jiaohao (叫號) is running — ${services.queries.office().names['zh-TW']}`,
      `  Counter client ${base}/counter/`,
      `  Wall display   ${base}/display/`,
      `  Kiosk          ${base}/kiosk/`,
      `  Public page    ${base}${STATUS_PATH}`,
      `  Booking        ${config.publicUrl ?? base}${BOOK_PATH}   (網路預約, for phones; a booking's page is /book/m/<token>)`,
      `  E-tickets      ${config.publicUrl ?? base}/t/<token>   (the QR code on each ticket; JIAOHAO_PUBLIC_URL)`,
      `  Website widget ${base}${WIDGET_PATH}  ·  iframe ${base}${EMBED_PATH}   (snippets in the README)`,
      `  API            ${base}/api/v1`,
      `  API docs       ${base}/docs`,
      `  Health         ${base}/api/v1/health`,
      `  Public status  ${base}/api/v1/public/status   (SSE: ${base}/api/v1/public/events)`,
      `  Socket.IO      ${base}  namespaces /staff /display /kiosk /public`,
      `  Database       ${config.dbPath}`,
      '',
      '',
    ].join('\n'),
  );

  // A new business date needs no reset: this closes yesterday even when nobody presses anything.
  dayTimer = setInterval(() => {
    try {
      rollDay();
    } catch (err) {
      log.error({ err }, 'day roll failed');
    }
  }, 60_000);
  dayTimer.unref();

}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
