import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createPatch, createTwoFilesPatch } from 'diff';
import {
  applyPatches,
  DiskTree,
  extractPatches,
  findRepoRoot,
  formatHunk,
  MemoryTree,
  planPatches,
  type ApplyPlan,
  type PatchInput,
} from '../src/core/patch';

const BASE = [
  'static int helper(int x)',
  '{',
  '\treturn x + 1;',
  '}',
  '',
  'int compute(int a, int b)',
  '{',
  '\tint r = 0;',
  '',
  '\tif (a > b) {',
  '\t\tr = helper(a);',
  '\t\tr += b;',
  '\t}',
  '\treturn r;',
  '}',
  '',
].join('\n');

const EDITED = BASE.replace('\t\tr += b;\n', '\t\tr += b;\n\t\tr *= 2;\n');

function input(text: string, opts: { strip?: number; source?: string } = {}): PatchInput[] {
  const source = opts.source ?? 'test.patch';
  return [{ source, files: extractPatches(text, source, opts.strip === undefined ? {} : { strip: opts.strip }) }];
}

/** Every hunk line of a plan, as the CLI prints it. */
function lines(plan: ApplyPlan): string[] {
  return plan.patches.flatMap((p) => p.files.flatMap((f) => f.hunks.map((h) => formatHunk(f, h))));
}

const PATCH = createTwoFilesPatch('a/f.c', 'b/f.c', BASE, EDITED);

