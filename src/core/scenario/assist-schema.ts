import * as fs from 'node:fs';
import type { Path } from './positions';
import { schemaPath } from './schema';

/** One JSON Schema object as schemas/scenario.schema.json writes them. */
export type Schema = Readonly<Record<string, unknown>>;
/** What an instance is known to be, to choose the schema's `if: { type }` branch; undefined while it is typed. */
export type Shape = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null' | undefined;

export interface PropertyInfo {
  name: string;
  /** The property's own schema first (its description and type), then what its $ref and branches add. */
  schemas: Schema[];
  required: boolean;
}

let root: Schema | undefined;

function rootSchema(): Schema {
  root ??= JSON.parse(fs.readFileSync(schemaPath(), 'utf8')) as Schema;
  return root;
}

const isSchema = (x: unknown): x is Schema => typeof x === 'object' && x !== null && !Array.isArray(x);
const own = (s: Schema, k: string): unknown => (Object.hasOwn(s, k) ? s[k] : undefined);

export function typesOf(s: Schema): string[] {
  const t = s.type;
  return typeof t === 'string' ? [t] : Array.isArray(t) ? t.filter((x): x is string => typeof x === 'string') : [];
}

/**
 * `$ref` followed to its definition. Keys written beside the `$ref` win: the schema documents a use of a shared
 * definition there ("node": { $ref nodeRef, description: "The node it runs on" }). The definition's name becomes
 * its title, so that types read "list of task" rather than "list of object".
 */
function deref(s: Schema, depth = 0): Schema {
  const ref = s.$ref;
  if (typeof ref !== 'string' || depth > 16) return s;
  const { $ref: _ref, ...beside } = s;
  if (!ref.startsWith('#/')) return beside;
  const parts = ref.slice(2).split('/');
  let cur: unknown = rootSchema();
  for (const p of parts) cur = isSchema(cur) ? own(cur, p.replace(/~1/g, '/').replace(/~0/g, '~')) : undefined;
  return isSchema(cur) ? { title: parts[parts.length - 1], ...deref(cur, depth + 1), ...beside } : beside;
}

/** Decides `if` for the only form the schema uses, `{ type }`; anything else (or an unknown shape) is undecided. */
function typeMatches(cond: Schema, shape: Shape): boolean | undefined {
  if (shape === undefined || Object.keys(cond).some((k) => k !== 'type')) return undefined;
  const t = typesOf(cond);
  return t.includes(shape) || (shape === 'integer' && t.includes('number'));
}

/** The schema and the if/then/else branches that can apply to an instance of this shape (both when undecided). */
function expand(s: Schema, shape: Shape): Schema[] {
  const d = deref(s);
  const out = [d];
  const cond = d.if;
  if (isSchema(cond)) {
    const m = typeMatches(cond, shape);
    if (m !== false && isSchema(d.then)) out.push(...expand(d.then, shape));
    if (m !== true && isSchema(d.else)) out.push(...expand(d.else, shape));
  }
  return out;
}

function child(s: Schema, seg: string | number): Schema | undefined {
  if (typeof seg === 'number') return isSchema(s.items) ? s.items : undefined;
  const props = s.properties;
  if (!isSchema(props)) return undefined;
  const p = own(props, seg);
  return isSchema(p) ? p : undefined;
}

/**
 * Every schema that can apply at `path`. The path itself says what each container is (a key below means a
 * mapping, an index a list), which picks the branches of `expect`'s if/then/else; `leaf` says it for the end.
 */
export function schemasAt(path: Path, leaf: Shape): Schema[] {
  const shapeAt = (i: number): Shape => {
    const next = path[i];
    return next === undefined ? leaf : typeof next === 'number' ? 'array' : 'object';
  };
  let cur = expand(rootSchema(), shapeAt(0));
  path.forEach((seg, i) => {
    cur = cur.flatMap((s) => {
      const c = child(s, seg);
      return c ? expand(c, shapeAt(i + 1)) : [];
    });
  });
  return cur;
}

/** The properties a mapping with these schemas may have, in schema order. */
export function propertiesOf(schemas: readonly Schema[]): PropertyInfo[] {
  const out = new Map<string, PropertyInfo>();
  for (const s of schemas) {
    const props = s.properties;
    if (!isSchema(props)) continue;
    const required = Array.isArray(s.required) ? s.required : [];
    for (const [name, p] of Object.entries(props)) {
      if (!isSchema(p)) continue;
      const info = out.get(name) ?? { name, schemas: [], required: false };
      info.schemas.push(...expand(p, undefined));
      info.required ||= required.includes(name);
      out.set(name, info);
    }
  }
  return [...out.values()];
}

export const allowsObject = (schemas: readonly Schema[]): boolean => schemas.some((s) => typesOf(s).includes('object') || isSchema(s.properties));

/** The scalar values the schemas list: enum, const, and true/false for booleans. */
export function valuesOf(schemas: readonly Schema[]): string[] {
  const out = new Set<string>();
  for (const s of schemas) {
    if (Array.isArray(s.enum)) for (const v of s.enum) out.add(String(v));
    if (Object.hasOwn(s, 'const')) out.add(String(s.const));
    if (typesOf(s).includes('boolean')) {
      out.add('true');
      out.add('false');
    }
  }
  return [...out];
}

export function descriptionOf(schemas: readonly Schema[]): string | undefined {
  for (const s of schemas) if (typeof s.description === 'string') return s.description;
  return undefined;
}

/** A short type for one schema: "integer | list of string", "task", "true", "read | write". */
function typeText(s: Schema, nested = false): string {
  const types = typesOf(s);
  if (!types.length) {
    const v = valuesOf([s]).join(' | ');
    return nested && v.includes(' ') ? `(${v})` : v || 'any';
  }
  const text = types
    .map((t) => {
      if (t === 'array') return isSchema(s.items) ? `list of ${typeText(deref(s.items), true)}` : 'list';
      if (t === 'object' && typeof s.title === 'string') return s.title;
      return t;
    })
    .join(' | ');
  return nested && types.length > 1 ? `(${text})` : text;
}


/** The types of a property across its branches ("string | outcome | list of outcome" for expect). */
export function typeSummary(schemas: readonly Schema[]): string {
  // a schema with if/then/else only routes to its branches, which say the types more precisely
  const leaves = schemas.filter((s) => s.if === undefined);
  return [...new Set((leaves.length ? leaves : schemas).map((s) => typeText(s)))].join(' | ');
}
