/**
 * The cluster's Distributed Lock Manager (kernel/BUILTINS.md, "DLM"): the bookkeeping behind the dlm_*
 * builtins, shared by every node. It knows nothing of simulated memory or tasks: the kernel runtime reads and
 * writes struct dlm_lksb and sleeps dlm_astd, and hands us an opaque cookie per request that comes back in the
 * AST records. Everything is deterministic (ids in creation order, Maps in insertion order), so a replay or a
 * restored snapshot makes the same choices.
 */

export type DlmMode = 0 | 1 | 2 | 3 | 4 | 5; // NL CR CW PR PW EX

export const DLM_LOCK_NL = 0;
export const DLM_LOCK_CR = 1;
export const DLM_LOCK_CW = 2;
export const DLM_LOCK_PR = 3;
export const DLM_LOCK_PW = 4;
export const DLM_LOCK_EX = 5;

// kernel/include/linux/dlm.h
export const DLM_LKF_NOQUEUE = 0x00000001;
export const DLM_LKF_CONVERT = 0x00000004;
export const DLM_LKF_NOQUEUEBAST = 0x00000800;
export const DLM_RESNAME_MAXLEN = 64;

/** -EAGAIN and -EINVAL, as the C sees them. */
const ERR_AGAIN = -11;
const ERR_INVAL = -22;
/** Every other flag belongs to a feature the model leaves out (BUILTINS.md); accepting it silently would hide that. */
const SUPPORTED_FLAGS = DLM_LKF_NOQUEUE | DLM_LKF_CONVERT | DLM_LKF_NOQUEUEBAST;

const MODE_NAMES = ['NL', 'CR', 'CW', 'PR', 'PW', 'EX'] as const;
const ALL_MODES: readonly DlmMode[] = [0, 1, 2, 3, 4, 5];

/**
 * The VMS compatibility matrix as bit sets: bit b of COMPAT[m] is set when modes m and b can be granted together.
 * The same sets order the modes for the BAST resend rule: m is at least as strong as n when everything compatible
 * with m is compatible with n. That makes CW and PR incomparable, so a CW holder told about PR still hears about CW.
 */
const COMPAT: readonly number[] = [0b111111, 0b011111, 0b000111, 0b001011, 0b000011, 0b000001];

export function isDlmMode(m: number): m is DlmMode {
  return Number.isInteger(m) && m >= 0 && m <= 5;
}

export function describeMode(m: number): string {
  return isDlmMode(m) ? MODE_NAMES[m] : m === -1 ? 'IV' : `mode ${m}`;
}

export function modesCompatible(a: DlmMode, b: DlmMode): boolean {
  return ((COMPAT[a] ?? 0) & (1 << b)) !== 0;
}

function atLeastAsStrong(m: DlmMode, n: DlmMode): boolean {
  return ((COMPAT[m] ?? 0) & ~(COMPAT[n] ?? 0)) === 0;
}

export interface AstRecord {
  kind: 'completion' | 'blocking';
  node: number;
  /** Completion: the request's lock. Blocking: the holder's lock that is in the way. */
  lkid: number;
  /** 0 or -EAGAIN (-11) for completions; 0 for blocking ASTs. */
  status: number;
  /** Completion: the mode asked for. Blocking: the mode the blocked request wants (the bast's argument). */
  mode: DlmMode;
  cookie: unknown;
  lockspace: string;
}

export interface DlmLockInfo {
  lkid: number;
  node: number;
  /** Printable ASCII as is, other bytes and backslash as \xNN. */
  resource: string;
  lockspace: string;
  grantedMode: DlmMode | undefined;
  requestedMode: DlmMode | undefined;
  queue: 'granted' | 'convert' | 'wait';
  cookie: unknown;
}

interface LockRec {
  lkid: number;
  node: number;
  ls: string;
  res: string;
  granted: DlmMode | undefined;
  /** Set while the lock waits: a new request (granted undefined) or a conversion. */
  requested: DlmMode | undefined;
  cookie: unknown;
  hasBast: boolean;
  /** Bit set of the modes sent in BASTs since the lock was last granted or converted. */
  bastSent: number;
}

interface ResRec {
  granted: number[];
  convert: number[];
  wait: number[];
}

interface HandleRec {
  node: number;
  ls: string;
  /** A node that joins twice gets the same handle; its locks go only when the last user leaves. */
  refs: number;
}

