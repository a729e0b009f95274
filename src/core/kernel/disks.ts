/**
 * The cluster's disks (kernel/BUILTINS.md, "Disks"): shared by every node, arrays of 4096-byte blocks, whole-block
 * synchronous accesses, no cache. Blocks are replaced, never written in place, so a snapshot is a copy of the
 * block maps.
 */
export const BLOCK_SIZE = 4096;

export interface DiskFaults {
  /** Return true to make this access fail with -EIO. */
  fail?(op: 'read' | 'write', disk: number, block: number): boolean;
}

export class Disks {
  private disks: { blocks: number; data: Map<number, Uint8Array> }[] = [];
  faults: DiskFaults = {};

  /** Adds disk N (/dev/simdN), N in creation order; returns N. */
  add(blocks: number): number {
    if (!Number.isInteger(blocks) || blocks <= 0) throw new Error(`a disk needs a positive number of blocks, not ${blocks}`);
    this.disks.push({ blocks, data: new Map() });
    return this.disks.length - 1;
  }

  get count(): number {
    return this.disks.length;
  }

  nrBlocks(disk: number): number {
    return this.disks[disk]?.blocks ?? 0;
  }

  /** The block's bytes (a copy), or undefined when there is no such block. */
  read(disk: number, block: number): Uint8Array | undefined {
    const d = this.disks[disk];
    if (!d || !Number.isInteger(block) || block < 0 || block >= d.blocks) return undefined;
    if (this.faults.fail?.('read', disk, block)) return undefined;
    return (d.data.get(block) ?? new Uint8Array(BLOCK_SIZE)).slice();
  }

  write(disk: number, block: number, bytes: Uint8Array): boolean {
    const d = this.disks[disk];
    if (!d || !Number.isInteger(block) || block < 0 || block >= d.blocks) return false;
    if (this.faults.fail?.('write', disk, block)) return false;
    d.data.set(block, bytes.slice(0, BLOCK_SIZE));
    return true;
  }

  /** Raw contents of a byte range, for the oracle and tests (no fault injection). */
  peek(disk: number, offset: number, len: number): Uint8Array {
    const out = new Uint8Array(len);
    const d = this.disks[disk];
    if (!d) return out;
    for (let i = 0; i < len; ) {
      const b = Math.floor((offset + i) / BLOCK_SIZE);
      const o = (offset + i) % BLOCK_SIZE;
      const n = Math.min(BLOCK_SIZE - o, len - i);
      const blk = d.data.get(b);
      if (blk) out.set(blk.subarray(o, o + n), i);
      i += n;
    }
    return out;
  }

  snapshot(): { blocks: number; data: Map<number, Uint8Array> }[] {
    return this.disks.map((d) => ({ blocks: d.blocks, data: new Map(d.data) }));
  }

  restore(s: { blocks: number; data: Map<number, Uint8Array> }[]): void {
    this.disks = s.map((d) => ({ blocks: d.blocks, data: new Map(d.data) }));
  }
}
