import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import * as fc from 'fast-check';
import {
  copyTree,
  DiskTree,
  extractPatches,
  findRepoRoot,
  formatPlan,
  loadTree,
  MemoryTree,
  normalizeRelPath,
  parseSeries,
  planPatches,
  unsafePathReason,
  writeChanges,
} from '../../../src/core/patch';
import { seedMailPath } from '../../../src/core/policies';
import { expectUserError } from '../expect';
import { mutatedText } from '../mutate';
import type { PropertyTable } from '../worker';

const root = findRepoRoot(__dirname) as string;
const MAIL = 'fuzz.mail';

/** Paths a patch header may name: the seed tree's files, new ones, and every way out we know of. */
const HOSTILE_PATHS = [
  'a/../../etc/passwd',
  '/etc/passwd',
  'b/../x',
  '"a/\\056\\056/\\056\\056/etc/x"',
  '"b/fs/\\000x"',
  'a/fs/\0nul',
  'C:\\windows\\x',
  'a\\..\\..\\x',
  'a//..//x',
  'a/fs/../../x',
  'a/.',
  'a/./fs/read_write.c',
  'a/fs/read_write.c/',
  'a/ ',
  '..',
  'a/..',
  '~/x',
  'a/link/x',
  'a/abs/x',
];
const NORMAL_PATHS = ['a/fs/read_write.c', 'b/fs/read_write.c', 'a/fs/Makefile', 'b/include/linux/fs.h', 'a/fs/new.c', 'b/fs/new.c', '/dev/null', 'fs/x.c'];
const pathArb = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...NORMAL_PATHS) }, { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_PATHS) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });

const wordArb = fc.constantFrom('int', 'x', '{', '}', 'return', ';', 'ret = vfs_read(file, buf);', '\t', '  ', 'if (!ret)', 'obj-y := open.o', '#include <linux/fs.h>', '');
const textArb = fc.oneof({ weight: 4, arbitrary: fc.array(wordArb, { maxLength: 5 }).map((w) => w.join(' ')) }, { weight: 1, arbitrary: fc.string({ maxLength: 20, unit: 'binary' }) });
const countArb = fc.oneof({ weight: 6, arbitrary: fc.nat(6) }, { weight: 1, arbitrary: fc.constantFrom(0, 1, 2147483647, 4294967296, 9007199254740993) });

/** One line that could appear in a mail with patches, valid or not. */
const mailLineArb: fc.Arbitrary<string> = fc.oneof(
  pathArb.map((p) => `--- ${p}`),
  pathArb.map((p) => `+++ ${p}`),
  fc.tuple(pathArb, pathArb).map(([a, b]) => `diff --git ${a} ${b}`),
  fc.tuple(countArb, countArb, countArb, countArb, fc.constantFrom('', ' vfs_read', '@@', ',')).map(([a, b, c, d, s]) => `@@ -${a},${b} +${c},${d} @@${s}`),
  fc.constantFrom('@@ -1 +1 @@', '@@ -0,0 +0,0 @@', '@@', '@@ -x,1 +1,1 @@', '@@ -1,1 +1,1', '\\ No newline at end of file', 'new file mode 100644', 'deleted file mode 100644', 'similarity index 90%', 'index 83db48f..bf269f4 100644', 'Binary files a/x and b/x differ', 'GIT binary patch', 'copy from x', 'Index: fs/read_write.c', '===================================================================', 'From abc Mon Sep 17 00:00:00 2001', 'Subject: [PATCH] vfs: iolock', 'To unsubscribe from this list: send the line', '-- ', '> quoted', ''),
  pathArb.map((p) => `rename from ${p}`),
  pathArb.map((p) => `rename to ${p}`),
  textArb.map((t) => `+${t}`),
  textArb.map((t) => `-${t}`),
  textArb.map((t) => ` ${t}`),
  textArb,
);

/** A file patch whose hunk bodies agree with their headers, so that extraction gets past them to applying. */
const wellFormedFileArb = fc
  .tuple(pathArb, pathArb, fc.array(fc.tuple(fc.nat(400), fc.array(fc.tuple(fc.constantFrom(' ', '-', '+', ''), textArb), { minLength: 1, maxLength: 8 })), { minLength: 1, maxLength: 3 }))
  .map(([a, b, hunks]) => {
    const out = [`--- ${a}`, `+++ ${b}`];
    for (const [start, lines] of hunks) {
      const old = lines.filter(([k]) => k !== '+').length;
      const nu = lines.filter(([k]) => k !== '-').length;
      if (old === 0 && nu === 0) continue;
      out.push(`@@ -${start},${old} +${start},${nu} @@`, ...lines.map(([k, t]) => k + t));
    }
    return out.join('\n');
  });

