import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { unsafePathReason } from './paths';

export type EntryKind = 'file' | 'dir' | 'missing' | 'other';

/**
 * A source tree the patch engine reads and writes, by tree-relative '/'-separated paths. The simulator applies
 * patches to an in-memory copy of kernel/ (MemoryTree); the CLI to a directory (DiskTree).
 */
export interface TreeHost {
  /** Where the tree is, for messages ("kernel/", "<memory>"). */
  readonly description: string;
  kind(path: string): EntryKind;
  /** The file's text, or undefined when there is no such file. */
  read(path: string): string | undefined;
  /** Why `path` would lead out of the tree (a symlink pointing outside), or undefined when it stays inside. */
  escape(path: string): string | undefined;
  /** Write a file, creating its folders. */
  write(path: string, text: string): void;
  remove(path: string): void;
}

export class MemoryTree implements TreeHost {
  readonly files: Map<string, string>;

  constructor(
    files: Iterable<[string, string]> | Record<string, string> = [],
    readonly description = '<memory>',
  ) {
    this.files = new Map(Symbol.iterator in files ? (files as Iterable<[string, string]>) : Object.entries(files));
  }

  kind(path: string): EntryKind {
    if (this.files.has(path)) return 'file';
    const prefix = path + '/';
    for (const k of this.files.keys()) if (k.startsWith(prefix)) return 'dir';
    return 'missing';
  }
  read(path: string): string | undefined {
    return this.files.get(path);
  }
  escape(): string | undefined {
    return undefined;
  }
  write(path: string, text: string): void {
    this.files.set(path, text);
  }
  remove(path: string): void {
    this.files.delete(path);
  }
}

function isInside(root: string, p: string): boolean {
  const rel = nodePath.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !nodePath.isAbsolute(rel));
}

export class DiskTree implements TreeHost {
  readonly root: string;

  constructor(root: string) {
    this.root = nodePath.resolve(root);
  }

  get description(): string {
    return this.root;
  }

  private abs(path: string): string {
    return nodePath.join(this.root, ...path.split('/'));
  }

  kind(path: string): EntryKind {
    try {
      const st = fs.statSync(this.abs(path));
      return st.isFile() ? 'file' : st.isDirectory() ? 'dir' : 'other';
    } catch {
      return 'missing';
    }
  }

  /** Undefined also for a path that leads out of the tree: a build or patch reading it sees no such file. */
  read(path: string): string | undefined {
    if (unsafePathReason(path) !== undefined || this.escape(path) !== undefined) return undefined;
    return this.kind(path) === 'file' ? fs.readFileSync(this.abs(path), 'utf8') : undefined;
  }

  escape(path: string): string | undefined {
    const realRoot = fs.realpathSync(this.root);
    let cur = this.root;
    const parts = path.split('/');
    for (let i = 0; i < parts.length; i++) {
      cur = nodePath.join(cur, parts[i]!);
      let st: fs.Stats;
      try {
        st = fs.lstatSync(cur);
      } catch {
        return undefined; // nothing more exists below here, so nothing can point elsewhere
      }
      if (!st.isSymbolicLink()) continue;
      const shown = parts.slice(0, i + 1).join('/');
      let target: string;
      try {
        target = fs.realpathSync(cur);
      } catch {
        return `'${shown}' is a dangling symlink (to ${fs.readlinkSync(cur)})`;
      }
      if (!isInside(realRoot, target)) return `'${shown}' is a symlink to ${target}, outside the tree`;
    }
    return undefined;
  }

  write(path: string, text: string): void {
    const p = this.abs(path);
    fs.mkdirSync(nodePath.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
  }

  remove(path: string): void {
    fs.unlinkSync(this.abs(path));
  }
}

/** A whole directory read into memory (regular files only), so a patch can be tried without touching the disk. */
export function loadTree(dir: string): MemoryTree {
  const root = nodePath.resolve(dir);
  const files: [string, string][] = [];
  const walk = (abs: string, rel: string) => {
    for (const e of fs.readdirSync(abs, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(nodePath.join(abs, e.name), r);
      else if (e.isFile()) files.push([r, fs.readFileSync(nodePath.join(abs, e.name), 'utf8')]);
    }
  };
  walk(root, '');
  return new MemoryTree(files, root);
}

/** Copy a directory; symlinks are copied as links (not followed), so a link out of the tree stays a link. */
export function copyTree(src: string, dst: string): void {
  fs.mkdirSync(dst, { recursive: true });
  for (const e of fs.readdirSync(src, { withFileTypes: true })) {
    const from = nodePath.join(src, e.name);
    const to = nodePath.join(dst, e.name);
    if (e.isDirectory()) copyTree(from, to);
    else if (e.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(from), to);
    else if (e.isFile()) fs.copyFileSync(from, to);
  }
}
