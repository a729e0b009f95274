// Editor help for scenario files: completion, hover and diagnostics, from schemas/scenario.schema.json and the
// scenario parser. Plain data in, plain data out (offsets, 1-based lines): the VS Code glue only converts.
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import { findRepoRoot } from '../patch/repo-root';
import { policyNames } from '../policies';
import { cursorContext, type CursorContext, type TextRange } from './assist-cursor';
import { allowsObject, descriptionOf, propertiesOf, schemasAt, typeSummary, typesOf, valuesOf, type PropertyInfo, type Shape } from './assist-schema';
import { ERRNO, STEP_KINDS } from './model';
import { parseScenario } from './parse';
import type { Path } from './positions';

export type { TextRange } from './assist-cursor';

export interface ScenarioCompletion {
  label: string;
  kind: 'property' | 'step' | 'value' | 'policy';
  /** Shown beside the label: the type, whether required. */
  detail: string;
  /** Plain text: the schema's description of the key or value. */
  documentation: string | undefined;
  /** Replaces `range`; a VS Code snippet (${1}, ${1|a,b|}, $0, \t for one indentation step) when `snippet`. */
  insertText: string;
  snippet: boolean;
  sortText: string;
  range: TextRange;
}

export interface ScenarioHover {
  markdown: string;
  range: TextRange;
}

/** One problem found by the scenario parser, with the extent of what it points at; 1-based like SourceLoc. */
export interface ScenarioDiagnostic {
  message: string;
  line: number;
  col: number;
  endLine: number;
  endCol: number;
  /** The parser reports errors only: anything it finds stops a run. */
  severity: 'error';
}

const STEP_NAMES: readonly string[] = STEP_KINDS;
const isStepPath = (p: Path): boolean => p.length === 4 && p[0] === 'tasks' && p[2] === 'steps';

/** What may be typed at `offset`: keys of the mapping there, or values of the key there. */
export function scenarioCompletions(text: string, offset: number): ScenarioCompletion[] {
  const cx = cursorContext(text, offset);
  if (!cx) return [];
  const out: ScenarioCompletion[] = [];
  if (cx.role === 'key') out.push(...keyItems(cx, cx.present));
  // on a new line below a key, or as a list item, a mapping may begin as well as a scalar
  else if ((cx.role === 'item' || cx.nextLine) && allowsObject(schemasAt(cx.path, 'object'))) out.push(...keyItems(cx, []));
  if (cx.role !== 'key') out.push(...valueItems(cx));
  return out;
}

function keyItems(cx: CursorContext, present: readonly string[]): ScenarioCompletion[] {
  let props = propertiesOf(schemasAt(cx.path, 'object')).filter((p) => !present.includes(p.name));
  const step = isStepPath(cx.path);
  // a step is exactly one action (and expect_errno): once it has one, only expect_errno is left
  if (step && present.some((k) => STEP_NAMES.includes(k))) props = props.filter((p) => !STEP_NAMES.includes(p.name));
  return props.map((p, i) => ({
    label: p.name,
    kind: step && STEP_NAMES.includes(p.name) ? 'step' : 'property',
    detail: `${p.required ? 'required · ' : ''}${typeSummary(p.schemas)}`,
    documentation: descriptionOf(p.schemas),
    ...keyInsert(p, cx),
    // required keys first; in a step the actions before expect_errno
    sortText: `${p.required ? 0 : step && !STEP_NAMES.includes(p.name) ? 2 : 1}${String(i).padStart(3, '0')}`,
    range: cx.range,
  }));
}

/**
 * `name: ` for scalars; for a mapping with required keys a flow mapping with a tab stop per key (the way the
 * examples write steps); for other mappings and lists of mappings (block context only) the key and an indented
 * line to go on.
 */
