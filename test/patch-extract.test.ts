import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../src/core/diagnostics';
import { extractPatches, findRepoRoot, hunkPlace, hunkRange, type FilePatch, type Hunk } from '../src/core/patch';
import { seedMailPath } from '../src/core/policies';

const root = findRepoRoot(__dirname)!;
const SEED = seedMailPath();
const FIX = path.join(root, 'test', 'fixtures', 'patch');

/** Hunk lines as the diff would print them, prefix and text, to compare whole hunks at a glance. */
function shown(h: Hunk): string[] {
  return h.lines.map((l) => l.kind + l.text);
}

function extractError(text: string, file = 'bad.patch'): string {
  try {
    extractPatches(text, file);
  } catch (e) {
    assert.ok(e instanceof UserError, `expected a UserError, got ${String(e)}`);
    return e.message;
  }
  assert.fail('expected extraction to fail');
}

describe('patch extraction: the seed mail as archived', () => {
  let files: FilePatch[];
  before(() => {
    files = extractPatches(fs.readFileSync(SEED, 'utf8'), SEED);
  });

  it('finds 5 files and 7 hunks, with the paths after -p1 and the headers where the mail has them', () => {
    assert.deepEqual(
      files.map((f) => [f.oldPath, f.newPath, f.isNew, f.isDelete, f.source.line]),
      [
        ['/dev/null', 'fs/iolock.c', true, false, 42],
        ['fs/read_write.c', 'fs/read_write.c', false, false, 135],
        ['/dev/null', 'include/linux/iolock.h', true, false, 191],
        ['fs/Makefile', 'fs/Makefile', false, false, 207],
        ['include/linux/fs.h', 'include/linux/fs.h', false, false, 220],
      ],
    );
    const hunks = files.flatMap((f) => f.hunks.map((h) => [f.newPath, hunkRange(h), h.headerLine, h.lines.length]));
    assert.deepEqual(hunks, [
      ['fs/iolock.c', '@@ -0,0 +1,88 @@', 44, 88],
      ['fs/read_write.c', '@@ -14,6 +14,7 @@', 137, 7],
      ['fs/read_write.c', '@@ -247,14 +248,21 @@', 145, 21],
      ['fs/read_write.c', '@@ -298,14 +306,21 @@', 167, 21],
      ['include/linux/iolock.h', '@@ -0,0 +1,11 @@', 193, 11],
      ['fs/Makefile', '@@ -10,7 +10,7 @@', 209, 8],
      ['include/linux/fs.h', '@@ -334,6 +334,8 @@', 222, 8],
    ]);
  });

  it('satisfies every hunk header count exactly, and the totals match the diffstat (117 insertions, 1 deletion)', () => {
    let added = 0;
    let removed = 0;
    for (const h of files.flatMap((f) => f.hunks)) {
      const count = (k: string) => h.lines.filter((l) => l.kind === k).length;
      assert.equal(count(' ') + count('-'), h.oldCount);
      assert.equal(count(' ') + count('+'), h.newCount);
      added += count('+');
      removed += count('-');
    }
    assert.equal(added, 117);
    assert.equal(removed, 1);
  });

  it('takes the subject from the in-body [PATCH] line and names hunks by their function', () => {
    assert.ok(files.every((f) => f.subject === '[PATCH] vfs: iolock'));
    assert.deepEqual(
      files.flatMap((f) => f.hunks.map(hunkPlace)),
      ['', '', 'vfs_read', 'vfs_write', '', 'obj-y', 'struct address_space_operations'],
    );
  });

  it('recovers the include hunk of fs/read_write.c, whose blank context line is an empty line', () => {
    assert.deepEqual(shown(files[1]!.hunks[0]!), [
      ' #include <linux/security.h>',
      ' #include <linux/module.h>',
      ' #include <linux/syscalls.h>',
      '+#include <linux/iolock.h>',
      ' ',
      ' #include <asm/uaccess.h>',
      ' #include <asm/unistd.h>',
    ]);
  });

  it('recovers the vfs_read hunk: unprefixed lines are context, "+ " lines are added', () => {
    assert.deepEqual(shown(files[1]!.hunks[1]!), [
      ' if (!ret) {',
      ' ret = security_file_permission (file, MAY_READ);',
      ' if (!ret) {',
      '+ struct iolock * iolock = iolock_region(buf, count);',
      '+ if (IS_ERR(iolock)) {',
      '+ ret = PTR_ERR(iolock);',
      '+ goto out;',
      '+ }',
      ' if (file->f_op->read)',
      ' ret = file->f_op->read(file, buf, count, pos);',
      ' else',
      ' ret = do_sync_read(file, buf, count, pos);',
      '+ iolock_release(iolock);',
      ' if (ret > 0) {',
      ' fsnotify_access(file->f_dentry);',
      ' current->rchar += ret;',
      ' }',
      '+ out:',
      ' current->syscr++;',
      ' }',
      ' }',
    ]);
  });

  it('recovers the vfs_write hunk the same way', () => {
    const h = shown(files[1]!.hunks[2]!);
    assert.equal(h.length, 21);
    assert.deepEqual(h.slice(0, 4), [
      ' if (!ret) {',
      ' ret = security_file_permission (file, MAY_WRITE);',
      ' if (!ret) {',
      '+ struct iolock * iolock = iolock_region(buf, count);',
    ]);
    assert.deepEqual(h.slice(-4), ['+ out:', ' current->syscw++;', ' }', ' }']);
    assert.equal(h.filter((l) => l.startsWith('+')).length, 7);
  });

  it('recovers the fs/Makefile hunk: "- ioprio.o" is the removed line, the obj- lines after the blank are context', () => {
    assert.deepEqual(shown(files[3]!.hunks[0]!), [
      ' ioctl.o readdir.o select.o fifo.o locks.o dcache.o inode.o \\',
      ' attr.o bad_inode.o file.o filesystems.o namespace.o aio.o \\',
      ' seq_file.o xattr.o libfs.o fs-writeback.o mpage.o direct-io.o \\',
      '- ioprio.o',
      '+ ioprio.o iolock.o',
      ' ',
      ' obj-$(CONFIG_INOTIFY) += inotify.o',
      ' obj-$(CONFIG_EPOLL) += eventpoll.o',
    ]);
  });

  it('recovers the include/linux/fs.h hunk and stops before the "-" signature line that follows it', () => {
    assert.deepEqual(shown(files[4]!.hunks[0]!), [
      ' loff_t offset, unsigned long nr_segs);',
      ' struct page* (*get_xip_page)(struct address_space *, sector_t,',
      ' int);',
      '+ int (*iolock_acquire)(struct file **, unsigned long);',
      '+ void (*iolock_release)(struct file **, unsigned long);',
      ' };',
      ' ',
      ' struct backing_dev_info;',
    ]);
  });

  it('recovers the two new files line by line, with their flattened indentation as the mail has it', () => {
    const c = shown(files[0]!.hunks[0]!);
    assert.ok(c.every((l) => l.startsWith('+')));
    assert.equal(c[0], '+/*');
    assert.equal(c[18], '+ struct address_space *mapping;');
    assert.equal(c[87], '+}');
    assert.deepEqual(shown(files[2]!.hunks[0]!), [
      '+#ifndef __LINUX_IOLOCK_H',
      '+#define __LINUX_IOLOCK_H',
      '+',
      '+#include <linux/kernel.h>',
      '+',
      '+struct iolock;',
      '+',
      '+struct iolock *iolock_region(const char __user *buf, size_t count);',
      '+void iolock_release(struct iolock *lock);',
      '+',
      '+#endif',
    ]);
  });

  it('records each hunk line\'s line in the mail', () => {
    const h = files[1]!.hunks[1]!;
    assert.deepEqual(
      h.lines.slice(0, 3).map((l) => l.mailLine),
      [146, 147, 148],
    );
  });
});

