import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode, type Scalar } from 'yaml';
import type { Path } from './positions';

/** Offsets into the document text, end exclusive. */
export interface TextRange {
  start: number;
  end: number;
}

/**
 * Where the cursor is, in terms of the scenario's structure:
 * - `key`: typing a key of the mapping at `path`;
 * - `value`: typing the value at `path` (`nextLine`: on a line below its key, where a mapping may begin);
 * - `item`: typing a list item (or the whole document) at `path`, where a scalar or a mapping may begin.
 */
export interface CursorContext {
  role: 'key' | 'value' | 'item';
  path: Path;
  /** key: the mapping's other keys; item: the list's other scalar items. */
  present: string[];
  nextLine: boolean;
  /** Inside a flow collection ({...} or [...]), where an inserted value cannot span lines. */
  flow: boolean;
  /** Put before inserted text: a space when the cursor follows ':', ',' or a just-typed '-' directly. */
  prefix: string;
  /** The token is followed by ':' (renaming a key): insert the name alone. */
  colonFollows: boolean;
  /** The word under the cursor, which a completion replaces. */
  range: TextRange;
}

// A plain scalar no scenario contains, so finding it in the parse tree finds the cursor.
const MARKER = 'iolockCursor9q';

const isTokenChar = (c: string | undefined): boolean => c !== undefined && !/[\s,:[\]{}#"']/.test(c);

/**
 * The cursor's context in text that is being typed: the marker is inserted at the cursor and the text parsed
 * with the yaml package, which builds a tree even from broken YAML; the marker's place in that tree is the
 * answer. A word alone on its line that the parser would join to the next line (a half-typed key above another
 * key) is tried again as a key (`word:`).
 */
export function cursorContext(text: string, offset: number): CursorContext | undefined {
  const at = Math.max(0, Math.min(offset, text.length));
  let start = at;
  while (isTokenChar(text[start - 1])) start--;
  let end = at;
  while (isTokenChar(text[end])) end++;
  let prefix = '';
  const before = text[start - 1];
  if (start === at && end === at && (before === ':' || before === ',')) prefix = ' ';
  // a '-' just typed at the start of a line is a list item indicator, not the start of a word
  if (text.slice(start, at) === '-' && end === at && (start === 0 || /\s/.test(before ?? ''))) {
    start = at;
    prefix = ' ';
  }
  const range = { start, end };
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const firstOnLine = /^[\s-]*$/.test(text.slice(lineStart, start));
  const colonFollows = /^[ \t]*:(\s|$)/.test(text.slice(end));

  const attempt = (insert: string): Located | undefined => {
    const patched = text.slice(0, at) + prefix + insert + text.slice(at);
    const doc = parseDocument(patched);
    return locate(doc.contents, [], patched, false);
  };
  const found = attempt(MARKER) ?? (firstOnLine ? attempt(`${MARKER}: `) : undefined);
  return found && { ...found, prefix, colonFollows, range };
}

type Located = Omit<CursorContext, 'prefix' | 'colonFollows' | 'range'>;

const hasMarker = (n: unknown): n is YamlNode & { value: string; range: [number, number, number] } =>
  isScalar(n) && typeof n.value === 'string' && n.value.includes(MARKER) && n.range !== undefined && n.range !== null;

const spansLines = (text: string, r: readonly number[]): boolean => text.slice(r[0], r[1]).includes('\n');

const column = (text: string, offset: number): number => offset - (text.lastIndexOf('\n', offset - 1) + 1);

/** Finds the marker below `node`; undefined when it is not in a scalar of its own line (a comment, a joined line). */
function locate(node: unknown, path: Path, text: string, flow: boolean): Located | undefined {
  if (hasMarker(node)) {
    // the document is only the word being typed: the start of the top-level mapping
    return spansLines(text, node.range) ? undefined : { role: 'item', path, present: [], nextLine: true, flow };
  }
  if (isMap(node)) {
    const inFlow = flow || node.flow === true;
    const keyOf = (k: unknown): string | undefined => (isScalar(k) ? String(k.value) : undefined);
    for (const pair of node.items) {
      const { key, value } = pair;
      if (hasMarker(key)) {
        if (spansLines(text, key.range)) return undefined;
        const others = node.items.filter((p) => p !== pair);
        const firstKey = others.map((p) => p.key).find(isScalar);
        // a block mapping's keys share a column; the parser files a key typed elsewhere under some mapping anyway
        if (!inFlow && firstKey?.range && column(text, firstKey.range[0]) !== column(text, key.range[0])) return undefined;
        const present = others.map((p) => keyOf(p.key)).filter((k): k is string => k !== undefined);
        return { role: 'key', path, present, nextLine: false, flow: inFlow };
      }
      const name = keyOf(key);
      if (name === undefined) continue;
      if (hasMarker(value)) {
        if (spansLines(text, value.range)) return undefined;
        const keyEnd = isScalar(key) && key.range ? key.range[1] : value.range[0];
        return { role: 'value', path: [...path, name], present: [], nextLine: text.slice(keyEnd, value.range[0]).includes('\n'), flow: inFlow };
      }
      const inner = locate(value, [...path, name], text, inFlow);
      if (inner) return inner;
    }
    return undefined;
  }
  if (isSeq(node)) {
    const inFlow = flow || node.flow === true;
    for (let i = 0; i < node.items.length; i++) {
      const item = node.items[i];
      if (hasMarker(item)) {
        if (spansLines(text, item.range)) return undefined;
        const present = node.items.filter((x): x is Scalar => x !== item && isScalar(x)).map((x) => String(x.value));
        return { role: 'item', path: [...path, i], present, nextLine: true, flow: inFlow };
      }
      const inner = locate(item, [...path, i], text, inFlow);
      if (inner) return inner;
    }
  }
  return undefined;
}
