import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node as YamlNode } from 'yaml';
import type { SourceLoc } from '../diagnostics';

export type Path = readonly (string | number)[];

/**
 * Maps a path into the parsed value back to where it was written: the value's node or, for errors about a
 * key itself (an unknown key), the key's node. Falls back to the nearest ancestor that exists, so an error
 * about something missing points at the object that lacks it.
 */
export class Positions {
  constructor(
    readonly file: string,
    private readonly doc: Document,
    private readonly lc: LineCounter,
  ) {}

  at(offset: number): SourceLoc {
    const p = this.lc.linePos(offset);
    return { file: this.file, line: p.line, col: p.col };
  }

  /** The node at `path` (or the key node of its last segment when `key` is set). */
  loc(path: Path, key = false): SourceLoc {
    let node: unknown = this.doc.contents;
    let best: YamlNode | undefined = isNode(node) ? node : undefined;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i];
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) break;
        if (last && key && isNode(pair.key)) return this.nodeLoc(pair.key);
        node = pair.value;
        if (isNode(pair.value)) best = pair.value;
        else if (isNode(pair.key)) best = pair.key;
      } else if (isSeq(node) && typeof seg === 'number') {
        node = node.items[seg];
        if (!isNode(node)) break;
        best = node;
      } else break;
    }
    return best ? this.nodeLoc(best) : { file: this.file, line: 1, col: 1 };
  }

  private nodeLoc(n: YamlNode): SourceLoc {
    return this.at(n.range?.[0] ?? 0);
  }
}

function isNode(n: unknown): n is YamlNode {
  return isMap(n) || isSeq(n) || isScalar(n);
}

/** "tasks[0].steps[1]" */
export function formatPath(path: Path): string {
  let s = '';
  for (const seg of path) s += typeof seg === 'number' ? `[${seg}]` : s ? `.${seg}` : seg;
  return s;
}
