// `npm run verify-log`: the check of GET /api/v1/events/verify from a shell, on the database and
// audit files the settings name (the server's own settings, see .env.example), while the server
// runs or not. Prints a plain summary, or every problem on its own line; exits 0 when the log is
// intact, 1 when it is not, 2 when it could not check (a setting, a missing file, a wrong argument).
import { ConfigError, loadConfig } from './config';
import { CannotCheck, checkLog, summary } from './db/log-check';

const USAGE = `usage: npm run verify-log
Checks the event log of the database JIAOHAO_DB (the hash chain, the anchors in JIAOHAO_AUDIT_ANCHOR_FILE
sealed with JIAOHAO_AUDIT_KEY_FILE, the tickets and counters against the log), with the server's settings.
Exit status: 0 intact, 1 not intact, 2 could not check.`;

function main(argv: readonly string[]): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  try {
    if (argv.length > 0) throw new CannotCheck(`unexpected argument ${JSON.stringify(argv[0])}; the settings come from the environment\n${USAGE}`);
    const { result, anchorFile } = checkLog(loadConfig(process.env));
    process.stdout.write(`${summary(result, anchorFile).join('\n')}\n`);
    return result.ok ? 0 : 1;
  } catch (err) {
    if (err instanceof CannotCheck || err instanceof ConfigError) {
      process.stderr.write(`verify-log: ${err.message}\n`);
      return 2;
    }
    // The check did not run (a file that is not a database, a table missing): not a verdict on the log.
    process.stderr.write(`verify-log: could not check the log: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
