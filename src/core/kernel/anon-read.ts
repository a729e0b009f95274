import { MemoryTree, writeChanges } from '../patch';
import type { ApplyPlan } from '../patch';
import type { CallOutcome } from './node';
import { SimCluster, okValue } from './syscalls';

/**
 * Scenario s0, "anonymous buffer": one node, one task reads an ordinary file of a filesystem into a malloc'd
 * (anonymous, not yet faulted in) buffer. It is the first proof of the seed mail: its iolock_region() finds
 * no file-backed VMA and dereferences a NULL mapping. The scenario format of the simulator will describe this
 * in YAML; until then this is its one built-in scenario.
 */
export interface AnonReadResult {
  sim: SimCluster;
  outcome: CallOutcome;
  /** What the buffer holds after the read (empty when the read did not return). */
  bytes: Buffer;
  data: Buffer;
}

export const ANON_READ_DATA = Buffer.from('GFS2 file contents. '.repeat(500));

export async function runAnonBufferRead(tree: MemoryTree, fsType: 'gfs2' | 'ocfs2' | 'ext2' = 'gfs2', data = ANON_READ_DATA): Promise<AnonReadResult> {
  const sim = await SimCluster.create({ tree, nodes: 1, disks: [32] });
  sim.mkfs(fsType, '/dev/simd0');
  sim.mkfile('/dev/simd0', 'A', data, Math.ceil(data.length / 4096) * 4096);
  sim.mount(0, fsType, '/dev/simd0', `/mnt/${fsType}`);
  const t = sim.createProcess(0, 'reader');
  const fd = okValue(t.open(`/mnt/${fsType}/A`), 'open');
  const buf = okValue(t.userAlloc(data.length), 'sim_user_alloc');
  const outcome = t.read(fd, buf, data.length);
  const bytes = outcome.status === 'done' ? Buffer.from(t.userRead(buf, data.length).bytes) : Buffer.alloc(0);
  return { sim, outcome, bytes, data };
}

/** The tree with a plan's changes applied, in memory (the base is not touched). */
export function patchedTree(base: MemoryTree, plan: ApplyPlan, label: string): MemoryTree {
  const tree = new MemoryTree(base.files, label);
  writeChanges(tree, plan.changes);
  return tree;
}