function keyInsert(p: PropertyInfo, cx: CursorContext): { insertText: string; snippet: boolean } {
  const name = cx.prefix + p.name;
  if (cx.colonFollows) return { insertText: name, snippet: false };
  const constant = p.schemas.find((s) => Object.hasOwn(s, 'const'));
  if (constant) return { insertText: `${name}: ${String(constant.const)}`, snippet: false };
  const types = new Set(p.schemas.flatMap(typesOf));
  const only = types.size === 1 ? [...types][0] : undefined;
  if (only === 'object') {
    const required = propertiesOf(p.schemas).filter((q) => q.required);
    if (required.length) {
      const stops = required.map((q, i) => {
        const v = valuesOf(q.schemas);
        return `${q.name}: \${${i + 1}${v.length ? `|${v.join(',')}|` : ''}}`;
      });
      return { insertText: `${name}: { ${stops.join(', ')} }$0`, snippet: true };
    }
    if (!cx.flow) return { insertText: `${name}:\n\t$0`, snippet: true };
  }
  if (only === 'array' && !cx.flow && allowsObject(schemasAt([...cx.path, p.name, 0], 'object'))) return { insertText: `${name}:\n\t- $0`, snippet: true };
  return { insertText: `${name}: `, snippet: false };
}

function valueItems(cx: CursorContext): ScenarioCompletion[] {
  const schemas = schemasAt(cx.path, undefined);
  // the key the value belongs to: its own, or for a list item the list's
  const last = cx.path[cx.path.length - 1];
  const key = typeof last === 'number' ? cx.path[cx.path.length - 2] : last;
  const item = (label: string, kind: ScenarioCompletion['kind'], detail: string, documentation: string | undefined, i: number): ScenarioCompletion => ({
    label,
    kind,
    detail,
    documentation,
    insertText: cx.prefix + label,
    snippet: false,
    sortText: String(i).padStart(3, '0'),
    range: cx.range,
  });
  if (key === 'policy' && last === key) {
    return [...knownPolicies().map((p, i) => item(p.name, 'policy', 'policy', p.doc, i)), item('none', 'policy', 'policy', 'The unpatched model kernel.', 999)];
  }
  if (key === 'expect_errno') {
    return Object.entries(ERRNO)
      .filter(([name]) => !cx.present.includes(name))
      .map(([name, n], i) => item(name, 'value', `errno ${n}`, undefined, i));
  }
  const doc = descriptionOf(schemas);
  const detail = typeSummary(schemas);
  return valuesOf(schemas)
    .filter((v) => !cx.present.includes(v))
    .map((v, i) => item(v, 'value', detail, doc, i));
}

/** The policies under examples/policies/, each documented by the comment that opens its series file. */
function knownPolicies(): { name: string; doc: string | undefined }[] {
  let names: string[];
  try {
    names = policyNames();
  } catch {
    // a bundle installed outside a checkout has no examples/policies/: 'none' is still offered
    return [];
  }
  const root = findRepoRoot(__dirname);
  return names.map((name) => ({ name, doc: root === undefined ? undefined : seriesHeader(nodePath.join(root, 'examples', 'policies', name, 'series')) }));
}

function seriesHeader(file: string): string | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^#\s?(.*)$/.exec(line);
    if (!m || (lines.length && !m[1]?.trim())) break;
    lines.push(m[1] ?? '');
  }
  return lines.join(' ').trim() || undefined;
}

/** The schema's word on the key (or the value of the key) under the cursor. */
export function scenarioHover(text: string, offset: number): ScenarioHover | undefined {
  const hit = hoverTarget(parseDocument(text).contents, [], offset);
  const name = hit?.path[hit.path.length - 1];
  if (!hit || typeof name !== 'string') return undefined;
  const schemas = schemasAt(hit.path, shapeOf(hit.value));
  if (!schemas.length) return undefined;
  const required = propertiesOf(schemasAt(hit.path.slice(0, -1), 'object')).some((p) => p.name === name && p.required);
  const parts = [`**${name}**${required ? ' (required)' : ''}: \`${typeSummary(schemas)}\``];
  const doc = descriptionOf(schemas);
  if (doc) parts.push(escapeMarkdown(doc));
  const values = valuesOf(schemas);
  if (values.length > 1) parts.push(`Values: ${values.map((v) => `\`${v}\``).join(', ')}`);
  return { markdown: parts.join('\n\n'), range: hit.range };
}

// descriptions are plain text: '/<mount>/<name>' must not become HTML, nor 'PROT_READ / PROT_WRITE' emphasis
const escapeMarkdown = (text: string): string => text.replace(/[\\`*_<>[\]~]/g, (c) => `\\${c}`);

