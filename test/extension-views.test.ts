import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { LockTableEntry, TaskInfo } from '../src/debug/protocol';
import { DiskTree, extractPatches, findRepoRoot, loadPatchFile, planPatches } from '../src/core/patch';
import { seedMailPath } from '../src/core/policies';
import { judge, readExpectations } from '../src/extension/expectations';
import { findWaitCycle, lockNodes, lockWaits, parseAt } from '../src/extension/views/locks-model';
import { hunkProblems, patchNodes } from '../src/extension/views/patch-model';
import { shortPath, taskNodes } from '../src/extension/views/tasks-model';

const root = findRepoRoot(__dirname) as string;

/** The lock table at s2's deadlock under the base policy: each reader holds its file's glock and wants the other's. */
function crossedGlocks(): LockTableEntry[] {
  return [
    { node: 0, address: '0x1000', kind: 'rwsem', name: 'glock 2/A', cls: 'glock', holders: [{ threadId: 1, task: 'T1', mode: 'read', sinceStep: 3, at: 'fs/gfs2/ops_file.c:120' }], waiters: [{ threadId: 2, task: 'T2', mode: 'write', at: 'fs/gfs2/ops_vm.c:88' }] },
    { node: 0, address: '0x2000', kind: 'rwsem', name: 'glock 2/B', cls: 'glock', holders: [{ threadId: 2, task: 'T2', mode: 'read', sinceStep: 5, at: 'fs/gfs2/ops_file.c:120' }], waiters: [{ threadId: 1, task: 'T1', mode: 'write', at: 'fs/gfs2/ops_vm.c:88' }] },
    { node: 0, address: '0x3000', kind: 'rwsem', name: '&mm->mmap_sem', cls: 'mmap_sem', holders: [{ threadId: 1, task: 'T1', mode: 'read', sinceStep: 7, at: 'arch/sim/mm/fault.c:40' }], waiters: [] },
  ];
}

