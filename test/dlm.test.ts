import { strict as assert } from 'node:assert';
import {
  AstRecord,
  DLM_LKF_CONVERT,
  DLM_LKF_NOQUEUE,
  DLM_LKF_NOQUEUEBAST,
  DLM_LOCK_CR,
  DLM_LOCK_CW,
  DLM_LOCK_EX,
  DLM_LOCK_NL,
  DLM_LOCK_PR,
  DLM_LOCK_PW,
  Dlm,
  DlmMode,
  describeMode,
  resourceName,
} from '../src/core/kernel/dlm';

const NL = DLM_LOCK_NL, CR = DLM_LOCK_CR, CW = DLM_LOCK_CW, PR = DLM_LOCK_PR, PW = DLM_LOCK_PW, EX = DLM_LOCK_EX;
const bytes = (s: string) => Uint8Array.from(Buffer.from(s, 'latin1'));

/** ASTs as short strings: "c7:0" is a completion of lock 7 with status 0, "b3:EX" a BAST to lock 3 for EX. */
function fmt(a: AstRecord): string {
  return a.kind === 'completion' ? `c${a.lkid}:${a.status}` : `b${a.lkid}:${describeMode(a.mode)}`;
}

/** A cluster of nodes 0..n-1, all in lockspace "ls", with shorthands that assert the call was accepted. */
function cluster(n = 4, ls = 'ls') {
  const dlm = new Dlm();
  const handles = Array.from({ length: n }, (_, node) => dlm.joinLockspace(node, ls));
  const h = (node: number) => handles[node] ?? assert.fail(`no node ${node}`);
  return {
    dlm,
    h,
    lock(node: number, mode: number, res = 'R', flags = 0): number {
      const r = dlm.lock(node, h(node), mode, flags, bytes(res), undefined, `n${node}:${res}`);
      assert.equal(r.status, 0);
      return r.lkid;
    },
    convert(node: number, lkid: number, mode: number, flags = 0): void {
      const r = dlm.lock(node, h(node), mode, flags | DLM_LKF_CONVERT, new Uint8Array(), lkid, `n${node}:conv`);
      assert.deepEqual(r, { status: 0, lkid });
    },
    unlock(node: number, lkid: number): void {
      assert.equal(dlm.unlock(node, h(node), lkid), 0);
    },
    /** Delivers (and so empties) a node's AST queue. */
    asts(node: number): string[] {
      const out: string[] = [];
      for (let a = dlm.nextAst(node); a; a = dlm.nextAst(node)) out.push(fmt(a));
      return out;
    },
    queueOf(lkid: number) {
      return dlm.lockInfo(lkid)?.queue;
    },
  };
}

