import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { UserError } from '../diagnostics';
import { findRepoRoot } from '../patch/repo-root';
import { formatPath, type Path, type Positions } from './positions';
import { STEP_KINDS } from './model';

/** schemas/scenario.schema.json of this checkout: one schema serves the editor (JSON form) and this validator. */
export function schemaPath(): string {
  const root = findRepoRoot(__dirname) ?? findRepoRoot(process.cwd());
  if (!root) throw new Error('cannot find the iolock-sim checkout holding schemas/scenario.schema.json');
  return nodePath.join(root, 'schemas', 'scenario.schema.json');
}

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    const schema: unknown = JSON.parse(fs.readFileSync(schemaPath(), 'utf8'));
    // verbose: the messages list the keys a misspelt key could have been (parentSchema.properties)
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
    compiled = ajv.compile(schema as object);
  }
  return compiled;
}

function pointerToPath(p: string): (string | number)[] {
  if (!p) return [];
  return p
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

const isStepPath = (path: Path): boolean => path.length === 4 && path[0] === 'tasks' && path[2] === 'steps';

function describe(e: ErrorObject, path: Path): { message: string; keyLoc: boolean; path: Path } {
  const p = e.params as Record<string, unknown>;
  const val = JSON.stringify(e.data);
  switch (e.keyword) {
    case 'additionalProperties': {
      const extra = String(p.additionalProperty);
      if (isStepPath(path)) {
        return { message: `unknown step '${extra}' (expected one of ${STEP_KINDS.join(', ')}, or expect_errno)`, keyLoc: true, path: [...path, extra] };
      }
      const props = (e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
      const expected = props ? ` (expected one of ${Object.keys(props).join(', ')})` : '';
      return { message: `unknown key '${extra}'${expected}`, keyLoc: true, path: [...path, extra] };
    }
    case 'required':
      return { message: `missing required key '${String(p.missingProperty)}'`, keyLoc: false, path };
    case 'type':
      return { message: `expected ${String(p.type).replace(/,/g, ' or ')}, got ${val === undefined ? 'nothing' : Array.isArray(e.data) ? 'a list' : e.data === null ? 'null' : typeof e.data === 'object' ? 'a mapping' : `${typeof e.data} ${val}`}`, keyLoc: false, path };
    case 'enum':
      return { message: `${val} is not one of ${(p.allowedValues as unknown[]).map((v) => String(v)).join(', ')}`, keyLoc: false, path };
    case 'const':
      return { message: `must be ${JSON.stringify(p.allowedValue)}`, keyLoc: false, path };
    case 'pattern': {
      const d = (e.parentSchema as { description?: string } | undefined)?.description;
      return { message: `${val} is not a valid value${d ? ` (${d})` : ` (must match ${String(p.pattern)})`}`, keyLoc: false, path };
    }
    case 'minProperties':
      return { message: isStepPath(path) ? `empty step (expected one of ${STEP_KINDS.join(', ')})` : `must not be empty`, keyLoc: false, path };
    default:
      return { message: `${val} ${e.message ?? 'is invalid'}`, keyLoc: false, path };
  }
}

/** Validates the plain value against the schema; every violation becomes a UserError at its YAML position. */
export function schemaErrors(value: unknown, pos: Positions): UserError[] {
  const validate = validator();
  if (validate(value)) return [];
  const raw = (validate.errors ?? []).filter((e) => e.keyword !== 'if');
  // A value of the wrong type also fails every keyword of the other types: say only that its type is wrong.
  const typeWrong = new Set(raw.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  const seen = new Set<string>();
  const out: UserError[] = [];
  for (const e of raw) {
    if (e.keyword !== 'type' && typeWrong.has(e.instancePath)) continue;
    const at = pointerToPath(e.instancePath);
    const d = describe(e, at);
    const loc = pos.loc(d.path, d.keyLoc);
    const shown = formatPath(at);
    const key = `${shown}:${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(new UserError(loc, shown ? `${shown}: ${d.message}` : d.message));
  }
  return out.sort((a, b) => (a.loc?.line ?? 0) - (b.loc?.line ?? 0) || (a.loc?.col ?? 0) - (b.loc?.col ?? 0));
}
