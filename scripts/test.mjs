#!/usr/bin/env node
// `npm test`: setup, typecheck, lint, then vitest; ends with one plain line
// `N passed, N failed[, N skipped]` because CI cannot read vitest's own summary (STACK-NOTES G17).
//
//   npm test                           everything, the browser tests (vitest project e2e) included
//   npm test -- shared/src/numbering   arguments go to vitest (file filter, -t name, …)
//   npm test -- --quick numbering      same, without typecheck and lint
//   npm test -- --quick e2e            the browser tests only (or: --project e2e); tests/README.md
//
// A failed setup, typecheck or lint counts as 1 failed each. Skipped and todo tests are not
// passed. The exit code is non-zero when anything failed or no test ran.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const vitestArgs = argv.filter((arg) => arg !== '--quick');

let child = null;
let interrupted = null;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    interrupted = signal;
    child?.kill(signal);
  });
}

/** Runs a command with inherited stdio; resolves to its exit code (1 if it could not start). */
function run(command, args) {
  return new Promise((resolve) => {
    child = spawn(command, args, { cwd: root, stdio: 'inherit' });
    child.on('error', (error) => {
      console.error(`test: cannot run ${command}: ${error.message}`);
      child = null;
      resolve(1);
    });
    child.on('exit', (code, signal) => {
      child = null;
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

/**
 * Runs a bin from node_modules/.bin with this node directly rather than through npx,
 * so no extra npm process sits in between and signals reach the real tool (G10).
 */
function runBin(name, args) {
  let script;
  try {
    script = realpathSync(join(root, 'node_modules', '.bin', name));
  } catch {
    console.error(`test: node_modules/.bin/${name} is missing (did npm install run?)`);
    return Promise.resolve(1);
  }
  return run(process.execPath, [script, ...args]);
}

const failures = [];
/** [label, seconds, ok] of each stage, printed together at the end. */
const stages = [];
let passed = 0;
let skipped = 0;
let testsRun = 0;

/** Runs one stage; a non-zero exit counts as one failure unless the caller counts it itself. */
async function step(label, start, { countFailure = true } = {}) {
  console.log(`\n=== ${label}`);
  const started = Date.now();
  const code = await start();
  if (interrupted) {
    console.log(`\ntest: interrupted by ${interrupted}`);
    process.exit(128 + (constants.signals[interrupted] ?? 2));
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`=== ${label}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${seconds} s`);
  stages.push([label, seconds, code === 0]);
  if (code !== 0 && countFailure) failures.push(`${label} failed (exit ${code})`);
  return code;
}

function finish() {
  if (testsRun === 0 && failures.length === 0) failures.push('no tests ran');
  console.log('\nTime per stage:');
  for (const [label, seconds, ok] of stages) console.log(`  ${label.padEnd(22)} ${seconds.padStart(6)} s${ok ? '' : '  (failed)'}`);
  console.log(`  ${'total'.padEnd(22)} ${((Date.now() - startedAt) / 1000).toFixed(1).padStart(6)} s`);
  if (failures.length > 0) {
    console.log('\nFailures:');
    for (const failure of failures.slice(0, 50)) console.log(`  - ${failure}`);
    if (failures.length > 50) console.log(`  … and ${failures.length - 50} more`);
  }
  process.exitCode = failures.length > 0 || testsRun === 0 ? 1 : 0;
  // Must stay the very last line printed.
  console.log(`${passed} passed, ${failures.length} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
}

/** Adds vitest's JSON report (jest-compatible format) to the totals. */
function countVitest(reportPath, exitCode) {
  let report;
  try {
    report = JSON.parse(readFileSync(reportPath, 'utf8'));
  } catch (error) {
    failures.push(`vitest wrote no readable JSON report (exit ${exitCode}): ${error.message}`);
    return;
  }
  const before = failures.length;
  for (const file of report.testResults ?? []) {
    const name = relative(root, file.name);
    let failedInFile = 0;
    for (const test of file.assertionResults ?? []) {
      if (test.status === 'passed') {
        passed += 1;
        testsRun += 1;
      } else if (test.status === 'failed') {
        failedInFile += 1;
        testsRun += 1;
        failures.push(`${name} > ${test.fullName}`);
      } else {
        skipped += 1; // skipped, pending, todo, disabled
      }
    }
    // A file that failed to load, or whose hooks threw, has no failed test of its own.
    if (file.status === 'failed' && failedInFile === 0) {
      const message = (file.message ?? '').trim().split('\n')[0] || 'failed';
      failures.push(`${name}: ${message}`);
    }
  }
  if (exitCode !== 0 && failures.length === before) {
    failures.push(
      testsRun === 0
        ? `no tests ran (vitest exit ${exitCode})`
        : `vitest exited with ${exitCode} without a failing test (unhandled error?)`,
    );
  }
}

const startedAt = Date.now();
const tmp = mkdtempSync(join(tmpdir(), 'jiaohao-test-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));

await step('setup', () => run('bash', [join(root, 'scripts', 'setup.sh')]));
if (!quick) {
  await step('typecheck (tsc -b)', () => runBin('tsc', ['-b']));
  await step('lint (eslint .)', () => runBin('eslint', ['.']));
}
const reportPath = join(tmp, 'vitest.json');
const vitestCode = await step(
  'vitest',
  () =>
    runBin('vitest', [
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile=${reportPath}`,
      ...vitestArgs,
    ]),
  { countFailure: false }, // the report says which tests failed
);
countVitest(reportPath, vitestCode);
finish();