const mailArb = fc.oneof(
  fc.array(mailLineArb, { maxLength: 40 }).map((ls) => ls.join('\n')),
  fc.array(fc.oneof(wellFormedFileArb, mailLineArb), { minLength: 1, maxLength: 4 }).map((ps) => ps.join('\n')),
  fc.string({ maxLength: 400, unit: 'binary' }),
);

let seedTree: MemoryTree | undefined;
let seedMail = '';

/** Every change a plan would write stays a plain tree-relative path. */
function assertSafeChanges(changes: ReadonlyMap<string, string | null>): void {
  for (const p of changes.keys()) {
    assert.equal(unsafePathReason(p), undefined, `the plan writes an unsafe path '${p}'`);
    assert.equal(normalizeRelPath(p), p, `the plan writes a path that is not normal: '${p}'`);
  }
}

/** Extract and plan one mail against a tree: a report or a positioned UserError, and nothing written outside. */
function checkMail(text: string, tree: MemoryTree, strip = 1): void {
  let files;
  try {
    files = extractPatches(text, MAIL, { strip });
  } catch (e) {
    expectUserError(e, new Map([[MAIL, text]]));
    return;
  }
  const plan = planPatches(tree, [{ source: MAIL, files }]);
  assertSafeChanges(plan.changes);
  formatPlan(plan, { written: false });
  JSON.stringify(plan.patches);
  if (plan.ok) writeChanges(new MemoryTree(tree.files), plan.changes);
}

/** Text from a small alphabet of lines, so that diffs have context and repeated lines to confuse the locator. */
const fileLinesArb = fc.array(fc.constantFrom('{', '}', '\tint x;', '\treturn 0;', 'int f(void)', '', 'a', 'b', '\t\tx++;', '/* c */'), { maxLength: 30 });
const editArb = fc.array(fc.tuple(fc.nat(), fc.constantFrom('delete', 'insert', 'replace'), fc.constantFrom('\tnew();', 'added', '\tint y;', '}', '')), { minLength: 1, maxLength: 5 });

function applyEdits(lines: string[], edits: [number, string, string][]): string[] {
  const out = [...lines];
  for (const [at, op, text] of edits) {
    const i = out.length ? at % (out.length + (op === 'insert' ? 1 : 0)) : 0;
    if (op === 'insert' || out.length === 0) out.splice(i, 0, text);
    else if (op === 'delete') out.splice(i, 1);
    else out[i] = text;
  }
  return out;
}

/** Every path under `dir` (symlinks not followed) except those under `skip`, with file sizes. */
function listing(dir: string, skip: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (p === skip) continue;
      if (e.isDirectory()) walk(p);
      else out.push(`${p} ${e.isFile() ? fs.statSync(p).size : 'link'}`);
    }
  };
  walk(dir);
  return out.sort();
}

