import * as nodePath from 'node:path';
import { defaultKernelTree, findRepoRoot, formatPlan, loadTree, type MemoryTree } from '../core/patch';
import { applyPolicy, policyPatches } from '../core/policies';
import { loadScenarioOrThrow, type Preemption, type Scenario } from '../core/scenario';
import { LIMITS } from '../core/limits';
import { positiveOption, UsageError } from './args';

/**
 * What every command that runs a scenario takes (run, report, and later explore): the scenario file, which
 * policy or patches to apply, the schedule, the kernel tree. One place for the options, their help and their
 * meaning, so the commands agree.
 */
export const SCENARIO_OPTIONS = {
  policy: { type: 'string' },
  patch: { type: 'string', multiple: true },
  'no-patch': { type: 'boolean' },
  schedule: { type: 'string' },
  preemption: { type: 'string' },
  tree: { type: 'string' },
  'max-steps': { type: 'string' },
  'max-trace': { type: 'string' },
  'max-patch-bytes': { type: 'string' },
  'max-scenario-bytes': { type: 'string' },
} as const;

export const SCENARIO_USAGE = '[SCENARIO.iolock.yaml] [--policy NAME | --patch FILE... | --no-patch] [--schedule STR] [--preemption none|full] [--tree DIR] [--max-steps N] [--max-trace N]';

export const SCENARIO_OPTIONS_HELP = `  SCENARIO      a scenario file (default: examples/scenarios/s0-anon-buffer.iolock.yaml)
  --policy NAME a policy from examples/policies/ (base, walk_vm, seed, seed-fixed, ...); default: the
                scenario's policy, else seed (the archived mail ../shared/seeds/000_ca315d8c7e35812b.txt)
  --patch FILE  a patch to apply instead (repeatable, applied in order)
  --no-patch    the unpatched kernel
  --schedule S  follow this schedule (printed by every run: "T1:4,T2:7,T1:*"), then round-robin; a run given
                the schedule another run printed replays that run step for step
  --preemption P  none: a non-preemptible kernel (2005 builds, CONFIG_PREEMPT=n), tasks switch where they
                sleep or return to user space; full: at every lock, wait-queue and DLM operation outside
                spinlock sections (default: the scenario's explore.preemption, else none)
  --tree DIR    kernel tree (default: kernel/ in this checkout)
  --max-steps N statements a run may take (default: the scenario's explore.max_steps, else ${LIMITS.scenarioSteps.default})
  --max-trace N lock events, kernel log lines and system calls a run may record (default ${LIMITS.traceEvents.default})
  --max-patch-bytes N   bytes of one patch input, a series with its patches (default ${LIMITS.patchBytes.default})
  --max-scenario-bytes N  bytes of the scenario file (default ${LIMITS.scenarioBytes.default})`;

export interface ScenarioOptionValues {
  policy?: string;
  patch?: string[];
  'no-patch'?: boolean;
  schedule?: string;
  preemption?: string;
  tree?: string;
  'max-steps'?: string;
  'max-trace'?: string;
  'max-patch-bytes'?: string;
  'max-scenario-bytes'?: string;
}

export interface PreparedScenario {
  scenario: Scenario;
  /** The scenario file as given (or the default's path). */
  scenarioFile: string;
  /** 'none' (--no-patch), 'patches' (--patch) or the policy's name. */
  policy: string;
  /** The same choice as command-line options, for a replay command. */
  policyArgs: string;
  schedule: string | undefined;
  preemption: Preemption | undefined;
  /** The per-hunk report of the patches ("(no patch)" when none). */
  report: string[];
  /** The patched tree in memory; undefined when a hunk did not apply. */
  tree: MemoryTree | undefined;
  /** --max-steps and --max-trace, when given (the run's defaults otherwise). */
  limits: { maxSteps?: number; maxTrace?: number };
}

function defaultScenario(): string {
  const root = findRepoRoot(__dirname);
  if (!root) throw new UsageError('cannot find the iolock-sim checkout; give a scenario file');
  return nodePath.join(root, 'examples', 'scenarios', 's0-anon-buffer.iolock.yaml');
}

/** Checks the options, loads the scenario and applies the policy or patches to the kernel tree in memory. */
export function prepareScenario(values: ScenarioOptionValues, positionals: readonly string[], help: string): PreparedScenario {
  if (positionals.length > 1) throw new UsageError(`one scenario at a time (got ${positionals.length})\n${help}`);
  if ([values.policy, values.patch, values['no-patch']].filter((v) => v !== undefined).length > 1) {
    throw new UsageError('give one of --policy, --patch and --no-patch');
  }
  const preemption = values.preemption;
  if (preemption !== undefined && preemption !== 'none' && preemption !== 'full') throw new UsageError(`--preemption is none or full, not '${preemption}'`);
  const maxSteps = positiveOption('max-steps', values['max-steps'], true);
  const maxTrace = positiveOption('max-trace', values['max-trace'], true);
  const maxPatchBytes = positiveOption('max-patch-bytes', values['max-patch-bytes'], true);
  const maxScenarioBytes = positiveOption('max-scenario-bytes', values['max-scenario-bytes'], true);
  const scenarioFile = positionals[0] ?? defaultScenario();
  const scenario = loadScenarioOrThrow(scenarioFile, maxScenarioBytes !== undefined ? { maxBytes: maxScenarioBytes } : {});
  const treeDir = values.tree ?? defaultKernelTree();
  if (!treeDir) throw new UsageError('cannot find the iolock-sim checkout to take kernel/ from; give --tree');
  const policy = values['no-patch'] ? 'none' : values.patch ? 'patches' : (values.policy ?? scenario.policy ?? 'seed');
  const patches = values.patch ?? (policy === 'none' ? [] : policyPatches(policy));
  const { plan, tree } = applyPolicy(loadTree(treeDir), patches, `${treeDir} + ${policy}`, maxPatchBytes !== undefined ? { maxBytes: maxPatchBytes } : {});
  const report = patches.length ? formatPlan(plan, { written: false }) : ['(no patch)'];
  const policyArgs = values['no-patch'] ? '--no-patch' : values.patch ? values.patch.map((p) => `--patch ${p}`).join(' ') : `--policy ${policy}`;
  const limits = { ...(maxSteps !== undefined ? { maxSteps } : {}), ...(maxTrace !== undefined ? { maxTrace } : {}) };
  return { scenario, scenarioFile, policy, policyArgs, schedule: values.schedule, preemption, report, tree, limits };
}