interface HoverTarget {
  /** The property's path: a key's own, or that of the key whose value (or list item) is under the cursor. */
  path: Path;
  value: unknown;
  range: TextRange;
}

const contains = (n: unknown, offset: number): n is YamlNode & { range: [number, number, number] } =>
  isScalar(n) && !!n.range && n.range[0] <= offset && offset <= n.range[1];

function hoverTarget(node: unknown, path: Path, offset: number): HoverTarget | undefined {
  if (isMap(node)) {
    for (const { key, value } of node.items) {
      if (!isScalar(key)) continue;
      const at = [...path, String(key.value)];
      if (contains(key, offset)) return { path: at, value, range: { start: key.range[0], end: key.range[1] } };
      if (contains(value, offset)) return { path: at, value, range: { start: value.range[0], end: value.range[1] } };
      const inner = hoverTarget(value, at, offset);
      if (inner) return inner;
    }
  } else if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) {
      const item = node.items[i];
      if (contains(item, offset)) return { path, value: node, range: { start: item.range[0], end: item.range[1] } };
      const inner = hoverTarget(item, [...path, i], offset);
      if (inner) return inner;
    }
  }
  return undefined;
}

function shapeOf(n: unknown): Shape {
  if (isMap(n)) return 'object';
  if (isSeq(n)) return 'array';
  if (!isScalar(n)) return undefined;
  const v = n.value;
  if (v === null) return 'null';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'string') return 'string';
  return typeof v === 'boolean' ? 'boolean' : undefined;
}

/** Every error the scenario parser finds (syntax, schema, then meaning), each spanning the node it points at. */
export function scenarioDiagnostics(text: string, file: string): ScenarioDiagnostic[] {
  const { errors } = parseScenario(text, file);
  if (!errors.length) return [];
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc });
  return errors.map((e) => {
    const line = e.loc?.line ?? 1;
    const col = e.loc?.col ?? 1;
    const start = Math.min(text.length, (lc.lineStarts[line - 1] ?? 0) + col - 1);
    const end = lc.linePos(extentFrom(doc.contents, text, start));
    return { message: e.detail, line, col, endLine: end.line, endCol: end.col, severity: 'error' };
  });
}

/**
 * Where the thing starting at `start` ends: a scalar's end; a block collection's first line (a whole mapping
 * would underline half the file); for syntax errors, which point at a character, the word there.
 */
function extentFrom(root: unknown, text: string, start: number): number {
  const node = nodeStartingAt(root, start);
  const lineEnd = text.indexOf('\n', start) < 0 ? text.length : text.indexOf('\n', start);
  if (isScalar(node) && node.range) return node.range[1];
  if ((isMap(node) || isSeq(node)) && node.range) {
    if (node.flow && node.range[1] <= lineEnd) return node.range[1];
    return start + text.slice(start, lineEnd).replace(/\s+#.*$/, '').trimEnd().length;
  }
  let end = start;
  while (end < lineEnd && !/\s/.test(text[end] ?? '')) end++;
  return end > start ? end : Math.min(start + 1, lineEnd);
}

function nodeStartingAt(node: unknown, start: number): unknown {
  const r = isScalar(node) || isMap(node) || isSeq(node) ? node.range : undefined;
  if (!r || start < r[0] || start > r[2]) return undefined;
  // the outermost node starting there: an error about a mapping points where its first key starts
  if (r[0] === start) return node;
  const kids = isMap(node) ? node.items.flatMap((p) => [p.key, p.value]) : isSeq(node) ? node.items : [];
  for (const k of kids) {
    const inner = nodeStartingAt(k, start);
    if (inner !== undefined) return inner;
  }
  return undefined;
}
