import type { I64 } from '../vm/int64';
import { norm } from '../vm/int64';
import type { Builtin, Task } from '../vm/machine';
import { BLOCK } from '../vm/machine';
import { CFault, TEXT_BASE } from '../vm/memory';
import { formatPrintfResult, type PrintfSource } from '../vm/printf';
import { DLM_LKF_CONVERT } from './dlm';
import { ALL_BUILTINS, INLINE_BUILTINS } from './builtin-names';
import { EIO, EINVAL, LDM_CLASS, LDM_NAME, LKSB_DEP_MAP, LKSB_LKID, PAGE_SIZE, WQ_FLAGS } from './layout';
import type { KNode } from './node';

/**
 * The 58 builtins of kernel/BUILTINS.md for one node, as interpreter builtins. Each reads and writes the node's
 * memory through checked accessors, so a bad pointer handed to a builtin is reported as the C dereference
 * would be. Blocking ones return BLOCK after recording what the task waits for; the lock tables wake it.
 */

/** The cookie handed to the DLM with each request: where the C wants its AST delivered. Plain data. */
export interface DlmCookie {
  node: number;
  lksb: number;
  ast: number;
  bast: number;
  astarg: number;
  /** lksb->sb_dep_map when the request was made (the node-local lock this DLM lock backs), or 0. */
  depMap: number;
}

const num = (v: I64 | undefined): number => Number(v ?? 0);
const POISON = 0x5a;

function varargs(node: KNode, args: I64[]): PrintfSource {
  let i = 0;
  return {
    next: () => (i < args.length ? { kind: 'int', value: args[i++] as I64 } : undefined),
    readCString: (addr, maxLen) => {
      const a = norm(BigInt(addr));
      if (maxLen === undefined) return node.mem.readCString(a);
      const out: number[] = [];
      for (let k = 0; k < maxLen; k++) {
        const b = node.mem.readBytes(num(a) + k, 1)[0] as number;
        if (b === 0) break;
        out.push(b);
      }
      return Uint8Array.from(out);
    },
  };
}

