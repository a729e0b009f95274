import { PAGE_MASK, UPTE_DIRTY, UPTE_WRITE, UPTE_YOUNG } from './layout';

/**
 * The MMU of one node (kernel/BUILTINS.md, "User page tables"): per mm_struct (keyed by its address), one entry
 * per user virtual page with the struct page, the kernel address of the page's data and the UPTE_* bits. C
 * creates and removes entries; the builtins only translate. Plain data: a snapshot is a structured clone.
 */
export interface Pte {
  page: number;
  kaddr: number;
  bits: number;
}

export class PageTables {
  tables = new Map<number, Map<number, Pte>>();

  private table(mm: number): Map<number, Pte> {
    let t = this.tables.get(mm);
    if (!t) {
      t = new Map();
      this.tables.set(mm, t);
    }
    return t;
  }

  /** The kernel address of the byte, or 0 (page fault); sets YOUNG, and DIRTY on a write, as the MMU does. */
  lookup(mm: number, addr: number, write: boolean): number {
    const e = this.tables.get(mm)?.get(pageOf(addr));
    if (!e || (write && !(e.bits & UPTE_WRITE))) return 0;
    e.bits |= UPTE_YOUNG | (write ? UPTE_DIRTY : 0);
    return e.kaddr + (addr & PAGE_MASK);
  }

  /** Sets the entry; returns the page installed there before (0 if none). */
  install(mm: number, addr: number, page: number, kaddr: number, writable: boolean): number {
    const t = this.table(mm);
    const va = pageOf(addr);
    const old = t.get(va);
    if (old && old.page === page) {
      old.bits = (old.bits & ~UPTE_WRITE) | (writable ? UPTE_WRITE : 0);
      old.kaddr = kaddr - (kaddr & PAGE_MASK);
      return old.page;
    }
    t.set(va, { page, kaddr: kaddr - (kaddr & PAGE_MASK), bits: writable ? UPTE_WRITE : 0 });
    return old ? old.page : 0;
  }

  get(mm: number, addr: number): Pte | undefined {
    return this.tables.get(mm)?.get(pageOf(addr));
  }

  remove(mm: number, addr: number): Pte | undefined {
    const t = this.tables.get(mm);
    const va = pageOf(addr);
    const e = t?.get(va);
    if (e) t?.delete(va);
    return e;
  }

  /** mm_struct memory is being freed: its table goes with it. */
  drop(mm: number): void {
    this.tables.delete(mm);
  }

  snapshot(): Map<number, Map<number, Pte>> {
    return structuredClone(this.tables);
  }

  restore(s: Map<number, Map<number, Pte>>): void {
    this.tables = structuredClone(s);
  }
}

export function pageOf(addr: number): number {
  return addr - (addr % 4096);
}
