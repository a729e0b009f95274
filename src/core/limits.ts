/**
 * Every resource limit of the simulator, its default, and the names a user raises it by: a command-line option,
 * a launch argument of the debug adapter, a scenario key. Patches and scenarios come from strangers (mailing
 * lists, other people's repositories), so each input that could make us run, record or read without end has a
 * limit, and hitting one says which and how to raise it (`limitHint`). The editor maps its settings to these
 * names; docs/security.md lists them.
 */
export interface LimitSpec {
  readonly default: number;
  /** What is counted, for messages: "statements", "bytes". */
  readonly unit: string;
  /** The command-line option that raises it (with the commands that take it). */
  readonly cli: string;
  /** The debug adapter's launch argument, when a debug session can hit it. */
  readonly launch?: string;
  /** The scenario file's key, when a scenario may set it. */
  readonly scenario?: string;
}

const MiB = 1 << 20;

export const LIMITS = {
  /** Statements `cexec` runs before it stops the program (a runaway loop). */
  cSteps: { default: 1e9, unit: 'statements', cli: 'cexec --max-steps' },
  /** C call depth of a `cexec` program (a runaway recursion). */
  cDepth: { default: 10_000, unit: 'frames', cli: 'cexec --max-depth' },
  /** Bytes malloc may hand out to a `cexec` program. */
  cHeapBytes: { default: 48 * MiB, unit: 'bytes', cli: 'cexec --max-heap' },
  /** Bytes of a `cexec` program's stack. */
  cStackBytes: { default: 8 * MiB, unit: 'bytes', cli: 'cexec --max-stack' },
  /** Statements one scenario run (or one explored execution) may take: a livelock in the patched kernel. */
  scenarioSteps: { default: 50_000_000, unit: 'statements', cli: 'run/explore/report --max-steps', launch: 'maxSteps', scenario: 'explore.max_steps' },
  /** Lock events, kernel log lines and system calls one run may record (memory: each is an object kept for the views). */
  traceEvents: { default: 500_000, unit: 'events', cli: 'run/explore/report --max-trace', launch: 'maxTrace' },
  /** Executions one exploration runs. */
  exploreExecutions: { default: 100_000, unit: 'executions', cli: 'explore --max-executions', scenario: 'explore.max_executions' },
  /** Seconds one exploration runs (the command line's default; a debug launch's exploreTimeout defaults to 60). */
  exploreSeconds: { default: 300, unit: 'seconds', cli: 'explore --timeout', launch: 'exploreTimeout', scenario: 'explore.max_time' },
  /** Bytes of one patch input: a mail or .patch file, or a series file with all its patches (each read whole). */
  patchBytes: { default: 16 * MiB, unit: 'bytes', cli: 'apply/run/explore/report --max-patch-bytes', launch: 'maxPatchBytes' },
  /** Bytes of one scenario file (parsed whole, with positions for every node). */
  scenarioBytes: { default: 1 * MiB, unit: 'bytes', cli: 'run/explore/report --max-scenario-bytes', launch: 'maxScenarioBytes' },
} as const satisfies Record<string, LimitSpec>;

export type LimitName = keyof typeof LIMITS;

/** The defaults alone, by name, for callers that only need numbers (the extension's settings). */
export const LIMIT_DEFAULTS: { readonly [K in LimitName]: number } = Object.fromEntries(
  Object.entries(LIMITS).map(([k, v]) => [k, v.default]),
) as { [K in LimitName]: number };

/** "raise it with --max-trace N (run/explore/report), launch argument maxTrace": how to get past a limit. */
export function limitHint(name: LimitName): string {
  const l: LimitSpec = LIMITS[name];
  const [commands, option] = l.cli.includes(' ') ? (l.cli.split(' ') as [string, string]) : ['', l.cli];
  const ways = [`${option} N${commands ? ` (${commands})` : ''}`];
  if (l.launch) ways.push(`the launch argument ${l.launch}`);
  if (l.scenario) ways.push(`the scenario's ${l.scenario}`);
  return `raise it with ${ways.join(', or ')}`;
}

/** The one-line report of a limit that was hit: which, its value, and how to raise it. */
export function limitMessage(name: LimitName, value: number, what: string): string {
  return `${what}: the ${LIMIT_LABELS[name]} limit of ${value} ${LIMITS[name].unit} was reached; ${limitHint(name)}`;
}

const LIMIT_LABELS: { readonly [K in LimitName]: string } = {
  cSteps: 'step',
  cDepth: 'call depth',
  cHeapBytes: 'heap',
  cStackBytes: 'stack',
  scenarioSteps: 'step',
  traceEvents: 'trace length',
  exploreExecutions: 'execution',
  exploreSeconds: 'time',
  patchBytes: 'patch size',
  scenarioBytes: 'scenario size',
};
