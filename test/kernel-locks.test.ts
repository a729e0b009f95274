import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { MemoryTree, findRepoRoot, loadTree } from '../src/core/patch';
import type { KTask } from '../src/core/kernel/node';
import { SimCluster, describeOutcome } from '../src/core/kernel/syscalls';

const root = findRepoRoot(__dirname) as string;

/** A tiny tree built by the kernel's own rules, using the model kernel's headers and the real builtins. */
const LOCKS_C = `
#include <linux/kernel.h>
#include <linux/rwsem.h>
#include <linux/wait.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <asm/semaphore.h>

long init_task[32];	/* stands in for the node's init task_struct */

DECLARE_RWSEM(sem);
DECLARE_WAIT_QUEUE_HEAD(wq);
DEFINE_SPINLOCK(lock);
DECLARE_MUTEX(mutex);
int cond;

void r_lock(void) { down_read(&sem); }
void r_unlock(void) { up_read(&sem); }
void w_lock(void) { down_write(&sem); }
void w_unlock(void) { up_write(&sem); }

int waiter(void)
{
	DEFINE_WAIT(w);

	prepare_to_wait(&wq, &w, TASK_UNINTERRUPTIBLE);
	if (!cond)
		schedule();
	finish_wait(&wq, &w);
	return cond;
}

void waker(void)
{
	cond = 1;
	wake_up(&wq);
}

long alloc3(void)
{
	void *a = kmalloc(8, GFP_KERNEL);
	void *b = kmalloc(8, GFP_KERNEL);
	void *c = kmalloc(0, GFP_KERNEL);

	return (a ? 1 : 0) | (b ? 2 : 0) | (c ? 4 : 0);
}

void sleep_under_spinlock(void)
{
	spin_lock(&lock);
	down(&mutex);
	up(&mutex);
	spin_unlock(&lock);
}

int trylocks(void)
{
	int r = 0;

	r |= down_trylock(&mutex) ? 0 : 1;	/* 0 means taken */
	r |= down_trylock(&mutex) ? 2 : 0;	/* now it is not */
	up(&mutex);
	return r;
}
`;

function miniTree(): MemoryTree {
  const kernel = loadTree(path.join(root, 'kernel'));
  const t = new MemoryTree([...kernel.files].filter(([p]) => p.startsWith('include/')), '<lock tests>');
  t.write('Makefile', 'core-y := t/\nLINUXINCLUDE := -Iinclude\n');
  t.write('t/Makefile', 'obj-y := locks.o\n');
  t.write('t/locks.c', LOCKS_C);
  return t;
}