describe('patch extraction: other shapes of input', () => {
  it('reads a git format-patch file: diff --git, index, new file mode, the "-- " signature', () => {
    const file = path.join(FIX, '0001-fs-count-reads-in-one-helper.patch');
    const files = extractPatches(fs.readFileSync(file, 'utf8'), file);
    assert.deepEqual(
      files.map((f) => [f.oldPath, f.newPath, f.isNew, f.hunks.length, f.subject]),
      [
        ['fs/read_write.c', 'fs/read_write.c', false, 1, '[PATCH] fs: count reads in one helper'],
        ['/dev/null', 'fs/rwcount.c', true, 1, '[PATCH] fs: count reads in one helper'],
      ],
    );
    assert.deepEqual(shown(files[1]!.hunks[0]!), [
      '+#include <linux/sched.h>',
      '+',
      '+void rwcount_read(struct task_struct *tsk, ssize_t n)',
      '+{',
      '+\ttsk->rchar += n;',
      '+}',
    ]);
    assert.equal(files[0]!.hunks[0]!.section, 'ssize_t vfs_read(struct file *file, char __user *buf, size_t count, loff_t *pos)');
  });

  it('reads every patch of a mailbox in order, each with its own subject', () => {
    const file = path.join(FIX, 'two-patches.mbox');
    const files = extractPatches(fs.readFileSync(file, 'utf8'), file);
    assert.deepEqual(
      files.map((f) => [f.newPath, f.isNew, f.subject]),
      [
        ['fs/read_write.c', false, '[PATCH 1/2] fs: count reads in one helper'],
        ['fs/rwcount.c', true, '[PATCH 1/2] fs: count reads in one helper'],
        ['fs/read_write.c', false, '[PATCH 2/2] fs: count writes too'],
        ['fs/rwcount.c', false, '[PATCH 2/2] fs: count writes too'],
      ],
    );
  });

  it('reads diff -urN headers with timestamps, and a timestamp whose tab the archive turned into a space', () => {
    const text = [
      'diff -urN a/fs/x.c b/fs/x.c',
      '--- a/fs/x.c\t2005-08-11 11:00:00.000000000 +0300',
      '+++ b/fs/x.c 2005-08-11 11:00:00.000000000 +0300',
      '@@ -1 +1 @@',
      '-a',
      '+b',
    ].join('\n');
    const [f] = extractPatches(text, 'x.patch');
    assert.equal(f!.oldPath, 'fs/x.c');
    assert.equal(f!.newPath, 'fs/x.c');
    assert.deepEqual(shown(f!.hunks[0]!), ['-a', '+b']);
  });

  it('skips a patch quoted in a reply and takes only the real one', () => {
    const text = [
      'On Thu, someone wrote:',
      '> --- a/fs/x.c',
      '> +++ b/fs/x.c',
      '> @@ -1 +1 @@',
      '> -a',
      '> +b',
      '',
      'Better like this:',
      '',
      '--- a/fs/y.c',
      '+++ b/fs/y.c',
      '@@ -1,2 +1,2 @@',
      ' keep',
      '-old',
      '+new',
    ].join('\n');
    const files = extractPatches(text, 'reply.txt');
    assert.deepEqual(files.map((f) => f.newPath), ['fs/y.c']);
  });

  it('honours -p0 and -p2', () => {
    const text = '--- x/y/z.c\n+++ x/y/z.c\n@@ -1 +1 @@\n-a\n+b\n';
    assert.equal(extractPatches(text, 'p', { strip: 0 })[0]!.newPath, 'x/y/z.c');
    assert.equal(extractPatches(text, 'p', { strip: 2 })[0]!.newPath, 'z.c');
  });

  it('keeps "\\ No newline at end of file" as a mark on the line before it', () => {
    const text = '--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+a\n';
    const h = extractPatches(text, 'p')[0]!.hunks[0]!;
    assert.deepEqual(
      h.lines.map((l) => [l.kind, l.text, l.noNewline ?? false]),
      [
        ['-', 'a', true],
        ['+', 'a', false],
      ],
    );
  });

  it('reads a git rename without hunks', () => {
    const text = 'diff --git a/fs/old.c b/fs/new.c\nsimilarity index 100%\nrename from fs/old.c\nrename to fs/new.c\n';
    const [f] = extractPatches(text, 'r.patch');
    assert.deepEqual([f!.oldPath, f!.newPath, f!.isRename, f!.hunks.length], ['fs/old.c', 'fs/new.c', true, 0]);
  });
});