interface DlmState {
  nextLkid: number;
  nextHandle: number;
  handles: Map<number, HandleRec>;
  locks: Map<number, LockRec>;
  /** Keyed by resKey(lockspace, name). A resource exists only while it has locks. */
  resources: Map<string, ResRec>;
  asts: Map<number, AstRecord[]>;
}

function emptyState(): DlmState {
  return { nextLkid: 1, nextHandle: 1, handles: new Map(), locks: new Map(), resources: new Map(), asts: new Map() };
}

/** Cookies are shared, not copied: they are the runtime's immutable values (pointers), and may not be cloneable. */
function cloneState(s: DlmState): DlmState {
  return {
    nextLkid: s.nextLkid,
    nextHandle: s.nextHandle,
    handles: new Map([...s.handles].map(([k, h]) => [k, { ...h }])),
    locks: new Map([...s.locks].map(([k, l]) => [k, { ...l }])),
    resources: new Map(
      [...s.resources].map(([k, r]) => [k, { granted: [...r.granted], convert: [...r.convert], wait: [...r.wait] }]),
    ),
    asts: new Map([...s.asts].map(([k, q]) => [k, q.map((a) => ({ ...a }))])),
  };
}

export function resourceName(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) {
    s += b >= 0x20 && b < 0x7f && b !== 0x5c ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`;
  }
  return s;
}

/** NUL cannot occur in an escaped resource name, so the key is unambiguous whatever the lockspace is called. */
function resKey(ls: string, res: string): string {
  return `${ls}\0${res}`;
}

/** Opaque to callers, so that restore() can only be given what snapshot() produced. */
class DlmSnapshot {
  constructor(readonly state: DlmState) {}
}

export class Dlm {
  private s: DlmState = emptyState();

  /** Joins (creating if needed) the cluster-wide lockspace `name`; returns this node's handle for it. */
  joinLockspace(node: number, name: string): number {
    for (const [handle, h] of this.s.handles) {
      if (h.node === node && h.ls === name) {
        h.refs++;
        return handle;
      }
    }
    const handle = this.s.nextHandle++;
    this.s.handles.set(handle, { node, ls: name, refs: 1 });
    return handle;
  }

  /**
   * Drops this node's locks and requests in the lockspace, granting what becomes grantable, and discards its
   * undelivered ASTs there: as in the real release_lockspace(), the C may free the structures they point to.
   */
  leaveLockspace(node: number, handle: number): 0 | -22 {
    const h = this.s.handles.get(handle);
    if (!h || h.node !== node) return ERR_INVAL;
    if (--h.refs > 0) return 0;
    this.s.handles.delete(handle);
    const touched: string[] = [];
    for (const l of [...this.s.locks.values()]) {
      if (l.node !== node || l.ls !== h.ls) continue;
      const key = resKey(l.ls, l.res);
      this.removeLock(l);
      if (!touched.includes(key)) touched.push(key);
    }
    const q = this.s.asts.get(node);
    if (q) this.s.asts.set(node, q.filter((a) => a.lockspace !== h.ls));
    for (const key of touched) this.settle(key);
    return 0;
  }

  /**
   * dlm_lock(). A new request creates a lock on `resource` (its lkid is returned even when NOQUEUE then refuses
   * it, as the C has it in sb_lkid); a DLM_LKF_CONVERT request converts `existingLkid` and ignores `resource`.
   * `cookie` and `hasBast` replace the lock's on a conversion, as the real DLM takes ast, bast and astarg anew.
   * On -EINVAL nothing changes and lkid is 0.
   */
  lock(
    node: number,
    handle: number,
    mode: number,
    flags: number,
    resource: Uint8Array,
    existingLkid: number | undefined,
    cookie: unknown,
    hasBast = true,
  ): { status: 0 | -22; lkid: number } {
    const bad = { status: ERR_INVAL, lkid: 0 } as const;
    const h = this.s.handles.get(handle);
    if (!h || h.node !== node || !isDlmMode(mode)) return bad;
    if ((flags & ~SUPPORTED_FLAGS) !== 0) return bad;
    if (flags & DLM_LKF_NOQUEUEBAST && !(flags & DLM_LKF_NOQUEUE)) return bad;
    const noqueue = (flags & DLM_LKF_NOQUEUE) !== 0;
    const noqueueBast = (flags & DLM_LKF_NOQUEUEBAST) !== 0;

    if (flags & DLM_LKF_CONVERT) {
      const l = existingLkid === undefined ? undefined : this.s.locks.get(existingLkid);
      if (!l || l.node !== node || l.ls !== h.ls || l.granted === undefined || l.requested !== undefined) return bad;
      const key = resKey(l.ls, l.res);
      const r = this.resource(key);
      l.cookie = cookie;
      l.hasBast = hasBast;
      if (this.compatibleWithHolders(r, mode, l.lkid)) {
        this.grant(l, mode);
      } else if (noqueue) {
        this.refuse(l, mode, noqueueBast);
        return { status: 0, lkid: l.lkid };
      } else {
        l.requested = mode;
        r.granted.splice(r.granted.indexOf(l.lkid), 1);
        r.convert.push(l.lkid);
      }
      this.settle(key);
      return { status: 0, lkid: l.lkid };
    }

    if (resource.length === 0 || resource.length > DLM_RESNAME_MAXLEN) return bad;
    const res = resourceName(resource);
    const key = resKey(h.ls, res);
    const lkid = this.s.nextLkid++;
    const l: LockRec = { lkid, node, ls: h.ls, res, granted: undefined, requested: mode, cookie, hasBast, bastSent: 0 };
    const existing = this.s.resources.get(key);
    const grantable =
      !existing ||
      (existing.convert.length === 0 && existing.wait.length === 0 && this.compatibleWithHolders(existing, mode));
    if (!grantable && noqueue) {
      // The refused lock never exists, so it is only borrowed for the BAST check.
      this.refuse(l, mode, noqueueBast);
      return { status: 0, lkid };
    }
    const r = existing ?? this.newResource(key);
    this.s.locks.set(lkid, l);
    if (grantable) {
      r.granted.push(lkid);
      this.grant(l, mode);
    } else {
      r.wait.push(lkid);
    }
    this.settle(key);
    return { status: 0, lkid };
  }

  /** dlm_unlock() of a granted lock (not one with a conversion pending: cancelling is not supported). */
  unlock(node: number, handle: number, lkid: number): 0 | -22 {
    const h = this.s.handles.get(handle);
    const l = this.s.locks.get(lkid);
    if (!h || h.node !== node || !l || l.node !== node || l.ls !== h.ls) return ERR_INVAL;
    if (l.granted === undefined || l.requested !== undefined) return ERR_INVAL;
    const key = resKey(l.ls, l.res);
    this.removeLock(l);
    this.settle(key);
    return 0;
  }

  /** Oldest queued AST for a node, removed from its queue; undefined when none. */
  nextAst(node: number): AstRecord | undefined {
    const a = this.s.asts.get(node)?.shift();
    return a && { ...a };
  }

  hasAst(node: number): boolean {
    return (this.s.asts.get(node)?.length ?? 0) > 0;
  }

  /** Undelivered ASTs of a node, oldest first, for the views. */
  pendingAsts(node: number): AstRecord[] {
    return (this.s.asts.get(node) ?? []).map((a) => ({ ...a }));
  }

  /** Every lock and request, in lkid order. */
  locks(): DlmLockInfo[] {
    return [...this.s.locks.values()].map((l) => this.info(l));
  }

  lockInfo(lkid: number): DlmLockInfo | undefined {
    const l = this.s.locks.get(lkid);
    return l && this.info(l);
  }

  /**
   * The locks a queued request waits for: holders (including converting ones, which keep their granted mode)
   * incompatible with it, then every request ahead of it in the order the queues are served, since none may be
   * overtaken. Empty for a lock that is not waiting.
   */
  waitsFor(lkid: number): number[] {
    const l = this.s.locks.get(lkid);
    if (!l || l.requested === undefined) return [];
    const r = this.resource(resKey(l.ls, l.res));
    const want = l.requested;
    const out: number[] = [];
    for (const id of [...r.granted, ...r.convert]) {
      const g = this.s.locks.get(id)?.granted;
      if (id !== lkid && g !== undefined && !modesCompatible(g, want)) out.push(id);
    }
    const ahead = l.granted === undefined ? [...r.convert, ...r.wait] : r.convert;
    for (const id of ahead.slice(0, ahead.indexOf(lkid))) if (!out.includes(id)) out.push(id);
    return out;
  }

  snapshot(): unknown {
    return new DlmSnapshot(cloneState(this.s));
  }

  restore(snap: unknown): void {
    if (!(snap instanceof DlmSnapshot)) throw new TypeError('Dlm.restore: not a Dlm snapshot');
    this.s = cloneState(snap.state);
  }

  private info(l: LockRec): DlmLockInfo {
    return {
      lkid: l.lkid,
      node: l.node,
      resource: l.res,
      lockspace: l.ls,
      grantedMode: l.granted,
      requestedMode: l.requested,
      queue: l.granted === undefined ? 'wait' : l.requested === undefined ? 'granted' : 'convert',
      cookie: l.cookie,
    };
  }

  private resource(key: string): ResRec {
    const r = this.s.resources.get(key);
    if (!r) throw new Error(`dlm: lost resource ${JSON.stringify(key)}`);
    return r;
  }

  private newResource(key: string): ResRec {
    const r: ResRec = { granted: [], convert: [], wait: [] };
    this.s.resources.set(key, r);
    return r;
  }

  private lockRec(lkid: number): LockRec {
    const l = this.s.locks.get(lkid);
    if (!l) throw new Error(`dlm: lost lock ${lkid}`);
    return l;
  }

  /** Converting locks still hold their granted mode, so they count as holders. */
  private holders(r: ResRec): LockRec[] {
    return [...r.granted, ...r.convert].map((id) => this.lockRec(id));
  }

  private compatibleWithHolders(r: ResRec, mode: DlmMode, except?: number): boolean {
    return this.holders(r).every(
      (g) => g.lkid === except || g.granted === undefined || modesCompatible(g.granted, mode),
    );
  }

  private removeLock(l: LockRec): void {
    const r = this.resource(resKey(l.ls, l.res));
    for (const q of [r.granted, r.convert, r.wait]) {
      const i = q.indexOf(l.lkid);
      if (i >= 0) q.splice(i, 1);
    }
    this.s.locks.delete(l.lkid);
  }

  /** Grants in place; the caller has put the lock on the granted queue. */
  private grant(l: LockRec, mode: DlmMode): void {
    l.granted = mode;
    l.requested = undefined;
    l.bastSent = 0;
    this.queueAst('completion', l, 0, mode);
  }

  private refuse(l: LockRec, mode: DlmMode, sendBasts: boolean): void {
    const key = resKey(l.ls, l.res);
    const r = this.s.resources.get(key);
    if (sendBasts && r) this.sendBasts(r, l, mode);
    this.queueAst('completion', l, ERR_AGAIN, mode);
  }

  /**
   * After any change to a resource: grant what became grantable (convert queue first, each queue FIFO, the head
   * only), then make sure every holder in the way of a waiting request has heard about it. The BAST pass is
   * idempotent thanks to bastSent, so running it after every change covers both "on request" and "re-check on
   * grant or convert" without tracking which happened.
   */
  private settle(key: string): void {
    const r = this.s.resources.get(key);
    if (!r) return;
    for (;;) {
      const c = r.convert[0];
      if (c === undefined) break;
      const l = this.lockRec(c);
      if (l.requested === undefined || !this.compatibleWithHolders(r, l.requested, c)) break;
      r.convert.shift();
      r.granted.push(c);
      this.grant(l, l.requested);
    }
    while (r.convert.length === 0) {
      const w = r.wait[0];
      if (w === undefined) break;
      const l = this.lockRec(w);
      if (l.requested === undefined || !this.compatibleWithHolders(r, l.requested)) break;
      r.wait.shift();
      r.granted.push(w);
      this.grant(l, l.requested);
    }
    for (const id of [...r.convert, ...r.wait]) {
      const l = this.lockRec(id);
      if (l.requested !== undefined) this.sendBasts(r, l, l.requested);
    }
    if (r.granted.length + r.convert.length + r.wait.length === 0) this.s.resources.delete(key);
  }

  /** BASTs to other nodes' holders that block `req` and have not yet been told about a mode at least as strong. */
  private sendBasts(r: ResRec, req: LockRec, mode: DlmMode): void {
    for (const g of this.holders(r)) {
      if (g.lkid === req.lkid || g.node === req.node || !g.hasBast || g.granted === undefined) continue;
      if (modesCompatible(g.granted, mode)) continue;
      if (ALL_MODES.some((m) => g.bastSent & (1 << m) && atLeastAsStrong(m, mode))) continue;
      g.bastSent |= 1 << mode;
      this.queueAst('blocking', g, 0, mode);
    }
  }

  private queueAst(kind: AstRecord['kind'], l: LockRec, status: number, mode: DlmMode): void {
    const a: AstRecord = { kind, node: l.node, lkid: l.lkid, status, mode, cookie: l.cookie, lockspace: l.ls };
    const q = this.s.asts.get(a.node);
    if (q) q.push(a);
    else this.s.asts.set(a.node, [a]);
  }
}