describe('extension view models', () => {
  it('finds the ABBA wait cycle of two crossed glocks and leaves a lock nobody waits for off it', () => {
    const c = findWaitCycle(crossedGlocks());
    assert.deepEqual([...c.threads].sort(), [1, 2]);
    assert.deepEqual([...c.locks].sort(), ['0:0x1000', '0:0x2000']);
  });

  it('sees no cycle when the holder of the awaited lock waits for nothing', () => {
    const locks = crossedGlocks();
    (locks[1] as LockTableEntry).waiters = [];
    assert.equal(findWaitCycle(locks).threads.size, 0);
  });

  it('counts a task queued on a lock it holds itself as a cycle of one', () => {
    const l: LockTableEntry = { node: 1, address: '0x10', kind: 'semaphore', name: 'i_sem', cls: 'i_sem', holders: [{ threadId: 4, task: 'T4', mode: 'write', sinceStep: 1, at: undefined }], waiters: [{ threadId: 4, task: 'T4', mode: 'write', at: undefined }] };
    assert.deepEqual([...findWaitCycle([l]).threads], [4]);
  });

  it('shows each lock with mode, node, holders since their step and waiters in queue order, marking the cycle', () => {
    const nodes = lockNodes(crossedGlocks());
    assert.equal(nodes.length, 3);
    const a = nodes[0];
    assert.ok(a);
    assert.equal(a.description, 'DEADLOCK CYCLE · read · 1 waiting · rwsem · node0');
    assert.equal(a.icon?.id, 'error');
    assert.deepEqual(a.children?.map((c) => `${c.label} ${c.description}`), ['T1 holds read since step 3 · fs/gfs2/ops_file.c:120', 'T2 waits #1 for write · fs/gfs2/ops_vm.c:88']);
    assert.deepEqual(a.children?.[0]?.reveal, { path: 'fs/gfs2/ops_file.c', line: 120 });
    const mm = nodes[2];
    assert.doesNotMatch(mm?.description ?? '', /CYCLE/);
    assert.equal(mm?.expanded, false);
  });

  it('parses lock locations with and without a column', () => {
    assert.deepEqual(parseAt('fs/iolock.c:67:12'), { path: 'fs/iolock.c', line: 67 });
    assert.deepEqual(parseAt('mm/filemap.c:900'), { path: 'mm/filemap.c', line: 900 });
    assert.equal(parseAt('nowhere'), undefined);
  });

  it('groups tasks by node, scenario tasks before kernel threads, with what they wait for and where they are', () => {
    const tasks: TaskInfo[] = [
      { threadId: 9, name: 'node0/dlm_astd', node: 0, task: 'dlm_astd@0', kind: 'kthread', state: 'idle', waitsFor: undefined, at: undefined },
      { threadId: 2, name: 'node0/T2 read(B)', node: 0, task: 'T2', kind: 'user', state: 'blocked', waitsFor: 'glock 2/A (write)', at: { path: '/tmp/src/fs/gfs2/ops_vm.c', line: 88, func: 'gfs2_sharewrite_nopage' } },
      { threadId: 1, name: 'node0/T1 read(A)', node: 0, task: 'T1', kind: 'user', state: 'runnable', waitsFor: undefined, at: { path: '/tmp/src/fs/read_write.c', line: 260, func: 'vfs_read' } },
      { threadId: 5, name: 'node1/T3 write(A)', node: 1, task: 'T3', kind: 'user', state: 'dead', waitsFor: undefined, at: undefined },
    ];
    const nodes = taskNodes(tasks, new Set([2]), 1);
    assert.deepEqual(nodes.map((n) => `${n.label}: ${n.description}`), ['node0: 3 tasks, 1 blocked', 'node1: 1 task']);
    const n0 = nodes[0]?.children ?? [];
    assert.deepEqual(n0.map((t) => t.label), ['T1 read(A) ◀', 'T2 read(B)', 'dlm_astd']);
    assert.equal(n0[1]?.description, 'blocked on glock 2/A (write) · gfs2_sharewrite_nopage() fs/gfs2/ops_vm.c:88');
    assert.equal(n0[1]?.icon?.id, 'error');
    assert.deepEqual(n0[0]?.reveal, { path: '/tmp/src/fs/read_write.c', line: 260 });
    assert.equal(shortPath('/home/u/.storage/sources/123/include/linux/fs.h'), 'include/linux/fs.h');
    // the checkout's model kernel: its tree is kernel/, whose own kernel/ folder stays
    assert.equal(shortPath('/work/iolock-sim/kernel/fs/dlm/ast.c'), 'fs/dlm/ast.c');
    assert.equal(shortPath('/work/iolock-sim/kernel/kernel/wait.c'), 'kernel/wait.c');
    assert.equal(shortPath('/home/u/kernel/iolock-sim/kernel/arch/sim/mm/fault.c'), 'arch/sim/mm/fault.c');
  });

  it('names what a blocked task waits for from the lock table, not the wait queue it sleeps on', () => {
    const locks = crossedGlocks();
    const tasks: TaskInfo[] = [
      { threadId: 1, name: 'node0/T1 read(A)', node: 0, task: 'T1', kind: 'user', state: 'blocked', waitsFor: 'wait queue &x->wait', at: { path: '/w/kernel/kernel/wait.c', line: 45, func: 'wait_for_completion' } },
      { threadId: 7, name: 'node0/dlm_astd', node: 0, task: 'dlm_astd@0', kind: 'kthread', state: 'blocked', waitsFor: 'an AST for node0', at: undefined },
    ];
    const [t1, astd] = taskNodes(tasks, findWaitCycle(locks).threads, undefined, lockWaits(locks))[0]?.children ?? [];
    assert.equal(t1?.description, 'blocked on glock 2/B (write) · wait_for_completion() kernel/wait.c:45');
    assert.match(t1?.tooltip ?? '', /sleeping on wait queue &x->wait/);
    assert.equal(astd?.description, 'blocked on an AST for node0');
  });

  it('lists the seed mail as patch → files → hunks, with offsets and repaired whitespace, and no problems', () => {
    const plan = planPatches(new DiskTree(path.join(root, 'kernel')), loadPatchFile(seedMailPath(), 1));
    const nodes = patchNodes(plan);
    assert.equal(nodes.length, 1);
    const files = nodes[0]?.children ?? [];
    assert.deepEqual(files.map((f) => f.label), ['fs/iolock.c', 'fs/read_write.c', 'include/linux/iolock.h', 'fs/Makefile', 'include/linux/fs.h']);
    const vfs = files[1]?.children?.[1];
    assert.match(vfs?.label ?? '', /^@@ -247,14 \+\d+,21 @@ vfs_read$/);
    assert.match(vfs?.description ?? '', /^applied/);
    assert.equal(vfs?.reveal?.path, seedMailPath());
    assert.deepEqual(hunkProblems(plan), []);
  });

  it('turns a hunk that does not fit into a failed tree node and an error at its @@ line', () => {
    const mail = ['--- a/fs/read_write.c', '+++ b/fs/read_write.c', '@@ -1,3 +1,3 @@', ' no such line here', '-nor this one', '+replacement', ' last', ''].join('\n');
    const plan = planPatches(new DiskTree(path.join(root, 'kernel')), [{ source: 'broken.patch', files: extractPatches(mail, 'broken.patch') }]);
    const file = patchNodes(plan)[0]?.children?.[0];
    assert.equal(file?.icon?.id, 'error');
    assert.match(file?.children?.[0]?.description ?? '', /^failed/);
    const problems = hunkProblems(plan);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.line, 3);
    assert.match(problems[0]?.message ?? '', /fs\/read_write.c hunk 1\/1 @@ -1,3 \+1,3 @@: failed/);
  });

  it('reads expect: entries with their lines and judges explorations against them', () => {
    const text = ['name: x', 'policy: seed', 'tasks: []', 'expect:', '  - { policy: none, verdict: ok }', '  - verdict: oops', '    at: fs/iolock.c:67', '    kind: null-deref', ''].join('\n');
    const e = readExpectations(text);
    assert.deepEqual(e, [
      { policy: 'none', verdict: 'ok', at: undefined, kind: undefined, line: 4 },
      { policy: 'seed', verdict: 'oops', at: 'fs/iolock.c:67', kind: 'null-deref', line: 5 },
    ]);
    const oops = e[1];
    assert.ok(oops);
    assert.equal(judge(oops, { verdict: 'oops', oops: { file: 'fs/iolock.c', line: 67, kind: 'null-deref' } }), undefined);
    assert.equal(judge(oops, { verdict: 'oops', oops: { file: 'fs/iolock.c', line: 70, kind: 'null-deref' } }), 'expected the oops at fs/iolock.c:67, it is at fs/iolock.c:70');
    assert.equal(judge(oops, { verdict: 'deadlock' }), 'expected oops, explored: deadlock');
    assert.deepEqual(readExpectations('expect: deadlock\n'), [{ policy: 'none', verdict: 'deadlock', at: undefined, kind: undefined, line: 0 }]);
    assert.deepEqual(readExpectations('expect: [ { verdict'), []);
  });
});
