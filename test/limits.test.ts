import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LIMIT_DEFAULTS, LIMITS, limitHint } from '../src/core/limits';
import { extractPatches, findRepoRoot, loadPatchFile, loadTree, patchedTree, planPatches, type MemoryTree } from '../src/core/patch';
import { loadScenarioOrThrow, runScenario } from '../src/core/scenario';
import { UserError } from '../src/core/diagnostics';
import { prepareRun, LaunchError } from '../src/debug/launch';
import { runCli as cli } from './cli-capture';

/**
 * Every limit of src/core/limits.ts stops what it bounds and says which limit it was and how to raise it
 * (issue 8). The C limits (steps, depth, heap, stack) are in cli-cexec.test.ts; the exploration bounds in
 * explore.test.ts.
 */
const root = findRepoRoot(__dirname) as string;
const S0 = path.join(root, 'examples', 'scenarios', 's0-anon-buffer.iolock.yaml');

/** vfs_read spins on a spinlock for ever: in a kernel without preemption the slice never ends by itself. */
const SPIN_PATCH = `--- a/fs/read_write.c
+++ b/fs/read_write.c
@@ -235,5 +235,10 @@
 ssize_t vfs_read(struct file *file, char __user *buf, size_t count, loff_t *pos)
 {
 \tssize_t ret;
+\tstatic DEFINE_SPINLOCK(spin_test);
 
+\tfor (;;) {
+\t\tspin_lock(&spin_test);
+\t\tspin_unlock(&spin_test);
+\t}
 \tif (!(file->f_mode & FMODE_READ))
`;


describe('limits: defaults in one place, and how to raise each', () => {
  it('exports every default by name, and a hint naming the option, the launch argument and the scenario key', () => {
    assert.deepEqual(Object.keys(LIMIT_DEFAULTS).sort(), Object.keys(LIMITS).sort());
    assert.equal(LIMIT_DEFAULTS.traceEvents, 500_000);
    assert.equal(limitHint('scenarioSteps'), "raise it with --max-steps N (run/explore/report), or the launch argument maxSteps, or the scenario's explore.max_steps");
    assert.equal(limitHint('cHeapBytes'), 'raise it with --max-heap N (cexec)');
    for (const [name, l] of Object.entries(LIMITS)) assert.ok(l.default > 0 && l.cli.includes('--'), name);
  });
});

describe('limits: a patched kernel that loops on locks is stopped by the trace and step limits', function () {
  this.timeout(120000);
  let spinning: MemoryTree;
  let tmp: string;

  before(() => {
    const base = loadTree(path.join(root, 'kernel'));
    const plan = planPatches(base, [{ source: 'spin.patch', files: extractPatches(SPIN_PATCH, 'spin.patch') }]);
    assert.ok(plan.ok);
    spinning = patchedTree(base, plan, 'spin');
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'iolock-limits-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('stops at the trace length limit (the run used to hang and grow without bound) and says --max-trace', async () => {
    const r = await runScenario(loadScenarioOrThrow(S0), { tree: spinning, policy: 'spin', maxTrace: 20_000 });
    assert.equal(r.verdict, 'error');
    assert.match(r.detail, /recording 2000\d lock events, log lines and calls .*the trace length limit of 20000 events was reached; raise it with --max-trace N \(run\/explore\/report\), or the launch argument maxTrace/);
  });

  it('stops at the step limit inside one slice when the trace limit is far, and says --max-steps', async () => {
    const r = await runScenario(loadScenarioOrThrow(S0), { tree: spinning, policy: 'spin', maxTrace: 1e9, maxSteps: 200_000 });
    assert.equal(r.verdict, 'error');
    assert.match(r.detail, /the step limit of 200000 statements was reached; raise it with --max-steps N/);
  });

  it('takes --max-trace and --max-steps on the command line', async () => {
    const p = path.join(tmp, 'spin.patch');
    fs.writeFileSync(p, SPIN_PATCH);
    const r = await cli('run', S0, '--patch', p, '--max-trace', '10000');
    assert.equal(r.code, 1);
    assert.match(r.out, /verdict: error/);
    assert.match(r.out, /the trace length limit of 10000 events was reached/);
    assert.equal((await cli('run', S0, '--patch', p, '--max-trace', 'lots')).code, 2);
  });
});

describe('limits: patch and scenario sizes', () => {
  let tmp: string;
  beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'iolock-limits-'))));
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const PATCH = '--- /dev/null\n+++ b/fs/new.c\n@@ -0,0 +1 @@\n+int x;\n';

  it('refuses a patch file over the size limit before reading it, naming --max-patch-bytes', async () => {
    const p = path.join(tmp, 'big.patch');
    fs.writeFileSync(p, PATCH);
    assert.throws(() => loadPatchFile(p, 1, { maxBytes: 10 }), (e: unknown) => {
      assert.ok(e instanceof UserError);
      assert.equal(e.message, `${p} is ${PATCH.length} bytes: the patch size limit of 10 bytes was reached; raise it with --max-patch-bytes N (apply/run/explore/report), or the launch argument maxPatchBytes`);
      return true;
    });
    assert.equal(loadPatchFile(p, 1).length, 1, 'the default takes it');
    const r = await cli('apply', p, '--tree', path.join(root, 'test', 'fixtures', 'patch', 'seed-tree'), '--max-patch-bytes', '10');
    assert.equal(r.code, 1);
    assert.match(r.err, /the patch size limit of 10 bytes was reached/);
  });

  it('counts a series and all its patches together (one big patch named many times)', () => {
    fs.writeFileSync(path.join(tmp, 'a.patch'), PATCH);
    fs.writeFileSync(path.join(tmp, 'series'), 'a.patch\n'.repeat(20));
    const max = 8 * 20 + PATCH.length * 5;
    assert.throws(() => loadPatchFile(path.join(tmp, 'series'), 1, { maxBytes: max }), /series and its patches up to .*a\.patch are \d+ bytes: the patch size limit of \d+ bytes was reached/);
  });

  it('refuses devices and FIFOs as patches (reading one would never end)', () => {
    assert.throws(() => loadPatchFile('/dev/zero', 1), /cannot read \/dev\/zero: not a regular file/);
  });

  it('refuses a scenario file over the size limit before reading it, naming --max-scenario-bytes', async () => {
    const r = await cli('run', S0, '--no-patch', '--max-scenario-bytes', '100');
    assert.equal(r.code, 1);
    assert.match(r.err, /s0-anon-buffer\.iolock\.yaml:1:1: .* is \d+ bytes: the scenario size limit of 100 bytes was reached; raise it with --max-scenario-bytes N/);
  });

  it('checks the launch arguments that set limits', async () => {
    for (const bad of [{ maxTrace: 'lots' }, { maxSteps: -1 }, { maxPatchBytes: 1.5 }, { maxScenarioBytes: 0 }]) {
      await assert.rejects(prepareRun({ scenario: S0, ...bad } as never, () => undefined), (e: unknown) => e instanceof LaunchError && /is a positive integer/.test(e.message));
    }
    await assert.rejects(prepareRun({ scenario: S0, noPatch: true, maxScenarioBytes: 50 }, () => undefined), /the scenario size limit of 50 bytes was reached/);
  });
});
