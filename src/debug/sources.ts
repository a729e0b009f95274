import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import type { MemoryTree } from '../core/patch';

/**
 * Where the editor finds the C of the patched kernel. Files the patch did not touch are the checkout's own
 * (kernel/fs/namei.c): breakpoints set there before the session work. Files the patch created or changed
 * exist only in memory; they are written once into a folder of their own (per tree content, so two policies
 * never share one), and stack frames point there.
 */
export class SourceMap {
  private readonly dir: string;
  private readonly written = new Set<string>();
  private readonly changed = new Map<string, boolean>();

  constructor(
    readonly tree: MemoryTree,
    /** The unpatched tree on disk (kernel/ of the checkout). */
    readonly baseDir: string,
    storageDir: string | undefined,
    label: string,
  ) {
    const h = createHash('sha256');
    for (const k of [...tree.files.keys()].sort()) if (this.patched(k)) h.update(k).update('\0').update(tree.files.get(k) as string).update('\0');
    const safe = label.replace(/[^\w.-]+/g, '_').slice(0, 40) || 'tree';
    this.dir = nodePath.join(storageDir ?? nodePath.join(os.tmpdir(), 'iolock-sim-dap'), `${safe}-${h.digest('hex').slice(0, 12)}`);
  }

  /** Whether the tree's file differs from (or is missing in) the checkout. */
  patched(treePath: string): boolean {
    const known = this.changed.get(treePath);
    if (known !== undefined) return known;
    const text = this.tree.read(treePath);
    let differs = false;
    if (text !== undefined) {
      try {
        differs = fs.readFileSync(nodePath.join(this.baseDir, treePath), 'utf8') !== text;
      } catch {
        differs = true;
      }
    }
    this.changed.set(treePath, differs);
    return differs;
  }

  /** The file on disk that shows the tree's `treePath`; writes the patched copy the first time. */
  toDisk(treePath: string): string | undefined {
    const text = this.tree.read(treePath);
    if (text === undefined) return undefined;
    if (!this.patched(treePath)) return nodePath.join(this.baseDir, treePath);
    const out = nodePath.join(this.dir, treePath);
    if (!this.written.has(treePath)) {
      try {
        if (!fs.existsSync(out) || fs.readFileSync(out, 'utf8') !== text) {
          fs.mkdirSync(nodePath.dirname(out), { recursive: true });
          fs.writeFileSync(out, text);
        }
        this.written.add(treePath);
      } catch {
        return undefined; // an unwritable folder: the frame is shown without a source
      }
    }
    return out;
  }

  /**
   * The tree path of a file the editor names: a patched copy of ours, a file of the checkout's kernel/, or
   * (last resort) any path ending in a tree path. `original` marks a checkout file the patch changes: its
   * lines are not the lines that run.
   */
  toTree(diskPath: string): { path: string; original: boolean } | undefined {
    const abs = nodePath.resolve(diskPath);
    const under = (root: string): string | undefined => {
      const rel = nodePath.relative(root, abs);
      return rel && !rel.startsWith('..') && !nodePath.isAbsolute(rel) ? rel.split(nodePath.sep).join('/') : undefined;
    };
    const ours = under(this.dir);
    if (ours !== undefined && this.tree.read(ours) !== undefined) return { path: ours, original: false };
    const base = under(nodePath.resolve(this.baseDir));
    if (base !== undefined && this.tree.read(base) !== undefined) return { path: base, original: this.patched(base) };
    const norm = abs.split(nodePath.sep).join('/');
    let best: string | undefined;
    for (const k of this.tree.files.keys()) if (norm.endsWith('/' + k) && (!best || k.length > best.length)) best = k;
    return best === undefined ? undefined : { path: best, original: false };
  }
}
