import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from './cli-capture';
import { OUT_MARKER } from '../src/cli/apply';
import { findRepoRoot } from '../src/core/patch';
import { seedMailPath } from '../src/core/policies';
import { SEED_TREE_HUNKS } from './seed-fixture';

const root = findRepoRoot(__dirname)!;
const SEED = seedMailPath();
const FIX = path.join(root, 'test', 'fixtures', 'patch');
const SEED_TREE = path.join(FIX, 'seed-tree');

const cli = (...args: string[]) => runCli('apply', ...args);


function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else files[path.relative(dir, p)] = fs.readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return files;
}

describe('iolock-sim apply (CLI)', () => {
  let tmp: string;
  let fixtureBefore: Record<string, string>;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'iolock-apply-'));
    fixtureBefore = snapshot(SEED_TREE);
  });
  afterEach(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
    assert.deepEqual(snapshot(SEED_TREE), fixtureBefore, 'the --tree must never change');
  });

  it('applies the seed mail to a copy of the tree and prints one line per hunk and a summary', async () => {
    const out = path.join(tmp, 'out');
    const r = await cli(SEED, '--tree', SEED_TREE, '--out', out);
    assert.equal(r.err, '');
    assert.equal(r.code, 0);
    assert.equal(
      r.out,
      [
        ...SEED_TREE_HUNKS,
        `applied 7 of 7 hunks in 5 files (5 at an offset, 0 with fuzz, 5 with whitespace repaired); written to ${out}`,
        '',
      ].join('\n'),
    );
    const result = snapshot(out);
    assert.deepEqual(Object.keys(result).sort(), [
      OUT_MARKER,
      'fs/Makefile',
      'fs/iolock.c',
      'fs/read_write.c',
      'include/linux/fs.h',
      'include/linux/iolock.h',
    ]);
    assert.match(result['fs/read_write.c']!, /\t\t\tiolock_release\(iolock\);\n/);
    // A second run may replace its own earlier output.
    assert.equal((await cli(SEED, '--tree', SEED_TREE, '--out', out)).code, 0);
  });

  it('prints the same report as one JSON object with --json', async () => {
    const r = await cli(SEED, '--tree', SEED_TREE, '--json');
    assert.equal(r.code, 0);
    const j = JSON.parse(r.out) as {
      ok: boolean;
      written: boolean;
      summary: { applied: number; withOffset: number; whitespaceRepaired: number };
      patches: { files: { path: string; hunks: { line: number; offset: number; whitespaceRepaired: boolean; place: string }[] }[] }[];
    };
    assert.equal(j.ok, true);
    assert.equal(j.written, false);
    assert.deepEqual(j.summary.applied, 7);
    const vfsRead = j.patches[0]!.files[1]!.hunks[1]!;
    assert.deepEqual(
      [vfsRead.place, vfsRead.line, vfsRead.offset, vfsRead.whitespaceRepaired],
      ['vfs_read', 108, -139, true],
    );
  });

  it('applies a quilt series, grouping the lines by patch', async () => {
    const r = await cli(path.join(FIX, 'quilt', 'series'), '--tree', SEED_TREE);
    assert.equal(r.code, 0, r.err);
    const series = path.join(FIX, 'quilt');
    assert.equal(
      r.out,
      [
        `${path.join(series, 'count-reads.patch')}: applied`,
        '  fs/read_write.c: hunk 1/1 @@ -114,7 +114,7 @@ vfs_read: applied at line 114',
        '  fs/rwcount.c: hunk 1/1 @@ -0,0 +1,6 @@: created',
        `${path.join(series, 'count-writes.patch')}: applied`,
        '  fs/read_write.c: hunk 1/1 @@ -162,7 +162,7 @@: applied at line 162',
        '  fs/rwcount.c: hunk 1/1 @@ -2,5 +2,6 @@: applied at line 2',
        'applied 4 of 4 hunks in 4 files (0 at an offset, 0 with fuzz, 0 with whitespace repaired); nothing written (no --out)',
        '',
      ].join('\n'),
    );
  });

  it('exits 1 and writes nothing when a hunk does not apply', async () => {
    const out = path.join(tmp, 'out');
    const bad = path.join(tmp, 'bad.patch');
    fs.writeFileSync(bad, '--- a/fs/Makefile\n+++ b/fs/Makefile\n@@ -1,2 +1,2 @@\n-no such line\n+x\n context\n');
    const r = await cli(SEED, bad, '--tree', SEED_TREE, '--out', out);
    assert.equal(r.code, 1);
    assert.equal(fs.existsSync(out), false);
    assert.match(r.out, /^ {2}fs\/Makefile: hunk 1\/1 @@ -1,2 \+1,2 @@: failed: removed line 1 of 2 \(patch line 4\) "no such line" does not match; closest place is line 1/m);
    assert.match(r.out, /\ndid not apply: 7 of 8 hunks applied, 1 failed, 0 refused, 0 skipped; nothing written\n$/);
  });

  it('exits 1 with file:line:col on stderr for a malformed patch', async () => {
    const bad = path.join(tmp, 'trunc.patch');
    fs.writeFileSync(bad, 'Subject: [PATCH] x\n\n--- a/fs/Makefile\n+++ b/fs/Makefile\n@@ -1,3 +1,3 @@\n #\n-#\n');
    const r = await cli(bad, '--tree', SEED_TREE);
    assert.equal(r.code, 1);
    assert.equal(r.out, '');
    assert.equal(r.err, `${bad}:8:1: hunk @@ -1,3 +1,3 @@ (line 5) ends early at the end of the file: got 2 of 3 old and 1 of 3 new lines\n`);
  });

  it('keeps --out safe: not inside --tree, not a foreign non-empty folder', async () => {
    const inside = await cli(SEED, '--tree', SEED_TREE, '--out', path.join(SEED_TREE, 'fs', 'out'));
    assert.equal(inside.code, 2);
    assert.equal(inside.err, `iolock-sim apply: --out ${path.join(SEED_TREE, 'fs', 'out')} is inside --tree ${SEED_TREE}\n`);
    const foreign = path.join(tmp, 'mine');
    fs.mkdirSync(foreign);
    fs.writeFileSync(path.join(foreign, 'notes.txt'), 'keep me\n');
    const r = await cli(SEED, '--tree', SEED_TREE, '--out', foreign);
    assert.equal(r.code, 2);
    assert.match(r.err, /is not empty and not an earlier output of 'iolock-sim apply'/);
    assert.equal(fs.readFileSync(path.join(foreign, 'notes.txt'), 'utf8'), 'keep me\n');
    const parent = await cli(SEED, '--tree', SEED_TREE, '--out', path.dirname(SEED_TREE));
    assert.equal(parent.code, 2);
  });

  it('reports usage errors with exit status 2', async () => {
    assert.equal((await cli()).code, 2);
    const p = await cli(SEED, '-p', 'x');
    assert.equal(p.code, 2);
    assert.equal(p.err, "iolock-sim apply: -p wants a number of path components, not 'x'\n");
    assert.equal((await cli(SEED, '--tree', path.join(tmp, 'missing'))).code, 2);
    assert.equal((await cli(SEED, '--bogus')).code, 2);
  });

  it('patches the repo\'s kernel/ by default', async () => {
    const p = path.join(tmp, 'new.patch');
    fs.writeFileSync(p, '--- /dev/null\n+++ b/fs/zz-iolock-sim-apply-test.c\n@@ -0,0 +1 @@\n+/* new */\n');
    const r = await cli(p);
    assert.equal(r.code, 0, r.err);
    assert.equal(
      r.out,
      'fs/zz-iolock-sim-apply-test.c: hunk 1/1 @@ -0,0 +1 @@: created\n' +
        'applied 1 of 1 hunks in 1 files (0 at an offset, 0 with fuzz, 0 with whitespace repaired); nothing written (no --out)\n',
    );
  });
});
