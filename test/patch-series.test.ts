import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { UserError } from '../src/core/diagnostics';
import { findRepoRoot, formatPlan, loadPatchFile, loadTree, parseSeries, planPatches } from '../src/core/patch';

const root = findRepoRoot(__dirname)!;
const FIX = path.join(root, 'test', 'fixtures', 'patch');
const SEED_TREE = path.join(FIX, 'seed-tree');

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof UserError, String(e));
    return e.message;
  }
  assert.fail('expected a UserError');
}

describe('quilt series files', () => {
  it('parses names, -pN in both spellings, and comments', () => {
    const text = '# a comment\n\n01-a.patch\n02-b.patch -p0\nsub/03-c.diff -p 2  # trailing comment\n';
    assert.deepEqual(parseSeries(text, 'series'), [
      { name: '01-a.patch', line: 3 },
      { name: '02-b.patch', line: 4, strip: 0 },
      { name: 'sub/03-c.diff', line: 5, strip: 2 },
    ]);
  });

  it('refuses names that climb out of the series folder, and options it does not know, at line:col', () => {
    assert.equal(
      errorOf(() => parseSeries('ok.patch\n  ../../etc/x.patch\n', 'patches/series')),
      "patches/series:2:3: patch name '../../etc/x.patch' climbs out of the series folder ('..')",
    );
    assert.equal(
      errorOf(() => parseSeries('/abs.patch\n', 'series')),
      "series:1:1: patch name '/abs.patch' is an absolute path",
    );
    assert.equal(errorOf(() => parseSeries('a.patch -R\n', 'series')), "series:1:9: unsupported series option '-R' (only -pN)");
  });

  it('refuses a -pN larger than any path is deep (found by fuzzing: -p99999999999999999999 became 1e20)', () => {
    assert.equal(
      errorOf(() => parseSeries('a.patch -p99999999999999999999\n', 'series')),
      'series:1:9: -p99999999999999999999 strips more path components than any path has (at most 100)',
    );
    assert.equal(errorOf(() => parseSeries('a.patch -p 101\n', 'series')), 'series:1:12: -p101 strips more path components than any path has (at most 100)');
    assert.deepEqual(parseSeries('a.patch -p 100\n', 'series'), [{ name: 'a.patch', line: 1, strip: 100 }]);
  });

  it('applies the series in order to one tree: the second patch changes a file the first created', () => {
    const inputs = loadPatchFile(path.join(FIX, 'quilt', 'series'), 1);
    assert.deepEqual(
      inputs.map((i) => path.basename(i.source)),
      ['count-reads.patch', 'count-writes.patch'],
    );
    const plan = planPatches(loadTree(SEED_TREE), inputs);
    assert.equal(plan.ok, true, formatPlan(plan, { written: false }).join('\n'));
    assert.equal(plan.changes.get('fs/rwcount.c'), '#include <linux/sched.h>\n\nvoid rwcount_read(struct task_struct *tsk, ssize_t n)\n{\n\tif (n > 0)\n\t\ttsk->rchar += n;\n}\n');
    const rw = plan.changes.get('fs/read_write.c')!;
    assert.match(rw, /\t\t\t\trwcount_read\(current, ret\);\n/);
    assert.match(rw, /\t\t\t\trwcount_write\(current, ret\);\n/);
  });

  it('applies a mailbox of two patches the same way', () => {
    const inputs = loadPatchFile(path.join(FIX, 'two-patches.mbox'), 1);
    assert.equal(inputs.length, 1);
    const plan = planPatches(loadTree(SEED_TREE), inputs);
    assert.equal(plan.ok, true);
    assert.equal(plan.summary.hunks, 4);
    assert.match(plan.changes.get('fs/rwcount.c')!, /\tif \(n > 0\)\n\t\ttsk->rchar \+= n;\n/);
  });

  it('recognises a series by its content when it is not called "series", and stops at the first failing patch', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'iolock-series-'));
    try {
      fs.copyFileSync(path.join(FIX, 'quilt', 'count-reads.patch'), path.join(tmp, 'reads.patch'));
      fs.copyFileSync(path.join(FIX, 'quilt', 'count-writes.patch'), path.join(tmp, 'writes.patch'));
      // Reversed order: the writes patch needs fs/rwcount.c, which only the reads patch creates.
      fs.writeFileSync(path.join(tmp, 'order.txt'), 'writes.patch\nreads.patch\n');
      const inputs = loadPatchFile(path.join(tmp, 'order.txt'), 1);
      assert.equal(inputs.length, 2);
      const plan = planPatches(loadTree(SEED_TREE), inputs);
      assert.deepEqual(
        plan.patches.map((p) => p.status),
        ['refused', 'skipped'],
      );
      assert.equal(plan.ok, false);
      const text = formatPlan(plan, { written: false });
      assert.ok(text.includes('  fs/rwcount.c: hunk 1/1 @@ -2,5 +2,6 @@: refused: refusing to patch fs/rwcount.c: no such file in ' + SEED_TREE), text.join('\n'));
      assert.equal(text[text.length - 1], 'did not apply: 1 of 4 hunks applied, 0 failed, 1 refused, 2 skipped; nothing written');
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('refuses a series entry that leads out of its folder through a symlink', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'iolock-series-'));
    try {
      fs.mkdirSync(path.join(tmp, 'patches'));
      fs.writeFileSync(path.join(tmp, 'elsewhere.patch'), '--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n');
      fs.symlinkSync(path.join(tmp, 'elsewhere.patch'), path.join(tmp, 'patches', 'x.patch'));
      fs.writeFileSync(path.join(tmp, 'patches', 'series'), 'x.patch\n');
      const series = path.join(tmp, 'patches', 'series');
      assert.equal(
        errorOf(() => loadPatchFile(series, 1)),
        `${series}:1:1: patch x.patch leads out of the series folder (to ${fs.realpathSync(path.join(tmp, 'elsewhere.patch'))})`,
      );
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
