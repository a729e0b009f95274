import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { diffLines } from 'diff';
import {
  copyTree,
  extractPatches,
  findRepoRoot,
  formatFilePatch,
  formatPlan,
  loadTree,
  planPatches,
  type ApplyPlan,
  type FilePatch,
} from '../src/core/patch';
import { seedMailPath } from '../src/core/policies';
import { SEED_TREE_HUNKS } from './seed-fixture';

const root = findRepoRoot(__dirname)!;
const SEED = seedMailPath();
const SEED_TREE = path.join(root, 'test', 'fixtures', 'patch', 'seed-tree');

/** The lines of `text` from the one equal to `first` through the next one equal to `last`. */
function region(text: string, first: string, last: string): string {
  const ls = text.split('\n');
  const a = ls.indexOf(first);
  assert.ok(a >= 0, `no line ${JSON.stringify(first)}`);
  const b = ls.indexOf(last, a);
  assert.ok(b >= 0, `no line ${JSON.stringify(last)} after ${JSON.stringify(first)}`);
  return ls.slice(a, b + 1).join('\n');
}

function hasTool(cmd: string): boolean {
  return spawnSync(cmd, ['--version'], { encoding: 'utf8' }).status === 0;
}

describe('the seed mail applied to a 2.6.13-shaped tree (test/fixtures/patch/seed-tree)', () => {
  let files: FilePatch[];
  let plan: ApplyPlan;
  const changed = (p: string) => plan.changes.get(p) ?? assert.fail(`${p} not changed`);

  before(() => {
    files = extractPatches(fs.readFileSync(SEED, 'utf8'), SEED);
    plan = planPatches(loadTree(SEED_TREE), [{ source: SEED, files }]);
  });

  it('applies all 7 hunks, at offsets, repairing whitespace where the archive damaged it', () => {
    assert.deepEqual(formatPlan(plan, { written: false }), [
      ...SEED_TREE_HUNKS,
      'applied 7 of 7 hunks in 5 files (5 at an offset, 0 with fuzz, 5 with whitespace repaired); nothing written (no --out)',
    ]);
    assert.equal(plan.ok, true);
  });

  it('re-indents the vfs_read hunk as a kernel developer would have written it', () => {
    assert.equal(
      region(changed('fs/read_write.c'), '\tret = rw_verify_area(READ, file, pos, count);', '\treturn ret;'),
      [
        '\tret = rw_verify_area(READ, file, pos, count);',
        '\tif (!ret) {',
        '\t\tret = security_file_permission (file, MAY_READ);',
        '\t\tif (!ret) {',
        '\t\t\tstruct iolock * iolock = iolock_region(buf, count);',
        '\t\t\tif (IS_ERR(iolock)) {',
        '\t\t\t\tret = PTR_ERR(iolock);',
        '\t\t\t\tgoto out;',
        '\t\t\t}',
        '\t\t\tif (file->f_op->read)',
        '\t\t\t\tret = file->f_op->read(file, buf, count, pos);',
        '\t\t\telse',
        '\t\t\t\tret = do_sync_read(file, buf, count, pos);',
        '\t\t\tiolock_release(iolock);',
        '\t\t\tif (ret > 0) {',
        '\t\t\t\tfsnotify_access(file->f_dentry);',
        '\t\t\t\tcurrent->rchar += ret;',
        '\t\t\t}',
        '\t\tout:',
        '\t\t\tcurrent->syscr++;',
        '\t\t}',
        '\t}',
        '',
        '\treturn ret;',
      ].join('\n'),
    );
  });

  it('does the same for vfs_write', () => {
    const w = region(changed('fs/read_write.c'), '\tret = rw_verify_area(WRITE, file, pos, count);', '\treturn ret;');
    assert.match(w, /\t\tif \(!ret\) \{\n\t\t\tstruct iolock \* iolock = iolock_region\(buf, count\);\n/);
    assert.match(w, /\t\t\tiolock_release\(iolock\);\n\t\t\tif \(ret > 0\) \{/);
    assert.match(w, /\t\t\t\}\n\t\tout:\n\t\t\tcurrent->syscw\+\+;\n/);
  });

  it('adds the include after syscalls.h, and only adds lines to fs/read_write.c (15 of them)', () => {
    const before = fs.readFileSync(path.join(SEED_TREE, 'fs', 'read_write.c'), 'utf8');
    const after = changed('fs/read_write.c');
    assert.match(after, /#include <linux\/syscalls.h>\n#include <linux\/iolock.h>\n\n#include <asm\/uaccess.h>/);
    const parts = diffLines(before, after);
    assert.equal(parts.filter((p) => p.removed).length, 0);
    assert.equal(parts.filter((p) => p.added).reduce((n, p) => n + (p.count ?? 0), 0), 15);
  });

  it('puts the new members at the end of struct address_space_operations with one tab', () => {
    assert.equal(
      region(changed('include/linux/fs.h'), '\tstruct page* (*get_xip_page)(struct address_space *, sector_t,', 'struct backing_dev_info;'),
      [
        '\tstruct page* (*get_xip_page)(struct address_space *, sector_t,',
        '\t\t\tint);',
        '\tint (*iolock_acquire)(struct file **, unsigned long);',
        '\tvoid (*iolock_release)(struct file **, unsigned long);',
        '};',
        '',
        'struct backing_dev_info;',
      ].join('\n'),
    );
  });

  it('continues the obj-y list in fs/Makefile with the list\'s own indentation', () => {
    assert.match(changed('fs/Makefile'), /\t\tseq_file\.o xattr\.o libfs\.o fs-writeback\.o mpage\.o direct-io\.o \\\n\t\tioprio\.o iolock\.o\n\nobj-\$\(CONFIG_INOTIFY\)\t\t\+= inotify\.o\n/);
  });

  it('writes fs/iolock.c in kernel style: tabs by depth, aligned continuation and comment, labels at column 0', () => {
    const c = changed('fs/iolock.c');
    assert.equal(c.split('\n').length, 89);
    assert.equal(
      region(c, '\tfor (vma = find_vma(mm, start); vma; vma = vma->vm_next) {', 'out:'),
      [
        '\tfor (vma = find_vma(mm, start); vma; vma = vma->vm_next) {',
        '\t\tstruct file *file;',
        '\t\tstruct address_space *mapping;',
        '',
        '\t\tif (end <= vma->vm_start)',
        '\t\t\tbreak;',
        '',
        '\t\tfile = vma->vm_file;',
        '\t\tif (!file)',
        '\t\t\tcontinue;',
        '',
        '\t\tmapping = file->f_mapping;',
        '\t\tif (!mapping->a_ops->iolock_acquire ||',
        '\t\t    !mapping->a_ops->iolock_release)',
        '\t\t\tcontinue;',
        '',
        '\t\t/* FIXME: This only works when one address_space participates',
        '\t\t   in the iolock. */',
        '\t\tret->mapping = mapping;',
        '\t\tret->files[ret->nr_files++] = file;',
        '\t}',
        'out:',
      ].join('\n'),
    );
    assert.match(c, /^struct iolock \{\n\tstruct address_space \*mapping;\n\tunsigned long nr_files;\n\tstruct file \*\*files;\n\};$/m);
    assert.match(c, /\n\treturn ret;\n\nerror:\n\tiolock_release\(ret\);\n/);
    assert.match(c, /^\/\*\n \* fs\/iolock\.c\n \*\n \* Derived from GFS2\.\n \*\/\n/);
    assert.match(c, /\tif \(mapping && mapping->a_ops->iolock_release\)\n\t\tmapping->a_ops->iolock_release\(iolock->files, iolock->nr_files\);\n\tkfree\(iolock->files\);\n/);
  });

  it('balances the new file\'s braces and leaves no line flat inside a block', () => {
    const c = changed('fs/iolock.c');
    assert.equal((c.match(/\{/g) ?? []).length, (c.match(/\}/g) ?? []).length);
    let depth = 0;
    for (const line of c.split('\n')) {
      if (line.startsWith('}')) depth--;
      if (depth > 0 && line.trim() !== '' && !/^\w+:$/.test(line)) assert.match(line, /^\t/, line);
      depth += (line.match(/\{/g) ?? []).length - (line.match(/\}/g) ?? []).length + (line.startsWith('}') ? 1 : 0);
    }
  });

  it('is refused by GNU patch -l as archived, and by patch and git apply even after the prefixes are restored', function () {
    if (!hasTool('patch')) this.skip();
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'iolock-seed-'));
    try {
      copyTree(SEED_TREE, tmp);
      const asArchived = spawnSync('patch', ['-p1', '-l', '--dry-run', '-d', tmp, '-i', SEED], { encoding: 'utf8' });
      assert.notEqual(asArchived.status, 0);
      assert.match(asArchived.stderr + asArchived.stdout, /malformed patch at line 145/);
      const recovered = path.join(tmp, 'recovered.patch');
      fs.writeFileSync(recovered, files.map(formatFilePatch).join(''));
      const restored = spawnSync('patch', ['-p1', '-l', '--dry-run', '-d', tmp, '-i', recovered], { encoding: 'utf8' });
      assert.notEqual(restored.status, 0);
      assert.equal((restored.stdout.match(/^Hunk #\d+ FAILED/gm) ?? []).length, 4);
      if (hasTool('git')) {
        const git = spawnSync('git', ['apply', '--check', '--ignore-whitespace', '-p1', SEED], { cwd: tmp, encoding: 'utf8' });
        assert.notEqual(git.status, 0);
        assert.match(git.stderr, /corrupt patch at line 138/);
      }
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('the seed mail applied to the model kernel (kernel/)', () => {
  it('applies every hunk: kernel/ holds the seed\'s context', () => {
    const kernel = path.join(root, 'kernel');
    const plan = planPatches(loadTree(kernel), [{ source: SEED, files: extractPatches(fs.readFileSync(SEED, 'utf8'), SEED) }]);
    assert.equal(plan.ok, true, formatPlan(plan, { written: false }).join('\n'));
    assert.equal(plan.summary.applied, 7);
  });
});