export function nodeBuiltins(node: KNode): Map<string, Builtin> {
  const m = new Map<string, Builtin>();
  const def = (name: string, fn: Builtin['fn']) => {
    if (!ALL_BUILTINS.has(name)) throw new Error(`internal: ${name} is not a listed builtin`);
    m.set(name, { name, inline: INLINE_BUILTINS.has(name), fn });
  };
  const cur = (T: Task) => node.taskOf(T);
  /** A lock object's address, checked like the C dereference the real primitive would make. */
  const obj = (p: I64 | undefined, size = 8): number => node.mem.check(p ?? 0, size, true);
  const str = (p: I64 | undefined): string => Buffer.from(node.mem.readCString(p ?? 0)).toString('latin1');
  const format = (fmt: I64 | undefined, args: I64[]) => formatPrintfResult(node.mem.readCString(fmt ?? 0), varargs(node, args));

  // --- memory -------------------------------------------------------------------------------------------------
  def('kmalloc', (T, size) => {
    const n = ++node.kmallocCount;
    if (node.cluster.faults.kmalloc?.(node.index, n)) return 0;
    const p = node.mem.malloc(num(size), node.site(T, `kmalloc #${n}`));
    if (p) node.mem.u8.fill(POISON, p, p + num(size));
    return p;
  });
  def('kfree', (T, p) => {
    if (p == 0 || p === undefined) return;
    const a = typeof p === 'number' ? node.mem.live.get(p) : undefined;
    if (a && a.kind === 'heap') {
      node.locks.forget(a.addr, a.size);
      node.pt.drop(a.addr);
    }
    node.mem.free(p, node.site(T, 'kfree'));
  });
  def('__alloc_frame', (T) => {
    const n = ++node.frameCount;
    if (node.cluster.faults.frame?.(node.index, n)) return 0;
    const size = 2 * PAGE_SIZE - 16;
    const base = node.mem.malloc(size, node.site(T, `page frame #${n}`));
    if (!base) return 0;
    const p = Math.ceil(base / PAGE_SIZE) * PAGE_SIZE;
    // Only the aligned page is valid: the slack around it stays unmapped, like a redzone.
    node.mem.shadow.fill(0, base, p);
    node.mem.shadow.fill(0, p + PAGE_SIZE, base + size);
    node.mem.u8.fill(POISON, p, p + PAGE_SIZE);
    node.frames.set(p, base);
    return p;
  });
  def('__free_frame', (T, p) => {
    const base = typeof p === 'number' ? node.frames.get(p) : undefined;
    if (base === undefined) throw new CFault('invalid-free', `__free_frame of ${String(p)}, which __alloc_frame did not return (or was freed already)`, p);
    node.frames.delete(p as number);
    node.locks.forget(p as number, PAGE_SIZE);
    node.mem.free(base, node.site(T, '__free_frame'));
  });
  def('memcpy', (_T, d, s, n) => {
    const len = num(n);
    if (len) node.mem.writeBytes(d ?? 0, node.mem.readBytes(s ?? 0, len));
    return d ?? 0;
  });
  def('memmove', (_T, d, s, n) => {
    const len = num(n);
    if (len) node.mem.writeBytes(d ?? 0, node.mem.readBytes(s ?? 0, len));
    return d ?? 0;
  });
  def('memset', (_T, d, c, n) => {
    const len = num(n);
    if (len) node.mem.writeBytes(d ?? 0, new Uint8Array(len).fill(num(c) & 255));
    return d ?? 0;
  });
  def('memcmp', (_T, a, b, n) => {
    const len = num(n);
    if (!len) return 0;
    const x = node.mem.readBytes(a ?? 0, len);
    const y = node.mem.readBytes(b ?? 0, len);
    for (let i = 0; i < len; i++) if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
    return 0;
  });

  // --- output and oopses --------------------------------------------------------------------------------------
  def('printk', (T, fmt, ...args) => {
    const r = format(fmt, args);
    node.printk(cur(T), r.bytes);
    return r.bytes.length;
  });
  def('sprintf', (_T, buf, fmt, ...args) => {
    const r = format(fmt, args);
    node.mem.writeBytes(buf ?? 0, Uint8Array.from([...r.bytes, 0]));
    return r.bytes.length;
  });
  def('snprintf', (_T, buf, size, fmt, ...args) => {
    const r = format(fmt, args);
    const n = num(size);
    if (n > 0) node.mem.writeBytes(buf ?? 0, Uint8Array.from([...r.bytes.slice(0, n - 1), 0]));
    return r.bytes.length;
  });
  def('panic', (T, fmt, ...args) => {
    const msg = Buffer.from(format(fmt, args).bytes).toString('latin1').replace(/\n$/, '');
    node.logLine(cur(T), 0, `Kernel panic - not syncing: ${msg}`);
    node.panicked = msg;
    throw new CFault('abort', `Kernel panic - not syncing: ${msg}`);
  });
  def('dump_stack', (T) => {
    const kt = cur(T);
    node.logLine(kt, undefined, 'Call Trace:');
    for (const f of T.machine.backtrace(T)) node.logLine(kt, undefined, ` [<${f.func}>] ${f.loc.file}:${f.loc.line}`);
  });
  def('__bug', (T, file, line) => {
    const where = `${str(file)}:${num(line)}`;
    node.logLine(cur(T), 2, `kernel BUG at ${where}!`);
    throw new CFault('bug', `kernel BUG at ${where}!`);
  });

  // --- tasks, sleeping and waking -----------------------------------------------------------------------------
  def('get_current', (T) => cur(T).taskStruct);
  def('__sim_spawn', (T, p, fn, data) => {
    const idx = typeof fn === 'number' ? (fn - TEXT_BASE) / 16 : -1;
    const f = T.machine.funcs[idx];
    if (!Number.isInteger(idx) || !f || !f.run) throw new CFault(fn == 0 ? 'null-deref' : 'bad-call', `__sim_spawn of an invalid function pointer ${String(fn)}`, fn);
    node.spawnKthread(num(p), f, [data ?? 0]);
  });
  def('__init_waitqueue_head', (T, q, name) => node.locks.initQueue(obj(q, 24), str(name), cur(T).id));
  def('prepare_to_wait', (T, q, wait) => {
    node.locks.prepareToWait(obj(q, 24), obj(wait, 32), cur(T).id, false);
  });
  def('prepare_to_wait_exclusive', (T, q, wait) => {
    const w = obj(wait, 32);
    node.ops.st32(w + WQ_FLAGS, node.ops.ld32u(w + WQ_FLAGS) | 1);
    node.locks.prepareToWait(obj(q, 24), w, cur(T).id, true);
  });
  def('finish_wait', (T, q, wait) => node.locks.finishWait(obj(q, 24), obj(wait, 32), cur(T).id));
  def('__wake_up', (_T, q, _mode, nr) => {
    node.locks.wakeUp(obj(q, 24), num(nr), (t) => node.task(t)?.wait?.kind === 'waitqueue');
  });
  def('waitqueue_active', (_T, q) => (node.locks.waitqueueActive(obj(q, 24)) ? 1 : 0));
  def('schedule', (T) => {
    const kt = cur(T);
    if (!node.locks.mustSleep(kt.id)) return 0;
    return node.block(kt, { kind: 'waitqueue', queues: node.locks.queuesOf(kt.id) });
  });

  // --- locks ----------------------------------------------------------------------------------------------------
  def('__spin_lock_init', (T, l, name) => node.locks.init('spinlock', obj(l, 16), str(name), cur(T).id));
  def('spin_lock', (T, l) => {
    const kt = cur(T);
    const a = obj(l, 16);
    return node.locks.spinLock(a, kt.id) ? 0 : node.block(kt, { kind: 'spinlock', addr: a });
  });
  def('spin_unlock', (T, l) => node.locks.spinUnlock(obj(l, 16), cur(T).id));
  def('spin_trylock', (T, l) => (node.locks.spinTrylock(obj(l, 16), cur(T).id) ? 1 : 0));
  def('spin_is_locked', (_T, l) => (node.locks.spinIsLocked(obj(l, 16)) ? 1 : 0));
  def('__init_rwsem', (T, s, name) => node.locks.init('rwsem', obj(s, 16), str(name), cur(T).id));
  def('down_read', (T, s) => {
    const kt = cur(T);
    const a = obj(s, 16);
    return node.locks.downRead(a, kt.id) ? 0 : node.block(kt, { kind: 'rwsem', addr: a, mode: 'read' });
  });
  def('down_write', (T, s) => {
    const kt = cur(T);
    const a = obj(s, 16);
    return node.locks.downWrite(a, kt.id) ? 0 : node.block(kt, { kind: 'rwsem', addr: a, mode: 'write' });
  });
  def('down_read_trylock', (T, s) => (node.locks.downRead(obj(s, 16), cur(T).id, true) ? 1 : 0));
  def('down_write_trylock', (T, s) => (node.locks.downWrite(obj(s, 16), cur(T).id, true) ? 1 : 0));
  def('up_read', (T, s) => node.locks.upRead(obj(s, 16), cur(T).id));
  def('up_write', (T, s) => node.locks.upWrite(obj(s, 16), cur(T).id));
  def('downgrade_write', (T, s) => node.locks.downgradeWrite(obj(s, 16), cur(T).id));
  def('__sema_init', (T, s, val, name) => node.locks.init('semaphore', obj(s, 16), str(name), cur(T).id, num(val)));
  const down = (T: Task, s: I64 | undefined) => {
    const kt = cur(T);
    const a = obj(s, 16);
    return node.locks.down(a, kt.id) ? 0 : node.block(kt, { kind: 'semaphore', addr: a });
  };
  def('down', (T, s) => down(T, s));
  def('down_interruptible', (T, s) => down(T, s));
  def('down_trylock', (T, s) => (node.locks.downTry(obj(s, 16), cur(T).id) ? 0 : 1));
  def('up', (T, s) => node.locks.up(obj(s, 16), cur(T).id));

  // --- lock annotations ---------------------------------------------------------------------------------------
  def('lockdep_init_map', (T, map, name, cls) => {
    const a = obj(map, 16);
    const info = { name: name == 0 ? `lockdep_map@0x${a.toString(16)}` : str(name), cls: cls == 0 ? 'unnamed' : str(cls) };
    node.lockdep.set(a, info);
    node.lockEvent(cur(T), 'init', 'lockdep', a, info.cls, 'write', { name: info.name });
  });
  const mapInfo = (a: number) => {
    let info = node.lockdep.get(a);
    if (!info) {
      const n = node.strAt(a + LDM_NAME);
      const c = node.strAt(a + LDM_CLASS);
      info = { name: n ?? `lockdep_map@0x${a.toString(16)}`, cls: c ?? n ?? 'unnamed' };
      node.lockdep.set(a, info);
    }
    return info;
  };
  def('lock_acquire', (T, map, _sub, trylock, read) => {
    const kt = cur(T);
    const a = obj(map, 16);
    const info = mapInfo(a);
    const n = kt.lockdepHeld.get(a) ?? 0;
    kt.lockdepHeld.set(a, n + 1);
    node.lockEvent(kt, 'acquire', 'lockdep', a, info.cls, num(read) ? 'read' : 'write', { name: info.name, trylock: num(trylock) !== 0, recursive: n > 0 });
  });
  def('lock_release', (T, map) => {
    const kt = cur(T);
    const a = obj(map, 16);
    const n = kt.lockdepHeld.get(a) ?? 0;
    if (n === 0) return; // page locks may be released by another task than the one that took them
    if (n === 1) kt.lockdepHeld.delete(a);
    else kt.lockdepHeld.set(a, n - 1);
    const info = mapInfo(a);
    node.lockEvent(kt, 'release', 'lockdep', a, info.cls, 'write', { name: info.name });
  });
  def('lock_contended', (T, map, read) => {
    const a = obj(map, 16);
    const info = mapInfo(a);
    node.lockEvent(cur(T), 'contended', 'lockdep', a, info.cls, num(read) ? 'read' : 'write', { name: info.name });
  });
  def('lock_acquired', (T, map) => {
    const a = obj(map, 16);
    const info = mapInfo(a);
    node.lockEvent(cur(T), 'acquired', 'lockdep', a, info.cls, 'write', { name: info.name });
  });

  // --- user page tables ---------------------------------------------------------------------------------------
  def('__user_page_lookup', (_T, mm, addr, write) => node.pt.lookup(obj(mm, 8), num(addr), num(write) !== 0));
  def('__user_page_install', (_T, mm, addr, page, kaddr, writable) => node.pt.install(obj(mm, 8), num(addr), num(page), num(kaddr), num(writable) !== 0));
  def('__user_page_get', (_T, mm, addr, flags) => {
    const e = node.pt.get(obj(mm, 8), num(addr));
    if (flags != 0) node.ops.st32(flags ?? 0, e ? e.bits : 0);
    return e ? e.page : 0;
  });
  def('__user_page_remove', (_T, mm, addr, flags) => {
    const e = node.pt.remove(obj(mm, 8), num(addr));
    if (flags != 0) node.ops.st32(flags ?? 0, e ? e.bits : 0);
    return e ? e.page : 0;
  });

  // --- disks ----------------------------------------------------------------------------------------------------
  def('__disk_read', (_T, disk, block, buf) => {
    const b = node.cluster.disks.read(num(disk), num(block));
    if (!b) return -EIO;
    node.mem.writeBytes(buf ?? 0, b);
    return 0;
  });
  def('__disk_write', (_T, disk, block, buf) => {
    const bytes = node.mem.readBytes(buf ?? 0, PAGE_SIZE);
    return node.cluster.disks.write(num(disk), num(block), bytes) ? 0 : -EIO;
  });
  def('__disk_nr_blocks', (_T, disk) => node.cluster.disks.nrBlocks(num(disk)));

  // --- DLM ------------------------------------------------------------------------------------------------------
  const dlm = node.cluster.dlm;
  def('dlm_new_lockspace', (_T, name, namelen, lsp) => {
    const bytes = node.mem.readBytes(name ?? 0, num(namelen));
    const end = bytes.indexOf(0);
    const ls = Buffer.from(end >= 0 ? bytes.subarray(0, end) : bytes).toString('latin1');
    const handle = dlm.joinLockspace(node.index, ls);
    let addr = node.lockspaceAddr.get(handle);
    if (addr === undefined) {
      addr = node.mem.allocStatic(16, 'global', `dlm lockspace ${ls}`);
      node.lockspaceAddr.set(handle, addr);
      node.lockspaceHandle.set(addr, handle);
    }
    node.ops.st64(obj(lsp, 8), addr);
    return 0;
  });
  def('dlm_release_lockspace', (_T, ls) => {
    const handle = typeof ls === 'number' ? node.lockspaceHandle.get(ls) : undefined;
    if (handle === undefined) return -EINVAL;
    const r = dlm.leaveLockspace(node.index, handle);
    node.cluster.deliverAsts();
    return r;
  });
  def('dlm_lock', (_T, ls, mode, lksb, flags, name, namelen, parent, ast, astarg, bast, range) => {
    const handle = typeof ls === 'number' ? node.lockspaceHandle.get(ls) : undefined;
    if (handle === undefined || num(parent) !== 0 || num(range) !== 0) return -EINVAL;
    const sb = obj(lksb, 32);
    const fl = num(flags) >>> 0;
    const convert = (fl & DLM_LKF_CONVERT) !== 0;
    const len = num(namelen);
    const resource = convert || len <= 0 || len > 64 ? new Uint8Array(len > 64 ? 65 : 0) : node.mem.readBytes(name ?? 0, len);
    const cookie: DlmCookie = { node: node.index, lksb: sb, ast: num(ast), bast: num(bast), astarg: num(astarg), depMap: num(node.ops.ld64u(sb + LKSB_DEP_MAP)) };
    const existing = convert ? node.ops.ld32u(sb + LKSB_LKID) : undefined;
    const r = dlm.lock(node.index, handle, num(mode), fl, resource, existing, cookie, num(bast) !== 0);
    if (r.status === 0 && !convert) node.ops.st32(sb + LKSB_LKID, r.lkid);
    node.cluster.deliverAsts();
    return r.status;
  });
  def('dlm_unlock', (_T, ls, lkid) => {
    const handle = typeof ls === 'number' ? node.lockspaceHandle.get(ls) : undefined;
    if (handle === undefined) return -EINVAL;
    const r = dlm.unlock(node.index, handle, num(lkid) >>> 0);
    node.cluster.deliverAsts();
    return r;
  });
  def('__dlm_next_ast', (T, rec) => {
    const kt = cur(T);
    const r = obj(rec, 32);
    const a = dlm.nextAst(node.index);
    if (a) {
      node.deliverAst(a, r);
      return 0;
    }
    return node.block(kt, { kind: 'dlm-ast', rec: r });
  });

  for (const n of ALL_BUILTINS) if (!m.has(n)) throw new Error(`internal: builtin ${n} not implemented`);
  return m;
}
