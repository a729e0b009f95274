import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { findRepoRoot, loadTree } from '../src/core/patch';
import { buildKernel, listKernelFiles, parseMakefile } from '../src/core/kernel/build';
import { ALL_BUILTINS } from '../src/core/kernel/builtin-names';
import { checkLayout } from '../src/core/kernel/layout';
import type { StructLayout } from '../src/core/cfront/check';

const root = findRepoRoot(__dirname) as string;

describe('kernel build: the Makefiles decide what compiles', function () {
  this.timeout(120000);
  const tree = loadTree(path.join(root, 'kernel'));

  it('expands $(CONFIG_X), +=, continuations and := replacing earlier values', () => {
    const v = parseMakefile('a-y := x.o\na-$(CONFIG_M) := y.o \\\n  z.o # c\nobj-y = $(a-y)\nobj-y += w/\nobj-$(CONFIG_N) += n.o\n', new Map([['CONFIG_M', 'y']]));
    assert.deepEqual(v.get('obj-y'), ['y.o', 'z.o', 'w/']);
    assert.deepEqual(v.get('obj-'), ['n.o']);
  });

  it('a second build of the same tree content comes from the cache', async () => {
    const a = await buildKernel(tree);
    const b = await buildKernel(loadTree(path.join(root, 'kernel')));
    assert.equal(a.program, b.program);
  });

  it('lists the 62 .c files of the model kernel, composite objects expanded, missing ones skipped', () => {
    const b = listKernelFiles(tree);
    assert.equal(b.files.length, 62);
    assert.equal(b.files[0], 'init/main.c');
    for (const f of ['fs/read_write.c', 'fs/gfs2/glock.c', 'fs/ocfs2/dlmglue.c', 'fs/dlm/ast.c', 'mm/memory.c', 'arch/sim/lib/usercopy.c', 'lib/string.c'])
      assert.ok(b.files.includes(f), f);
    assert.ok(b.skipped.includes('fs/inotify.o'));
    assert.ok(!b.files.includes('fs/iolock.c'));
    assert.deepEqual(b.includeDirs, ['include']);
  });

  it('compiles the tree; every called function without a body is a builtin of BUILTINS.md', async () => {
    const { program } = await buildKernel(tree);
    const missing = new Set<string>();
    for (const f of program.funcs) {
      for (const m of f.run.matchAll(/\bB(\d+)\(|T\.cf = (\d+);/g)) {
        const s = program.symbols[Number(m[1] ?? m[2])];
        if (s && !s.defined && !ALL_BUILTINS.has(s.name)) missing.add(s.name);
      }
    }
    assert.deepEqual([...missing], []);
  });
});

describe('kernel layout: the C structs the builtins read', () => {
  it('matches the compiled model kernel, and names a member a patch moved', async () => {
    const { program } = await buildKernel(loadTree(path.join(findRepoRoot(__dirname) as string, 'kernel')));
    assert.deepEqual(checkLayout(program), []);
    const lksb = program.layouts['struct dlm_lksb'] as StructLayout;
    const moved = { ...program, layouts: { ...program.layouts, 'struct dlm_lksb': { ...lksb, fields: { ...lksb.fields, sb_dep_map: 32 } } } };
    assert.deepEqual(checkLayout(moved), ['struct dlm_lksb.sb_dep_map is at offset 32; the simulator\'s builtins read it at 24']);
  });
});
