import { strict as assert } from 'node:assert';
import { findInversions, formatInversion, lockOrders } from '../src/core/check/lock-order';
import type { LockEvent } from '../src/core/kernel/events';

/** A compact event script: [task, op, lock, line], glock-like locks named "glock …", others are classes. */
function events(script: [number, 'acquire' | 'release' | 'try', string, number][]): LockEvent[] {
  return script.map(([task, op, lock, line], seq) => ({
    seq,
    step: seq,
    node: task === 3 ? 1 : 0,
    task,
    taskName: `T${task}`,
    op: op === 'try' ? 'acquire' : op,
    kind: lock.startsWith('glock') ? 'lockdep' : 'rwsem',
    addr: 0x1000 + lock.length,
    name: lock,
    cls: lock.startsWith('glock') ? 'gfs2_glock(inode)' : lock,
    mode: 'write',
    trylock: op === 'try',
    loc: { file: 'fs/x.c', line, col: 1 },
  }));
}

describe('lock-order checker (lockdep-style)', () => {
  it('reports the ABBA order of two glocks taken by tasks that never ran at the same time', () => {
    const ev = events([
      [1, 'acquire', 'glock 2/17', 10], [1, 'acquire', 'glock 2/23', 11], [1, 'release', 'glock 2/23', 12], [1, 'release', 'glock 2/17', 13],
      [2, 'acquire', 'glock 2/23', 20], [2, 'acquire', 'glock 2/17', 21], [2, 'release', 'glock 2/17', 22], [2, 'release', 'glock 2/23', 23],
    ]);
    const inv = findInversions(ev);
    assert.equal(inv.length, 1);
    const text = formatInversion(inv[0]!);
    assert.match(text, /possible circular locking dependency/);
    assert.match(text, /glock 2\/23 taken while holding glock 2\/17:\n\s+held: .* at fs\/x\.c:10:1/);
    assert.match(text, /CPU0\s+CPU1/);
    assert.match(text, /lock\(glock 2\/17\);\n\s+lock\(glock 2\/23\);\n\s+lock\(glock 2\/17\);\n\s+lock\(glock 2\/23\);/);
  });

  it('finds a three-lock cycle through three tasks', () => {
    const ev = events([
      [1, 'acquire', 'A', 1], [1, 'acquire', 'B', 2], [1, 'release', 'B', 3], [1, 'release', 'A', 4],
      [2, 'acquire', 'B', 5], [2, 'acquire', 'C', 6], [2, 'release', 'C', 7], [2, 'release', 'B', 8],
      [3, 'acquire', 'C', 9], [3, 'acquire', 'A', 10], [3, 'release', 'A', 11], [3, 'release', 'C', 12],
    ]);
    const inv = findInversions(ev);
    assert.equal(inv.length, 1);
    assert.deepEqual(inv[0]!.cycle.map((e) => `${e.held.lock}->${e.taken.lock}`).sort(), ['A->B', 'B->C', 'C->A']);
  });

  it('finds nothing when every task takes the locks in one order', () => {
    const ev = events([
      [1, 'acquire', 'A', 1], [1, 'acquire', 'B', 2], [1, 'release', 'B', 3], [1, 'release', 'A', 4],
      [2, 'acquire', 'A', 5], [2, 'acquire', 'B', 6], [2, 'release', 'B', 7], [2, 'release', 'A', 8],
    ]);
    assert.deepEqual(findInversions(ev), []);
    assert.equal(lockOrders(ev).length, 1);
  });

  it('ignores trylocks (they cannot wait) and orders against locks already released', () => {
    const ev = events([
      [1, 'acquire', 'A', 1], [1, 'try', 'B', 2], [1, 'release', 'B', 3], [1, 'release', 'A', 4],
      [2, 'acquire', 'B', 5], [2, 'release', 'B', 6], [2, 'acquire', 'A', 7], [2, 'release', 'A', 8],
    ]);
    assert.deepEqual(findInversions(ev), []);
  });
});