export const properties: PropertyTable = {
  'patch: random mails extract to file patches or a positioned error, and plans write only safe paths': {
    setup: async () => {
      seedTree = loadTree(path.join(root, 'test', 'fixtures', 'patch', 'seed-tree'));
    },
    arb: fc.tuple(mailArb, fc.nat(3)),
    check: ([text, strip]: [string, number]) => checkMail(text, seedTree as MemoryTree, strip),
    show: ([text, strip]: [string, number]) => `-p${strip}\n${text}`,
  },

  'patch: the seed mail mutated still extracts and applies, or fails with a position': {
    setup: async () => {
      seedTree = loadTree(path.join(root, 'test', 'fixtures', 'patch', 'seed-tree'));
      seedMail = fs.readFileSync(seedMailPath(), 'utf8');
      // the unmutated seed is the baseline the mutations start from: it must apply in full
      const plan = planPatches(seedTree, [{ source: MAIL, files: extractPatches(seedMail, MAIL) }]);
      assert.ok(plan.ok, 'the seed mail applies to the seed tree');
    },
    arb: fc.constant(null).chain(() => mutatedText(seedMail, mailLineArb, 8)),
    check: (text: string) => checkMail(text, seedTree as MemoryTree),
    show: (text: string) => text,
  },

  'patch: a unified diff made by jsdiff applies back exactly (round trip)': {
    arb: fc.tuple(fileLinesArb, editArb, fc.boolean(), fc.nat(3)),
    check: ([lines, edits, finalNewline, context]: [string[], [number, string, string][], boolean, number]) => {
      const before = lines.join('\n') + (finalNewline && lines.length ? '\n' : '');
      const after = applyEdits(lines, edits).join('\n') + (finalNewline ? '\n' : '');
      if (before === after) return;
      const text = createTwoFilesPatch('a/f.c', 'b/f.c', before, after, '', '', { context });
      const tree = new MemoryTree({ 'f.c': before });
      const files = extractPatches(text, MAIL);
      const plan = planPatches(tree, [{ source: MAIL, files }]);
      const report = formatPlan(plan, { written: false }).join('\n');
      assert.ok(plan.ok, `did not apply:\n${report}\n${text}`);
      writeChanges(tree, plan.changes);
      // A flat added line inside an indented block is re-indented on purpose (the archive's damage, see
      // docs/patch-engine.md) and reported so; then only the indentation may differ.
      const repaired = plan.summary.whitespaceRepaired > 0;
      const norm = (s: string) => (repaired ? s.split('\n').map((l) => l.trimStart()).join('\n') : s);
      assert.equal(norm(tree.read('f.c') ?? ''), norm(after), `patched text differs\n${report}\n${text}`);
    },
    show: ([lines, edits, finalNewline, context]) => JSON.stringify({ lines, edits, finalNewline, context }),
  },

  'patch: quilt series lines parse to safe names or an error at line:col': {
    arb: fc.array(fc.oneof(pathArb, fc.tuple(pathArb, fc.constantFrom('-p1', '-p 0', '-p', '-px', '# c', '-p99999999999999999999')).map(([p, o]) => `${p} ${o}`), fc.string({ maxLength: 10 })), { maxLength: 12 }).map((ls) => ls.join('\n')),
    check: (text: string) => {
      try {
        for (const e of parseSeries(text, 'series')) {
          assert.equal(unsafePathReason(e.name), undefined, `series entry '${e.name}' is unsafe`);
          assert.ok(e.strip === undefined || Number.isSafeInteger(e.strip), `strip ${e.strip}`);
        }
      } catch (e) {
        expectUserError(e, new Map([['series', text]]));
      }
    },
    show: (text: string) => text,
  },

  'patch: applying to a tree on disk never writes outside it, through .. or a symlink': {
    arb: fc.array(wellFormedFileArb, { minLength: 1, maxLength: 3 }).map((ps) => ps.join('\n')),
    check: (text: string) => {
      // deep enough that a '..' escape lands in `base`, where the listing below would see it
      const base = fs.mkdtempSync(path.join(os.tmpdir(), 'iolock-fuzz-disk-'));
      try {
        const outside = path.join(base, 'outside');
        const tree = path.join(base, 'd1', 'd2', 'd3', 'tree');
        fs.mkdirSync(outside);
        fs.mkdirSync(path.join(tree, 'fs'), { recursive: true });
        fs.writeFileSync(path.join(tree, 'fs', 'read_write.c'), 'int x;\nret = vfs_read(file, buf);\n');
        fs.symlinkSync(outside, path.join(tree, 'link'));
        fs.symlinkSync(path.join(base, 'd1'), path.join(tree, 'abs'));
        const copy = path.join(base, 'd1', 'd2', 'd3', 'copy');
        copyTree(tree, copy);
        const before = listing(base, copy);
        let files;
        try {
          files = extractPatches(text, MAIL);
        } catch (e) {
          expectUserError(e, new Map([[MAIL, text]]));
          return;
        }
        const disk = new DiskTree(copy);
        const plan = planPatches(disk, [{ source: MAIL, files }]);
        assertSafeChanges(plan.changes);
        if (plan.ok) {
          try {
            writeChanges(disk, plan.changes);
          } catch (e) {
            expectUserError(e);
          }
        }
        assert.deepEqual(listing(base, copy), before, 'a file was written outside the tree');
      } finally {
        fs.rmSync(base, { recursive: true, force: true });
      }
    },
    show: (text: string) => text,
  },
};