describe('patch extraction: malformed input is reported at file:line:col', () => {
  it('a bad @@ header, at the column where it goes wrong', () => {
    assert.equal(
      extractError('--- a/f.c\n+++ b/f.c\n@@ -1,x +1,2 @@\n a\n'),
      "bad.patch:3:7: malformed hunk header '@@ -1,x +1,2 @@': expected a line count after ','",
    );
    assert.equal(
      extractError('--- a/f.c\n+++ b/f.c\n@@ -1,2 1,2 @@\n a\n'),
      "bad.patch:3:9: malformed hunk header '@@ -1,2 1,2 @@': expected '+' to start the new range",
    );
  });

  it('a hunk cut off by the end of the file', () => {
    assert.equal(
      extractError('--- a/f.c\n+++ b/f.c\n@@ -1,3 +1,3 @@\n a\n-b\n+c\n'),
      'bad.patch:7:1: hunk @@ -1,3 +1,3 @@ (line 3) ends early at the end of the file: got 2 of 3 old and 2 of 3 new lines',
    );
  });

  it('a hunk cut off by the next file header', () => {
    const text = '--- a/f.c\n+++ b/f.c\n@@ -1,3 +1,3 @@\n a\n-b\n+c\ndiff --git a/g.c b/g.c\n--- a/g.c\n+++ b/g.c\n@@ -1 +1 @@\n-x\n+y\n';
    assert.equal(
      extractError(text),
      'bad.patch:7:1: hunk @@ -1,3 +1,3 @@ (line 3) ends early at the next file header: got 2 of 3 old and 2 of 3 new lines',
    );
  });

  it('a line that the counts have no room for', () => {
    assert.equal(
      extractError('--- a/f.c\n+++ b/f.c\n@@ -1,2 +1,3 @@\n a\n-b\n-c\n+d\n'),
      'bad.patch:6:1: removed line does not fit hunk @@ -1,2 +1,3 @@ (line 3): all 2 old lines are used up while 2 new line(s) are still expected',
    );
  });

  it('file headers with no hunk after them', () => {
    assert.equal(
      extractError('--- a/f.c\n+++ b/f.c\nsome prose\n'),
      "bad.patch:3:1: '+++ b/f.c' is not followed by a hunk ('@@ -l,n +l,n @@')",
    );
  });

  it('no patch at all', () => {
    assert.equal(
      extractError('Hi,\n\nwhat about a patch?\n-- \nsig\n', 'notes.txt'),
      "notes.txt:1:1: no patch found: expected '--- '/'+++ ' file headers followed by '@@' hunks",
    );
  });

  it('a path that -p cannot strip', () => {
    assert.equal(
      extractError('--- f.c\n+++ f.c\n@@ -1 +1 @@\n-a\n+b\n'),
      "bad.patch:2:5: cannot strip 1 leading path component(s) from 'f.c'",
    );
  });

  it('a binary git patch', () => {
    assert.equal(
      extractError('diff --git a/x.bin b/x.bin\nindex 1..2 100644\nBinary files a/x.bin and b/x.bin differ\n'),
      "bad.patch:3:1: binary patch for 'b/x.bin' is not supported",
    );
  });

  it('a file patch with /dev/null on both sides, or a git header both new and deleted (found by fuzzing)', () => {
    assert.equal(extractError('--- /dev/null\n+++ /dev/null\n@@ -0,0 +1 @@\n+x\n'), 'bad.patch:1:1: a file patch that both creates and deletes its file (both sides are /dev/null)');
    assert.equal(
      extractError('diff --git a/x b/x\ndeleted file mode 100644\nnew file mode 100644\n'),
      'bad.patch:1:1: a file patch that both creates and deletes its file (both sides are /dev/null)',
    );
    assert.equal(extractError('diff --git a/x b/y\nrename from a/x\nrename to b/y\nnew file mode 100644\n'), 'bad.patch:1:1: a rename that also creates its file');
  });
});