describe('kernel builtins: lock, wait queue and allocator semantics', function () {
  this.timeout(60000);
  let sim: SimCluster;
  const task = (name: string): KTask => sim.node(0).newTask('user', name, sim.node(0).mem.allocStatic(64, 'global', name));
  beforeEach(async () => {
    sim = await SimCluster.create({ tree: miniTree(), nodes: 1, boot: false, preemption: 'full' });
  });

  it('rwsem (2.6.13 rwsem-spinlock, FIFO): a down_read queues behind a waiting down_write while readers hold it', () => {
    const [a, b, c] = [task('A'), task('B'), task('C')];
    assert.equal(sim.cluster.call(a, 'r_lock', []).status, 'done');
    sim.node(0).start(b, 'w_lock', []);
    assert.equal(sim.run().status, 'deadlock'); // B waits for A, who is not running anything
    assert.deepEqual(b.wait, { kind: 'rwsem', addr: b.wait?.kind === 'rwsem' ? b.wait.addr : -1, mode: 'write' });
    sim.node(0).start(c, 'r_lock', []);
    sim.run();
    assert.equal(c.state, 'blocked', 'the reader waits although only a reader holds the semaphore');
    assert.equal(c.wait?.kind === 'rwsem' && c.wait.mode, 'read');
    // A's up_read hands the semaphore to the writer at the head, not to the reader behind it
    assert.equal(sim.cluster.call(a, 'r_unlock', []).status, 'done');
    sim.run();
    assert.equal(b.result?.status, 'done');
    assert.equal(c.state, 'blocked');
    assert.equal(sim.cluster.call(b, 'w_unlock', []).status, 'done');
    assert.equal(sim.run().status, 'idle');
    assert.equal(c.result?.status, 'done');
    const acquires = sim.cluster.events.filter((e) => e.kind === 'rwsem' && e.op === 'acquire').map((e) => `${e.taskName}:${e.mode}`);
    assert.deepEqual(acquires, ['A:read', 'B:write', 'C:read']);
    assert.ok(sim.cluster.events.every((e) => e.kind !== 'rwsem' || e.cls === 'sem'), 'the class is the stringified initialiser name');
    assert.deepEqual(
      sim.cluster.events.filter((e) => e.op === 'contended').map((e) => `${e.taskName}:${e.loc?.file}:${e.loc?.line}`),
      ['B:t/locks.c:19', 'C:t/locks.c:17'],
    );
  });

  it('the deadlock report names who waits for what and who holds it', () => {
    const [a, b] = [task('A'), task('B')];
    sim.cluster.call(a, 'w_lock', []);
    const out = sim.cluster.call(b, 'r_lock', []);
    assert.equal(out.status, 'deadlock');
    if (out.status !== 'deadlock') return;
    assert.match(out.deadlock.message, /node0\/T\d+ B waits for rwsem sem \(read\), held by T\d+ A \(write\) in r_lock\(\) at t\/locks.c:17/);
  });

  it('wait queues: a wake_up between the condition test and schedule() is not lost (prepare_to_wait rule)', () => {
    const [w, k] = [task('waiter'), task('waker')];
    sim.node(0).start(w, 'waiter', []);
    // run the waiter until it stands in front of schedule(): it is on the queue and tested cond == 0
    for (let i = 0; i < 10 && w.m.pendingSync?.f.name !== 'schedule'; i++) sim.cluster.runSlice(w);
    assert.equal(w.m.pendingSync?.f.name, 'schedule');
    // now the waker runs to its end
    sim.node(0).start(k, 'waker', []);
    while (k.call) sim.cluster.runSlice(k);
    assert.equal(w.state, 'runnable');
    // schedule() returns at once: the task was woken after prepare_to_wait
    while (w.call) {
      sim.cluster.runSlice(w);
      assert.notEqual(w.state, 'blocked');
    }
    assert.deepEqual(w.result, { status: 'done', value: 1 });
  });

  it('wait queues: a waiter that sleeps is woken by wake_up and its entry is removed', () => {
    const [w, k] = [task('waiter'), task('waker')];
    sim.node(0).start(w, 'waiter', []);
    sim.run();
    assert.equal(w.state, 'blocked');
    assert.equal(w.wait?.kind, 'waitqueue');
    assert.equal(sim.cluster.call(k, 'waker', []).status, 'done');
    assert.equal(sim.run().status, 'idle');
    assert.deepEqual(w.result, { status: 'done', value: 1 });
    assert.ok([...sim.node(0).locks.s.queues.values()].every((q) => q.entries.length === 0));
  });

  it('kmalloc fault injection: the Nth allocation of a node returns NULL; kmalloc(0) is a non-NULL object', () => {
    const t = task('alloc');
    const first = sim.node(0).kmallocCount + 1;
    sim.cluster.faults.kmalloc = (node, nth) => node === 0 && nth === first + 1;
    const r = sim.cluster.call(t, 'alloc3', []);
    assert.deepEqual(r, { status: 'done', value: 1 | 4 });
    sim.cluster.faults.kmalloc = undefined;
    assert.deepEqual(sim.cluster.call(t, 'alloc3', []), { status: 'done', value: 7 });
  });

  it('sleeping on a semaphore while holding a spinlock is reported as scheduling while atomic', () => {
    const r = sim.cluster.call(task('atomic'), 'sleep_under_spinlock', []);
    assert.equal(r.status, 'done', describeOutcome(r));
    assert.deepEqual(sim.cluster.warnings.map((w) => w.kind), ['sleep-in-atomic']);
    assert.match(sim.cluster.warnings[0]?.message ?? '', /down while holding spinlock lock/);
  });

  it('down_trylock returns 0 when it took the semaphore; up_read of an rwsem not held is an oops', () => {
    const t = task('T');
    assert.deepEqual(sim.cluster.call(t, 'trylocks', []), { status: 'done', value: 3 });
    const r = sim.cluster.call(task('U'), 'r_unlock', []);
    assert.equal(r.status, 'oops');
    if (r.status === 'oops') {
      assert.equal(r.oops.kind, 'lock');
      assert.equal(r.oops.backtrace[0]?.func, 'r_unlock');
    }
  });
});
