// The only file that listens. `npm start` (add `-- --demo` to say so explicitly) runs this.
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { buildPublicNode } from './scale/public-node';
import { shownRedisUrl } from './scale/redis-publisher';
import { BOOK_PATH, EMBED_PATH, STATUS_PATH, WIDGET_PATH } from '@jiaohao/shared/rules';
import { DatabaseInUse, DatabaseUnwritable, lockDatabase, type DatabaseLock } from './db/lock';
import { BackupSchedule, backupDirOf } from './db/backup';

/** Held for the life of the process (the kernel drops it when the process dies, kill -9 included). */
let dbLock: DatabaseLock | null = null;

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
  if (config.role === 'public') return runPublicNode(config);
  // ---- one server per database file (db/lock.ts): a second one would issue the same numbers.
  if (config.dbPath !== ':memory:') {
    try {
      dbLock = lockDatabase(config.dbPath);
      process.on('exit', () => dbLock?.release());
    } catch (err) {
      if (!(err instanceof DatabaseInUse || err instanceof DatabaseUnwritable)) throw err;
      console.error(`jiaohao: ${err.message}`);
      process.exitCode = 3;
      return;
    }
  }
  // ---- end of the lock block
  const { app, services, rollDay, adminPassword, seeded, db } = await buildApp(config);
  const log = app.log;
  if (seeded) log.info('empty database: set up the demo office 臺中市北區戶政事務所 (Taichung North District)');
  else if (config.demo) log.warn('--demo: the database already holds an office, so nothing was seeded (use a new JIAOHAO_DB for a fresh demo)');
  if (adminPassword) {
    // Printed once, on the first start only; it is not stored anywhere in clear.
    process.stdout.write(
      `\n  First start: created the "admin" account.\n  Password (shown this once): ${adminPassword}\n  Set JIAOHAO_ADMIN_PASSWORD to choose it instead.\n\n`,
    );
  }

  // ---- online backups (db/backup.ts): at start when today has none, every JIAOHAO_BACKUP_MINUTES
  // and at shutdown (this onClose hook runs before buildApp's, which closes the database; hooks are
  // added before listening). A failed backup is logged and never stops the server.
  const backupDir = backupDirOf(config);
  if (backupDir !== null && config.backupMinutes > 0) {
    const backups = new BackupSchedule(db, { dir: backupDir, minutes: config.backupMinutes, keepDays: config.backupKeepDays }, () => services.queries.snapshotHead(), log);
    backups.start();
    app.addHook('onClose', () => backups.stop());
  }
  // ---- end of the backup block

  let dayTimer: NodeJS.Timeout | null = null;
  const base = await listen(app, config, () => {
    if (dayTimer) clearInterval(dayTimer);
  });
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
      ...(config.redisUrl ? [`  Redis          ${shownRedisUrl(config.redisUrl)}   (the public view, for public nodes: npm start -- --role public)`] : []),
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

/**
 * Stops cleanly on SIGINT/SIGTERM (installed before listening, so a signal during start-up also
 * closes the server), listens, and gives the address to print.
 */
async function listen(app: FastifyInstance, config: Config, beforeClose: () => void = () => undefined): Promise<string> {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    beforeClose();
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
  return `http://${shown}:${port}`;
}

/** `--role public`: a public node, no database; it serves what the offices publish to Redis. */
async function runPublicNode(config: Config): Promise<void> {
  const { app } = await buildPublicNode(config);
  const base = await listen(app, config);
  process.stdout.write(
    [
      '',
      '  Jiaohao (叫號) public node — no database; shows what the offices publish to Redis',
      `  City page      ${base}/city   (every office, each line's waiting count)`,
      `  Public status  ${base}/api/v1/public/status?office=<id>   (SSE: ${base}/api/v1/public/events?office=<id>)`,
      `  Offices        ${base}/api/v1/public/offices`,
      `  API            ${base}/api/v1`,
      `  Health         ${base}/api/v1/health`,
      `  Socket.IO      ${base}  namespace /public (handshake query office=<id>)`,
      `  Redis          ${shownRedisUrl(config.redisUrl ?? '')}`,
      '',
      '',
    ].join('\n'),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