describe('dlm: the cluster lock manager', () => {
  it('follows the VMS compatibility matrix for all 36 mode pairs', () => {
    // Rows: the granted mode; columns: the requested mode, NL CR CW PR PW EX.
    const matrix = [
      [1, 1, 1, 1, 1, 1],
      [1, 1, 1, 1, 1, 0],
      [1, 1, 1, 0, 0, 0],
      [1, 1, 0, 1, 0, 0],
      [1, 1, 0, 0, 0, 0],
      [1, 0, 0, 0, 0, 0],
    ];
    const modes: DlmMode[] = [NL, CR, CW, PR, PW, EX];
    let pairs = 0;
    for (const held of modes) {
      for (const req of modes) {
        const c = cluster(2);
        c.lock(0, held);
        const id = c.lock(1, req);
        const want = matrix[held]?.[req] === 1 ? 'granted' : 'wait';
        assert.equal(c.queueOf(id), want, `${describeMode(held)} held, ${describeMode(req)} requested`);
        pairs++;
      }
    }
    assert.equal(pairs, 36);
  });

  it('queues a compatible PR behind a waiting EX (FIFO, no overtaking)', () => {
    const c = cluster();
    const a = c.lock(0, PR);
    const b = c.lock(1, EX);
    const d = c.lock(2, PR);
    assert.deepEqual([c.queueOf(a), c.queueOf(b), c.queueOf(d)], ['granted', 'wait', 'wait']);
    assert.deepEqual(c.dlm.waitsFor(d), [b]);
    assert.deepEqual(c.dlm.waitsFor(b), [a]);
    assert.deepEqual(c.asts(0), ['c1:0', 'b1:EX']);
    assert.deepEqual(c.asts(2), [], 'no completion for a queued request');
    c.unlock(0, a);
    assert.deepEqual(c.asts(1), [`c${b}:0`, `b${b}:PR`]);
    assert.equal(c.queueOf(d), 'wait');
  });

  it('assigns lock ids 1, 2, 3… in creation order across the cluster', () => {
    const c = cluster();
    assert.deepEqual([c.lock(2, PR, 'A'), c.lock(0, EX, 'B'), c.lock(1, EX, 'A')], [1, 2, 3]);
    assert.deepEqual(c.dlm.locks().map((l) => l.lkid), [1, 2, 3]);
  });

  it('serves the convert queue before the wait queue', () => {
    const c = cluster();
    const a = c.lock(0, PR);
    const b = c.lock(1, PR);
    const w = c.lock(2, EX);
    c.convert(0, a, EX); // blocked by node 1's PR
    assert.equal(c.queueOf(a), 'convert');
    assert.deepEqual(c.dlm.lockInfo(a), {
      lkid: a, node: 0, resource: 'R', lockspace: 'ls',
      grantedMode: PR, requestedMode: EX, queue: 'convert', cookie: 'n0:conv',
    });
    const cr = c.lock(3, CR); // compatible with every holder, but requests are queued
    assert.equal(c.queueOf(cr), 'wait');
    assert.deepEqual(c.dlm.waitsFor(cr), [a, w]);
    c.asts(0);
    c.unlock(1, b);
    assert.deepEqual([c.queueOf(a), c.queueOf(w), c.queueOf(cr)], ['granted', 'wait', 'wait']);
    assert.equal(c.dlm.lockInfo(a)?.grantedMode, EX);
    // Node 0 had a BAST for EX before, but the conversion grant starts afresh: it must hear about node 2 again.
    assert.deepEqual(c.asts(0), [`c${a}:0`, `b${a}:EX`]);
  });

  it('grants a conversion at once when it is compatible with the other holders, even with requests waiting', () => {
    const c = cluster();
    const a = c.lock(0, EX);
    c.lock(1, EX);
    c.asts(0);
    c.convert(0, a, PW);
    assert.equal(c.dlm.lockInfo(a)?.grantedMode, PW);
    assert.deepEqual(c.asts(0), [`c${a}:0`, `b${a}:EX`]);
  });

  it('fails a NOQUEUE request with an -EAGAIN completion and no BAST, leaving nothing behind', () => {
    const c = cluster();
    const a = c.lock(0, EX);
    c.asts(0);
    const t = c.lock(1, PR, 'R', DLM_LKF_NOQUEUE);
    assert.deepEqual(c.asts(1), [`c${t}:-11`]);
    assert.deepEqual(c.asts(0), []);
    assert.equal(c.dlm.lockInfo(t), undefined);
    assert.equal(c.dlm.locks().length, 1);
    c.unlock(0, a);
    const p = c.lock(0, PR);
    c.lock(1, PR);
    c.asts(0);
    c.asts(1);
    // A refused conversion keeps its old mode, and node 1's PR hears nothing about it.
    c.convert(0, p, EX, DLM_LKF_NOQUEUE);
    assert.deepEqual([c.asts(0), c.asts(1)], [[`c${p}:-11`], []]);
    assert.deepEqual(c.dlm.lockInfo(p), {
      lkid: p, node: 0, resource: 'R', lockspace: 'ls',
      grantedMode: PR, requestedMode: undefined, queue: 'granted', cookie: 'n0:conv',
    });
    // A compatible request still fails when it would have to queue.
    c.lock(2, EX);
    const t2 = c.lock(3, PR, 'R', DLM_LKF_NOQUEUE);
    assert.deepEqual(c.asts(3), [`c${t2}:-11`]);
  });

  it('with NOQUEUEBAST, sends the BASTs of a refused request before its -EAGAIN, once per mode', () => {
    const c = cluster();
    const a = c.lock(0, EX);
    c.asts(0);
    const t = c.lock(1, PR, 'R', DLM_LKF_NOQUEUE | DLM_LKF_NOQUEUEBAST);
    assert.deepEqual(c.asts(0), [`b${a}:PR`]);
    assert.deepEqual(c.asts(1), [`c${t}:-11`]);
    c.lock(1, PR, 'R', DLM_LKF_NOQUEUE | DLM_LKF_NOQUEUEBAST);
    assert.deepEqual(c.asts(0), [], 'no resend for the same mode');
  });

  it('sends a BAST to each incompatible holder once per mode strength, and again after a grant or conversion', () => {
    const c = cluster(5);
    const a = c.lock(0, PR);
    const b = c.lock(1, PR);
    c.asts(0);
    c.asts(1);
    c.lock(2, CW);
    assert.deepEqual([c.asts(0), c.asts(1)], [[`b${a}:CW`], [`b${b}:CW`]]);
    c.lock(3, CW);
    assert.deepEqual([c.asts(0), c.asts(1)], [[], []], 'CW again: already told');
    c.lock(4, PW);
    assert.deepEqual([c.asts(0), c.asts(1)], [[`b${a}:PW`], [`b${b}:PW`]], 'PW is stronger than CW');
    c.lock(2, EX, 'R');
    assert.deepEqual(c.asts(0), [`b${a}:EX`]);
    c.lock(3, PR, 'R');
    c.lock(3, CW, 'R');
    assert.deepEqual(c.asts(0), [], 'PR is compatible; CW is no stronger than EX');
    c.convert(0, a, CR);
    // CR blocks only the EX waiter; the conversion reset what node 0 had been told, so it hears about EX again.
    assert.deepEqual(c.asts(0), [`c${a}:0`, `b${a}:EX`]);
  });

  it('keeps CW and PR incomparable for the resend rule', () => {
    const c = cluster(6);
    const a = c.lock(0, PW);
    c.asts(0);
    c.lock(1, PR);
    c.lock(2, CW);
    c.lock(3, PR);
    c.lock(3, CW);
    c.lock(4, PW);
    c.lock(5, EX);
    assert.deepEqual(c.asts(0), [`b${a}:PR`, `b${a}:CW`, `b${a}:PW`, `b${a}:EX`]);
  });

  it('sends no BAST to a holder on the requesting node or to a lock without a bast', () => {
    const c = cluster();
    c.lock(0, EX);
    c.dlm.lock(1, c.h(1), EX, 0, bytes('S'), undefined, 'nobast', false);
    c.asts(0);
    c.asts(1);
    c.lock(0, EX);
    c.lock(0, PR, 'S');
    assert.deepEqual([c.asts(0), c.asts(1)], [[], []]);
  });

  it('grants the waiters that a down-conversion makes compatible', () => {
    const c = cluster();
    const a = c.lock(0, EX);
    const r1 = c.lock(1, PR);
    const r2 = c.lock(2, PR);
    const w = c.lock(3, EX);
    assert.deepEqual(c.asts(0), [`c${a}:0`, `b${a}:PR`, `b${a}:EX`]);
    c.convert(0, a, PR);
    assert.deepEqual([c.queueOf(r1), c.queueOf(r2), c.queueOf(w)], ['granted', 'granted', 'wait']);
    assert.deepEqual(c.asts(0), [`c${a}:0`, `b${a}:EX`]);
    assert.deepEqual(c.asts(1), [`c${r1}:0`, `b${r1}:EX`]);
    assert.deepEqual(c.asts(2), [`c${r2}:0`, `b${r2}:EX`]);
    assert.deepEqual(c.dlm.waitsFor(w), [a, r1, r2]);
  });

  it('on unlock, grants a batch of readers up to the first writer', () => {
    const c = cluster(6);
    const x = c.lock(0, EX);
    const ids = [c.lock(1, PR), c.lock(2, PR), c.lock(3, CR), c.lock(4, EX), c.lock(5, PR)];
    c.unlock(0, x);
    assert.deepEqual(ids.map((id) => c.queueOf(id)), ['granted', 'granted', 'granted', 'wait', 'wait']);
    assert.deepEqual(c.asts(3), [`c${ids[2]}:0`, `b${ids[2]}:EX`]);
    assert.deepEqual(c.asts(5), []);
    assert.deepEqual(c.asts(0), [`c${x}:0`, `b${x}:PR`, `b${x}:EX`], 'no AST for the unlock itself');
  });

  it('leaveLockspace drops the node\'s locks, requests and pending ASTs, and grants what becomes grantable', () => {
    const c = cluster();
    const a = c.lock(0, EX, 'A');
    c.lock(0, PR, 'B');
    const b = c.lock(1, EX, 'B');
    c.lock(0, PR, 'B'); // node 0 also waits behind node 1
    const w = c.lock(2, PR, 'A');
    assert.ok(c.dlm.hasAst(0));
    assert.equal(c.dlm.leaveLockspace(0, c.h(0)), 0);
    assert.deepEqual(c.dlm.locks().map((l) => [l.lkid, l.queue]), [[b, 'granted'], [w, 'granted']]);
    assert.equal(c.dlm.hasAst(0), false);
    assert.deepEqual(c.asts(2), [`c${w}:0`]);
    assert.equal(c.dlm.lock(0, c.h(0), EX, 0, bytes('A'), undefined, null).status, -22, 'the handle is gone');
    assert.equal(c.dlm.unlock(0, c.h(0), a), -22);
  });

  it('keeps a shared handle until every user on the node has left', () => {
    const dlm = new Dlm();
    const h = dlm.joinLockspace(0, 'ls');
    assert.equal(dlm.joinLockspace(0, 'ls'), h);
    assert.notEqual(dlm.joinLockspace(1, 'ls'), h, 'each node has its own handle');
    dlm.lock(0, h, EX, 0, bytes('R'), undefined, null);
    assert.equal(dlm.leaveLockspace(0, h), 0);
    assert.equal(dlm.locks().length, 1);
    assert.equal(dlm.leaveLockspace(0, h), 0);
    assert.equal(dlm.locks().length, 0);
    assert.equal(dlm.leaveLockspace(0, h), -22);
  });

  it('treats the same resource name in two lockspaces as two resources', () => {
    const dlm = new Dlm();
    const h1 = dlm.joinLockspace(0, 'sim:/dev/simd0');
    const h2 = dlm.joinLockspace(1, 'sim:/dev/simd1');
    const a = dlm.lock(0, h1, EX, 0, bytes('R'), undefined, null);
    const b = dlm.lock(1, h2, EX, 0, bytes('R'), undefined, null);
    assert.deepEqual(
      dlm.locks().map((l) => [l.lockspace, l.queue]),
      [['sim:/dev/simd0', 'granted'], ['sim:/dev/simd1', 'granted']],
    );
    assert.equal(dlm.hasAst(0) && dlm.hasAst(1), true);
    assert.equal(dlm.unlock(0, h2, a.lkid), -22, 'a lock is not reachable through another lockspace\'s handle');
    assert.equal(dlm.unlock(1, h2, b.lkid), 0);
  });

  it('waitsFor shows the two-node ABBA deadlock: each node waits for the other', () => {
    const c = cluster(2);
    const a0 = c.lock(0, EX, 'A');
    const b1 = c.lock(1, EX, 'B');
    const b0 = c.lock(0, EX, 'B');
    const a1 = c.lock(1, EX, 'A');
    assert.deepEqual(c.dlm.waitsFor(b0), [b1]);
    assert.deepEqual(c.dlm.waitsFor(a1), [a0]);
    assert.equal(c.dlm.lockInfo(b1)?.node, 1);
    assert.equal(c.dlm.lockInfo(a0)?.node, 0);
    assert.deepEqual(c.dlm.waitsFor(a0), [], 'a granted lock waits for nothing');
  });

  it('waitsFor shows a conversion deadlock: two PR holders both converting to EX', () => {
    const c = cluster(2);
    const a = c.lock(0, PR);
    const b = c.lock(1, PR);
    c.convert(0, a, EX);
    c.convert(1, b, EX);
    assert.deepEqual([c.dlm.waitsFor(a), c.dlm.waitsFor(b)], [[b], [a]]);
  });

  it('restores a snapshot exactly, any number of times, including the next lock id', () => {
    const c = cluster();
    const a = c.lock(0, EX);
    c.lock(1, PR);
    const snap = c.dlm.snapshot();
    const before = { locks: c.dlm.locks(), asts: [0, 1, 2, 3].map((n) => c.dlm.pendingAsts(n)) };
    for (let round = 0; round < 2; round++) {
      c.unlock(0, a);
      c.lock(2, EX);
      c.asts(0);
      c.asts(1);
      c.dlm.restore(snap);
      assert.deepEqual({ locks: c.dlm.locks(), asts: [0, 1, 2, 3].map((n) => c.dlm.pendingAsts(n)) }, before);
      assert.deepEqual(c.dlm.waitsFor(2), [a]);
    }
    assert.equal(c.lock(3, CR, 'other'), 3);
    assert.throws(() => c.dlm.restore({}), TypeError);
  });

  it('rejects bad arguments with -EINVAL and changes nothing', () => {
    const c = cluster(2);
    const g = c.lock(0, PR);
    const w = c.lock(1, EX);
    c.asts(0);
    c.asts(1);
    const snapLocks = c.dlm.locks();
    const lock = (node: number, handle: number, mode: number, flags: number, res: Uint8Array, lkid?: number) =>
      c.dlm.lock(node, handle, mode, flags, res, lkid, null);
    const R = bytes('R');
    for (const mode of [-1, 6, 2.5, NaN]) assert.deepEqual(lock(0, c.h(0), mode, 0, R), { status: -22, lkid: 0 });
    assert.equal(lock(0, 999, PR, 0, R).status, -22, 'unknown handle');
    assert.equal(lock(0, c.h(1), PR, 0, R).status, -22, 'another node\'s handle');
    assert.equal(lock(0, c.h(0), PR, 0, new Uint8Array()).status, -22, 'empty name');
    assert.equal(lock(0, c.h(0), PR, 0, new Uint8Array(65)).status, -22, 'name over 64 bytes');
    assert.equal(lock(0, c.h(0), PR, 0x8, R).status, -22, 'VALBLK is not supported');
    assert.equal(lock(0, c.h(0), PR, DLM_LKF_NOQUEUEBAST, R).status, -22, 'NOQUEUEBAST without NOQUEUE');
    assert.equal(lock(0, c.h(0), NL, DLM_LKF_CONVERT, R).status, -22, 'conversion without a lock id');
    assert.equal(lock(0, c.h(0), NL, DLM_LKF_CONVERT, R, 42).status, -22, 'conversion of no lock');
    assert.equal(lock(0, c.h(0), NL, DLM_LKF_CONVERT, R, w).status, -22, 'conversion of another node\'s lock');
    assert.equal(lock(1, c.h(1), NL, DLM_LKF_CONVERT, R, w).status, -22, 'conversion of a queued request');
    assert.equal(c.dlm.unlock(1, c.h(1), w), -22, 'unlock of a queued request');
    assert.equal(c.dlm.unlock(1, c.h(1), g), -22, 'unlock of another node\'s lock');
    assert.equal(c.dlm.unlock(0, c.h(0), 42), -22, 'unlock of no lock');
    assert.deepEqual(c.dlm.locks(), snapLocks);
    assert.equal(c.dlm.hasAst(0) || c.dlm.hasAst(1), false);
    assert.equal(lock(0, c.h(0), PR, 0, new Uint8Array(64)).status, 0, '64 bytes is the limit');
  });

  it('names binary resources unambiguously and modes by their DLM names', () => {
    assert.equal(resourceName(Uint8Array.from([0x44, 0x00, 0x5c, 0xff, 0x20])), 'D\\x00\\x5c\\xff ');
    assert.deepEqual([NL, CR, CW, PR, PW, EX].map(describeMode), ['NL', 'CR', 'CW', 'PR', 'PW', 'EX']);
    assert.equal(describeMode(-1), 'IV');
  });

  it('carries the runtime\'s cookie and the lock in completion and blocking ASTs', () => {
    const dlm = new Dlm();
    const h0 = dlm.joinLockspace(0, 'ls');
    const h1 = dlm.joinLockspace(1, 'ls');
    const cookie0 = { ast: 0x1000, bast: 0x1010, astarg: 0x2000 };
    const a = dlm.lock(0, h0, CW, 0, bytes('R'), undefined, cookie0);
    dlm.lock(1, h1, PR, 0, bytes('R'), undefined, 'x');
    const rec = { node: 0, lkid: a.lkid, status: 0, cookie: cookie0, lockspace: 'ls' };
    assert.deepEqual(dlm.nextAst(0), { kind: 'completion', mode: CW, ...rec });
    assert.deepEqual(dlm.nextAst(0), { kind: 'blocking', mode: PR, ...rec });
    assert.equal(dlm.nextAst(0), undefined);
    assert.equal(dlm.hasAst(1), false);
  });
});