describe('patch application: finding the place', () => {
  it('applies a clean patch at the stated line, byte for byte', () => {
    const tree = new MemoryTree({ 'f.c': BASE });
    const plan = applyPatches(tree, input(PATCH));
    assert.deepEqual(lines(plan), ['f.c: hunk 1/1 @@ -9,7 +9,8 @@: applied at line 9']);
    assert.equal(tree.read('f.c'), EDITED);
    assert.equal(plan.written, true);
  });

  it('finds the context at an offset either way and reports it like GNU patch', () => {
    const above = '/* one */\n/* two */\n/* three */\n/* four */\n/* five */\n';
    const down = new MemoryTree({ 'f.c': above + BASE });
    assert.deepEqual(lines(applyPatches(down, input(PATCH))), ['f.c: hunk 1/1 @@ -9,7 +9,8 @@: applied at line 14 (offset 5)']);
    assert.equal(down.read('f.c'), above + EDITED);
    const up = new MemoryTree({ 'f.c': BASE.replace('static int helper(int x)\n{\n\treturn x + 1;\n}\n\n', '') });
    assert.deepEqual(lines(applyPatches(up, input(PATCH))), ['f.c: hunk 1/1 @@ -9,7 +9,8 @@: applied at line 4 (offset -5)']);
  });

  it('carries one hunk\'s offset to the next, and keeps hunks in order', () => {
    const big = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
    const edited = big.replace('line 5\n', 'line 5 changed\n').replace('line 30\n', 'line 30 changed\n');
    const patch = createTwoFilesPatch('a/t.txt', 'b/t.txt', big, edited);
    const tree = new MemoryTree({ 't.txt': 'extra\nextra\nextra\n' + big });
    assert.deepEqual(lines(applyPatches(tree, input(patch))), [
      't.txt: hunk 1/2 @@ -1,9 +1,9 @@: applied at line 4 (offset 3)',
      't.txt: hunk 2/2 @@ -26,9 +26,9 @@: applied at line 29 (offset 3)',
    ]);
    assert.equal(tree.read('t.txt'), 'extra\nextra\nextra\n' + edited);
  });

  it('uses fuzz only when no exact place exists, leaving the tree\'s own line where context differed', () => {
    // The hunk's first context line is the blank line after the declaration; here it holds a comment.
    const drifted = BASE.replace('\tint r = 0;\n\n', '\tint r = 0;\n\t/* r starts at zero */\n');
    const tree = new MemoryTree({ 'f.c': drifted });
    assert.deepEqual(lines(applyPatches(tree, input(PATCH))), ['f.c: hunk 1/1 @@ -9,7 +9,8 @@: applied at line 9 (fuzz 1)']);
    assert.equal(tree.read('f.c'), drifted.replace('\t\tr += b;\n', '\t\tr += b;\n\t\tr *= 2;\n'));
  });

  it('goes to fuzz 2, but not further', () => {
    const two = BASE.replace('\tint r = 0;\n\n', '\tint r = 0;\n\t/* r starts at zero */\n')
      .replace('\tif (a > b) {', '\tif (a >= b) {')
      .replace('\treturn r;', '\treturn -r;');
    const tree2 = new MemoryTree({ 'f.c': two });
    assert.deepEqual(lines(planPatches(tree2, input(PATCH))), ['f.c: hunk 1/1 @@ -9,7 +9,8 @@: applied at line 9 (fuzz 2)']);
    const three = two.replace('\t\tr = helper(a);', '\t\tr = helper(b);');
    const plan = planPatches(new MemoryTree({ 'f.c': three }), input(PATCH));
    assert.equal(plan.ok, false);
    assert.equal(plan.summary.failed, 1);
  });

  it('matches context that differs only in whitespace, keeps the tree\'s text and re-indents flattened added lines', () => {
    // A mailer turned every tab into eight spaces.
    const mangled = PATCH.replace(/\t/g, '        ');
    const tree = new MemoryTree({ 'f.c': BASE });
    assert.deepEqual(lines(applyPatches(tree, input(mangled))), [
      'f.c: hunk 1/1 @@ -9,7 +9,8 @@: applied at line 9 (whitespace repaired)',
    ]);
    assert.equal(tree.read('f.c'), EDITED);
  });

  it('explains a hunk that does not fit: which line, and the closest place it looked', () => {
    const other = BASE.replace('\t\tr += b;', '\t\tr -= b;').replace('\t\tr = helper(a);', '\t\tr = helper(a, b);');
    const plan = planPatches(new MemoryTree({ 'f.c': other }), input(PATCH));
    assert.deepEqual(lines(plan), [
      'f.c: hunk 1/1 @@ -9,7 +9,8 @@: failed: context line 3 of 7 (patch line 7) "r = helper(a);" does not match; ' +
        'closest place is line 9 (5 of 7 lines match), where line 11 reads "r = helper(a, b);"',
    ]);
    assert.equal(plan.ok, false);
  });

  it('recognises a hunk that the tree already has', () => {
    const plan = planPatches(new MemoryTree({ 'f.c': EDITED }), input(PATCH));
    assert.deepEqual(lines(plan), ['f.c: hunk 1/1 @@ -9,7 +9,8 @@: failed: already applied? its new text is at line 9']);
  });

  it('applies a pure insertion (no context) after the stated line', () => {
    const text = '--- a/f.c\n+++ b/f.c\n@@ -5,0 +6,1 @@\n+/* inserted */\n';
    const tree = new MemoryTree({ 'f.c': BASE });
    assert.deepEqual(lines(applyPatches(tree, input(text))), ['f.c: hunk 1/1 @@ -5,0 +6 @@: applied at line 6']);
    assert.equal(tree.read('f.c')!.split('\n')[5], '/* inserted */');
  });

  it('honours "\\ No newline at end of file" on both sides', () => {
    const tree = new MemoryTree({ 'n.txt': 'a\nb' });
    const add = createTwoFilesPatch('a/n.txt', 'b/n.txt', 'a\nb', 'a\nb\nc\n');
    applyPatches(tree, input(add));
    assert.equal(tree.read('n.txt'), 'a\nb\nc\n');
    const drop = createTwoFilesPatch('a/n.txt', 'b/n.txt', 'a\nb\nc\n', 'a\nb\nC');
    applyPatches(tree, input(drop));
    assert.equal(tree.read('n.txt'), 'a\nb\nC');
  });

  it('keeps the newline of the line that becomes last when a hunk removes the unterminated last line (found by fuzzing)', () => {
    const tree = new MemoryTree({ 'n.txt': '{\n{' });
    applyPatches(tree, input(createTwoFilesPatch('a/n.txt', 'b/n.txt', '{\n{', '{\n', '', '', { context: 0 })));
    assert.equal(tree.read('n.txt'), '{\n');
    const withContext = new MemoryTree({ 'n.txt': 'a\nb\nc' });
    applyPatches(withContext, input(createTwoFilesPatch('a/n.txt', 'b/n.txt', 'a\nb\nc', 'a\nb\n')));
    assert.equal(withContext.read('n.txt'), 'a\nb\n');
  });

  it('reproduces the new text exactly for patches the diff package makes (100 random edits)', () => {
    const seedText = fs.readFileSync(path.join(findRepoRoot(__dirname)!, 'test', 'fixtures', 'patch', 'seed-tree', 'fs', 'read_write.c'), 'utf8');
    let state = 12345;
    const rand = (n: number) => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state % n;
    };
    for (let round = 0; round < 100; round++) {
      const ls = seedText.split('\n');
      for (let e = 0; e < 1 + rand(6); e++) {
        const at = rand(ls.length - 1);
        const op = rand(3);
        if (op === 0) ls.splice(at, 1);
        else if (op === 1) ls.splice(at, 0, `\t/* edit ${round}.${e} */`);
        else ls[at] = `${ls[at]} /* changed ${round}.${e} */`;
      }
      const edited = ls.join('\n');
      const tree = new MemoryTree({ 'fs/read_write.c': seedText });
      const plan = applyPatches(tree, input(createPatch('x/fs/read_write.c', seedText, edited)));
      assert.equal(plan.ok, true, `round ${round}: ${lines(plan).join('\n')}`);
      assert.equal(tree.read('fs/read_write.c'), edited, `round ${round}`);
      assert.equal(plan.summary.whitespaceRepaired, 0, `round ${round}`);
    }
  });
});

