// Runs the integration suites (test/integration/*.itest.ts) inside a real VS Code extension host: code-server
// 4.100.3 (VS Code 1.100.3) opened in headless Chromium by the `code` shim in test/integration/shim/, launched
// through @vscode/test-electron's runTests. Needs scripts/setup-vscode-test.sh first (npm run test:integration
// does both). Ends with the "N passed, N failed" line; exit status 1 when anything failed or the run broke.
//
// Env: IOLOCK_ITEST_TIMEOUT (seconds for the whole VS Code run, default 600), IOLOCK_ITEST_GREP (mocha grep),
// IOLOCK_ITEST_KEEP=1 (keep the run's profile folder), IOLOCK_ITEST_VERBOSE=1 (code-server and browser logs),
// IOLOCK_ITEST_NO_BUILD=1 (use the out/ and dist/ already there).
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const root = join(dirname(new URL(import.meta.url).pathname), '..');
const shim = join(root, 'test/integration/shim/code');
const timeoutSeconds = Number(process.env.IOLOCK_ITEST_TIMEOUT || 600);
const started = Date.now();

if (!process.env.IOLOCK_ITEST_NO_BUILD) {
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit', cwd: root });
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', root], { stdio: 'inherit', cwd: root });
  console.log(`run-integration: build and compile ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
const vscodeStarted = Date.now();
// test-electron spawns the shim directly; a checkout or copy that lost the exec bit must not break that.
chmodSync(shim, 0o755);
const testsPath = join(root, 'out/test/integration/index.js');
if (!existsSync(testsPath)) {
  console.error(`no ${testsPath}: compile first (npx tsc -p .)`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

// A profile folder of this run's own (HOME, TMPDIR, XDG, user data, extensions): two runs at once share nothing.
// Under the system temp dir, not the checkout, because VS Code puts unix sockets in it and their paths are short.
const runDir = mkdtempSync(join(tmpdir(), 'iolock-itest-'));

/** Kills whatever the shim started and left behind (it records the process-group leaders it spawns), in
 * case the shim itself was killed before it could clean up. */
function reap() {
  let pids = [];
  try {
    pids = readFileSync(join(runDir, 'pids'), 'utf8').split('\n').filter(Boolean).map(Number);
  } catch {}
  for (const pid of pids) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {}
  }
  if (!process.env.IOLOCK_ITEST_KEEP) rmSync(runDir, { recursive: true, force: true, maxRetries: 3 });
}

// Tallies the suite's own closing line as it streams by, so ours can repeat the real counts.
let passed = 0;
let failed = 0;
let sawTally = false;
for (const stream of [process.stdout, process.stderr]) {
  const write = stream.write.bind(stream);
  let partial = '';
  stream.write = (chunk, ...rest) => {
    partial += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      const m = /^(\d+) passed, (\d+) failed\s*$/.exec(line.trim());
      if (m) {
        passed += Number(m[1]);
        failed += Number(m[2]);
        sawTally = true;
      }
    }
    return write(chunk, ...rest);
  };
}

// A backstop above the shim's own timeout, for a shim that hangs before it can time out.
const backstop = setTimeout(() => {
  console.error(`run-integration: no exit ${timeoutSeconds + 60} s after start; killing the run`);
  reap();
  console.log(`${passed} passed, ${Math.max(failed, 1)} failed`);
  process.exit(1);
}, (timeoutSeconds + 60) * 1000);
backstop.unref();

let code = 1;
try {
  const { runTests } = require('@vscode/test-electron');
  code = await runTests({
    vscodeExecutablePath: shim,
    extensionDevelopmentPath: root,
    extensionTestsPath: testsPath,
    launchArgs: [root, `--user-data-dir=${join(runDir, 'user-data')}`, `--extensions-dir=${join(runDir, 'extensions')}`],
    extensionTestsEnv: {
      IOLOCK_ITEST_RUN_DIR: runDir,
      IOLOCK_ITEST_TIMEOUT: String(timeoutSeconds),
    },
  });
} catch (e) {
  console.error(`run-integration: ${e instanceof Error ? e.message : e}`);
  code = 1;
} finally {
  clearTimeout(backstop);
  reap();
}
console.log(`run-integration: VS Code run ${((Date.now() - vscodeStarted) / 1000).toFixed(1)} s, total ${((Date.now() - started) / 1000).toFixed(1)} s`);
// A run that broke before the suite could report (no workbench, no extension host) still counts as a failure.
if (code !== 0 && failed === 0) failed = 1;
if (!sawTally && code === 0) {
  console.error('run-integration: the suite printed no tally');
  code = 1;
  failed = Math.max(failed, 1);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(code === 0 && failed === 0 ? 0 : 1);
