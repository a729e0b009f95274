/**
 * The shapes of the request arguments the adapter reads, checked before any handler runs: a client's mistake
 * (or a hostile client) then gets an error response that says which argument is wrong, instead of a handler
 * tripping over a string where it wanted a number. Only what the handlers use is checked; extra keys pass.
 */
type Kind = 'int' | 'nat' | 'string' | 'bool' | 'object' | 'source' | 'strings' | 'ints' | 'breakpoints' | 'functionBreakpoints' | 'filterOptions';

/** A key's kind; a trailing '?' makes it optional (absent or null). */
type Spec = Record<string, `${Kind}` | `${Kind}?`>;

const THREAD: Spec = { threadId: 'int', singleThread: 'bool?' };

const SPECS: Record<string, Spec> = {
  setBreakpoints: { source: 'source', breakpoints: 'breakpoints?', lines: 'ints?' },
  setFunctionBreakpoints: { breakpoints: 'functionBreakpoints' },
  setExceptionBreakpoints: { filters: 'strings?', filterOptions: 'filterOptions?' },
  breakpointLocations: { source: 'source', line: 'nat', endLine: 'nat?' },
  continue: { threadId: 'int?', singleThread: 'bool?' },
  next: THREAD,
  stepIn: THREAD,
  stepOut: THREAD,
  stepBack: THREAD,
  reverseContinue: { threadId: 'int?' },
  pause: { threadId: 'int?' },
  gotoTargets: { source: 'source', line: 'nat' },
  goto: { threadId: 'int?', targetId: 'int' },
  stackTrace: { threadId: 'int', startFrame: 'nat?', levels: 'nat?' },
  scopes: { frameId: 'int' },
  variables: { variablesReference: 'int', start: 'nat?', count: 'nat?', filter: 'string?' },
  // a missing expression is the evaluator's 'empty expression'
  evaluate: { expression: 'string?', frameId: 'int?', context: 'string?' },
  setVariable: { variablesReference: 'int', name: 'string', value: 'string' },
  readMemory: { memoryReference: 'string', offset: 'int?', count: 'nat' },
  exceptionInfo: { threadId: 'int?' },
  source: { source: 'source?', sourceReference: 'int?' },
  'iolock/trace': { from: 'nat?' },
  'iolock/travel': { step: 'int?', position: 'int?' },
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function kindError(kind: Kind, v: unknown): string | undefined {
  switch (kind) {
    case 'int':
      return Number.isSafeInteger(v) ? undefined : 'an integer';
    case 'nat':
      return Number.isSafeInteger(v) && (v as number) >= 0 ? undefined : 'an integer >= 0';
    case 'string':
      return typeof v === 'string' ? undefined : 'a string';
    case 'bool':
      return typeof v === 'boolean' ? undefined : 'true or false';
    case 'object':
      return isObject(v) ? undefined : 'an object';
    case 'source':
      return isObject(v) && fieldsError(v, { path: 'string?', name: 'string?', sourceReference: 'int?' }) === undefined ? undefined : 'a source ({ path: string })';
    case 'strings':
      return Array.isArray(v) && v.every((x) => typeof x === 'string') ? undefined : 'a list of strings';
    case 'ints':
      return Array.isArray(v) && v.every((x) => Number.isSafeInteger(x)) ? undefined : 'a list of integers';
    case 'breakpoints':
      // a line that is not a number makes that one breakpoint unverified (the handler says why), not the request fail
      return listError(v, { condition: 'string?', hitCondition: 'string?', logMessage: 'string?' }, '{ line, condition?, hitCondition?, logMessage? }');
    case 'functionBreakpoints':
      return listError(v, { name: 'string', condition: 'string?', hitCondition: 'string?' }, '{ name, condition?, hitCondition? }');
    case 'filterOptions':
      return listError(v, { filterId: 'string', condition: 'string?' }, '{ filterId }');
  }
}

function listError(v: unknown, spec: Spec, shape: string): string | undefined {
  return Array.isArray(v) && v.every((x) => isObject(x) && fieldsError(x, spec) === undefined) ? undefined : `a list of ${shape}`;
}

function fieldsError(args: Record<string, unknown>, spec: Spec): string | undefined {
  for (const [key, want] of Object.entries(spec)) {
    const optional = want.endsWith('?');
    const kind = (optional ? want.slice(0, -1) : want) as Kind;
    const v = args[key];
    if (v === undefined || v === null) {
      if (optional) continue;
      return `'${key}' is missing`;
    }
    const why = kindError(kind, v);
    if (why) return `'${key}' must be ${why}, not ${JSON.stringify(v)?.slice(0, 60) ?? String(v)}`;
  }
  return undefined;
}

/** Why a request's arguments cannot be handled, or undefined when their shape is right (or not checked). */
export function requestArgsError(command: string, args: unknown): string | undefined {
  const spec = SPECS[command];
  if (args !== undefined && args !== null && !isObject(args)) return `${command}: the arguments must be an object`;
  if (!spec) return undefined;
  const why = fieldsError((args ?? {}) as Record<string, unknown>, spec);
  return why === undefined ? undefined : `${command}: ${why}`;
}
