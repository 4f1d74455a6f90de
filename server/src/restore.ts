// `npm run restore -- <backup file> [--db <path>]`: puts an online backup (db/backup.ts) in place of
// the office's database, with the server's settings (see .env.example) for the database, the audit
// key and the anchors. Refuses while a server runs on the database, and refuses a backup whose
// event log does not verify. Exits 0 when restored, 1 when the backup's log is not intact, 2 when
// nothing was done for another reason (a wrong argument or setting, a missing file, a server running).
import { ConfigError, loadConfig } from './config';
import { DatabaseInUse, DatabaseUnwritable } from './db/lock';
import { summary } from './db/log-check';
import { RestoreRefused, restoreBackup } from './db/restore';

const USAGE = `usage: npm run restore -- <backup file> [--db <path>]
Puts the backup (such as data/backups/jiaohao-2026-12-03.db) in place of the database JIAOHAO_DB (or --db),
after checking its event log as npm run verify-log does. Stop the server first. The current database and
anchor file are moved aside to <name>.before-restore-<time>, never deleted.
Exit status: 0 restored, 1 the backup's log is not intact, 2 nothing done (see the message).`;

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const rest = [...argv];
  let dbPath: string | undefined;
  const at = rest.indexOf('--db');
  if (at !== -1) {
    dbPath = rest[at + 1];
    if (dbPath === undefined) return refuse(`--db needs a path\n${USAGE}`);
    rest.splice(at, 2);
  }
  if (rest.length !== 1 || rest[0]!.startsWith('-')) return refuse(rest.length === 0 ? `name the backup file to restore\n${USAGE}` : `unexpected argument ${JSON.stringify(rest.find((a, i) => i > 0 || a.startsWith('-')))}\n${USAGE}`);
  const backupFile = rest[0]!;
  try {
    const config = loadConfig(dbPath === undefined ? process.env : { ...process.env, JIAOHAO_DB: dbPath });
    const done = await restoreBackup(config, backupFile);
    const lines = [
      `restore: checked ${done.from}: ${summary(done.check, done.anchorFile).join('; ')}`,
      ...done.movedAside.map(([from, to]) => `restore: moved ${from} aside to ${to}`),
      ...(done.anchorFile === null
        ? []
        : [`restore: ${done.anchorFile} now holds the ${done.anchorsKept} anchor${done.anchorsKept === 1 ? '' : 's'} of the restored log (${done.anchorsDropped} of later events stay in the file moved aside)`]),
      `restore: ${done.dbPath} is now the backup, its log up to event ${done.head}; start the server`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  } catch (err) {
    if (err instanceof RestoreRefused && err.check) {
      process.stderr.write(`restore: ${err.message}\n${summary(err.check, null).join('\n')}\n`);
      return 1;
    }
    if (err instanceof RestoreRefused || err instanceof ConfigError || err instanceof DatabaseInUse || err instanceof DatabaseUnwritable) return refuse(err.message);
    throw err;
  }
}

function refuse(message: string): number {
  process.stderr.write(`restore: ${message}\nnothing was changed\n`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`restore: failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 2;
  },
);