describe('patch application: re-indenting lines the archive flattened', () => {
  it('re-indents a new C file by braces, control statements, labels, continuations and comments', () => {
    const flat = [
      '/*',
      ' * demo',
      ' */',
      '#include <linux/kernel.h>',
      '',
      'static int demo(int a, int b)',
      '{',
      ' int err = 0;',
      '',
      ' if (a)',
      ' return 1;',
      ' else if (b &&',
      ' a == b)',
      ' goto out;',
      ' switch (a) {',
      ' case 1:',
      ' err = 2;',
      ' break;',
      ' default:',
      ' err = call(a, b,',
      ' 3);',
      ' }',
      ' /* done: note',
      ' over two lines */',
      ' err++;',
      'out:',
      ' return err;',
      '}',
    ];
    const text = `--- /dev/null\n+++ b/demo.c\n@@ -0,0 +1,${flat.length} @@\n${flat.map((l) => '+' + l).join('\n')}\n`;
    const tree = new MemoryTree();
    const plan = applyPatches(tree, input(text));
    assert.deepEqual(lines(plan), ['demo.c: hunk 1/1 @@ -0,0 +1,28 @@: created (whitespace repaired)']);
    assert.equal(
      tree.read('demo.c'),
      [
        '/*',
        ' * demo',
        ' */',
        '#include <linux/kernel.h>',
        '',
        'static int demo(int a, int b)',
        '{',
        '\tint err = 0;',
        '',
        '\tif (a)',
        '\t\treturn 1;',
        '\telse if (b &&',
        '\t\t a == b)',
        '\t\tgoto out;',
        '\tswitch (a) {',
        '\tcase 1:',
        '\t\terr = 2;',
        '\t\tbreak;',
        '\tdefault:',
        '\t\terr = call(a, b,',
        '\t\t\t   3);',
        '\t}',
        '\t/* done: note',
        '\t   over two lines */',
        '\terr++;',
        'out:',
        '\treturn err;',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('leaves a new file alone when its indentation survived', () => {
    const text = '--- /dev/null\n+++ b/ok.c\n@@ -0,0 +1,4 @@\n+int f(void)\n+{\n+\treturn 0;\n+}\n';
    const tree = new MemoryTree();
    assert.deepEqual(lines(applyPatches(tree, input(text))), ['ok.c: hunk 1/1 @@ -0,0 +1,4 @@: created']);
    assert.equal(tree.read('ok.c'), 'int f(void)\n{\n\treturn 0;\n}\n');
  });

  it('does not touch added lines whose context matched exactly and that kept their tabs', () => {
    const odd = BASE.replace('\t\tr += b;\n', '\t\tr += b;\n\t\t\tr *= 2; /* deliberately deep */\n');
    const tree = new MemoryTree({ 'f.c': BASE });
    applyPatches(tree, input(createTwoFilesPatch('a/f.c', 'b/f.c', BASE, odd)));
    assert.equal(tree.read('f.c'), odd);
  });
});

describe('patch application: refusals and all-or-nothing', () => {
  const twoFiles = (second: string) =>
    createTwoFilesPatch('a/f.c', 'b/f.c', BASE, EDITED) + createTwoFilesPatch('a/g.c', 'b/g.c', second, second.replace('x', 'y'));

  it('writes nothing when one hunk of one file fails, and says so', () => {
    const tree = new MemoryTree({ 'f.c': BASE, 'g.c': 'q\nq\nq\n' });
    const plan = applyPatches(tree, input(twoFiles('a\nx\nb\n')));
    assert.equal(plan.ok, false);
    assert.equal(plan.written, false);
    assert.equal(tree.read('f.c'), BASE);
    assert.equal(tree.read('g.c'), 'q\nq\nq\n');
    assert.deepEqual(lines(plan), [
      'f.c: hunk 1/1 @@ -9,7 +9,8 @@: applied at line 9',
      'g.c: hunk 1/1 @@ -1,3 +1,3 @@: failed: context line 1 of 3 (patch line 17) "a" does not match; closest place is line 1 (0 of 3 lines match), where line 1 reads "q"',
    ]);
  });

  it('refuses to create a file that exists', () => {
    const text = '--- /dev/null\n+++ b/f.c\n@@ -0,0 +1 @@\n+new\n';
    const tree = new MemoryTree({ 'f.c': BASE });
    const plan = applyPatches(tree, input(text));
    assert.deepEqual(lines(plan), ['f.c: hunk 1/1 @@ -0,0 +1 @@: refused: refusing to create f.c: it already exists']);
    assert.equal(tree.read('f.c'), BASE);
  });

  it('refuses to patch or delete a file that does not exist', () => {
    const tree = new MemoryTree({ 'f.c': BASE });
    assert.deepEqual(lines(planPatches(tree, input('--- a/nope.c\n+++ b/nope.c\n@@ -1 +1 @@\n-a\n+b\n'))), [
      'nope.c: hunk 1/1 @@ -1 +1 @@: refused: refusing to patch nope.c: no such file in <memory>',
    ]);
    assert.deepEqual(lines(planPatches(tree, input('--- a/nope.c\n+++ /dev/null\n@@ -1 +0,0 @@\n-a\n'))), [
      'nope.c: hunk 1/1 @@ -1 +0,0 @@: refused: refusing to delete nope.c: no such file in <memory>',
    ]);
  });

  it('deletes a file whose whole text the patch removes', () => {
    const tree = new MemoryTree({ 'f.c': BASE, 'g.c': 'one\ntwo\n' });
    const plan = applyPatches(tree, input('--- a/g.c\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-one\n-two\n'));
    assert.equal(plan.ok, true);
    assert.equal(tree.read('g.c'), undefined);
  });

  it('refuses paths that climb out of the tree, by name and hunk', () => {
    const tree = new MemoryTree({ 'f.c': BASE });
    assert.deepEqual(lines(planPatches(tree, input('--- a/../evil.c\n+++ b/../evil.c\n@@ -1 +1 @@\n-a\n+b\n'))), [
      "../evil.c: hunk 1/1 @@ -1 +1 @@: refused: refusing ../evil.c: '../evil.c' climbs out of the tree ('..')",
    ]);
    assert.deepEqual(lines(planPatches(tree, input('--- /dev/null\n+++ /etc/evil\n@@ -0,0 +1 @@\n+x\n', { strip: 0 }))), [
      "/etc/evil: hunk 1/1 @@ -0,0 +1 @@: refused: refusing /etc/evil: '/etc/evil' is an absolute path",
    ]);
    // found by fuzzing: "b/." normalised to the empty path, the tree itself
    assert.deepEqual(lines(planPatches(tree, input('--- /dev/null\n+++ b/.\n@@ -0,0 +1 @@\n+x\n'))), [
      ".: hunk 1/1 @@ -0,0 +1 @@: refused: refusing '.': it names the tree itself, not a file in it",
    ]);
    // -p1 does not turn an absolute name into a relative one
    assert.deepEqual(lines(planPatches(tree, input('--- /dev/null\n+++ /etc/passwd\n@@ -0,0 +1 @@\n+x\n'))), [
      "/etc/passwd: hunk 1/1 @@ -0,0 +1 @@: refused: refusing /etc/passwd: '/etc/passwd' is an absolute path",
    ]);
  });

  it('refuses to write through a symlink in the tree that points outside it', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'iolock-patch-'));
    try {
      const treeDir = path.join(tmp, 'tree');
      const outside = path.join(tmp, 'outside');
      fs.mkdirSync(treeDir);
      fs.mkdirSync(outside);
      fs.writeFileSync(path.join(outside, 'x.c'), 'a\n');
      fs.symlinkSync(outside, path.join(treeDir, 'link'));
      const tree = new DiskTree(treeDir);
      const plan = applyPatches(tree, input('--- a/link/x.c\n+++ b/link/x.c\n@@ -1 +1 @@\n-a\n+b\n'));
      assert.deepEqual(lines(plan), [
        `link/x.c: hunk 1/1 @@ -1 +1 @@: refused: refusing link/x.c: 'link' is a symlink to ${fs.realpathSync(outside)}, outside the tree`,
      ]);
      assert.equal(fs.readFileSync(path.join(outside, 'x.c'), 'utf8'), 'a\n');
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('applies later file patches to what earlier ones left, and skips the rest of a series after a failure', () => {
    const first = '--- /dev/null\n+++ b/n.c\n@@ -0,0 +1,2 @@\n+one\n+two\n';
    const second = '--- a/n.c\n+++ b/n.c\n@@ -1,2 +1,2 @@\n one\n-two\n+TWO\n';
    const tree = new MemoryTree();
    const ok = applyPatches(tree, [...input(first, { source: '1.patch' }), ...input(second, { source: '2.patch' })]);
    assert.equal(ok.ok, true);
    assert.equal(tree.read('n.c'), 'one\nTWO\n');
    const bad = planPatches(new MemoryTree(), [
      ...input(second, { source: '2.patch' }),
      ...input(first, { source: '1.patch' }),
    ]);
    assert.deepEqual(
      bad.patches.map((p) => p.status),
      ['refused', 'skipped'],
    );
    assert.deepEqual(lines(bad)[1], 'n.c: hunk 1/1 @@ -0,0 +1,2 @@: skipped: an earlier patch did not apply');
  });
});
