import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { UsageError } from '../cli/args';
import { prepareScenario } from '../cli/scenario-options';
import { UserError } from '../core/diagnostics';
import { explore } from '../core/explore/explorer';
import { parseSchedule, type ScheduleStep } from '../core/kernel/schedule';
import { defaultKernelTree, type MemoryTree } from '../core/patch';
import { Execution } from '../core/scenario/execution';
import type { Scenario } from '../core/scenario/model';
import type { LaunchArguments } from './protocol';

/** A launch argument the user has to fix: reported as an error response, the adapter goes on. */
export class LaunchError extends Error {}

export interface PreparedRun {
  scenario: Scenario;
  policy: string;
  tree: MemoryTree;
  /** The unpatched tree on disk. */
  baseDir: string;
  x: Execution;
  /** The schedule to follow (launch `schedule`, or the explorer's counterexample), then round-robin. */
  script: ScheduleStep[];
}

/**
 * What `launch` does before any C of the scenario runs, as `iolock-sim run` does it: check the arguments,
 * apply the policy (or series) in memory, explore first if asked, build the kernel and set the scenario up.
 * Every mistake in the arguments is a LaunchError with a sentence for the user.
 */
export async function prepareRun(args: LaunchArguments, output: (text: string) => void): Promise<PreparedRun> {
  if (typeof args.scenario !== 'string' || !args.scenario) throw new LaunchError("launch: 'scenario' (the path of a .iolock.yaml file) is required");
  const file = nodePath.resolve(args.scenario);
  if (!fs.existsSync(file)) throw new LaunchError(`launch: scenario file not found: ${file}`);
  for (const k of ['policy', 'series', 'schedule', 'tree', 'sourceDir'] as const) {
    if (args[k] !== undefined && typeof args[k] !== 'string') throw new LaunchError(`launch: ${k} is a string`);
  }
  if (args.preemption !== undefined && args.preemption !== 'none' && args.preemption !== 'full') throw new LaunchError(`launch: preemption is 'none' or 'full', not '${String(args.preemption)}'`);
  if ([args.policy, args.series, args.noPatch || undefined].filter((v) => v !== undefined).length > 1) throw new LaunchError('launch: give one of policy, series and noPatch');
  if (args.series !== undefined && (typeof args.series !== 'string' || !fs.existsSync(args.series))) throw new LaunchError(`launch: series file not found: ${String(args.series)}`);
  if (args.stopOnEntry !== undefined && typeof args.stopOnEntry !== 'boolean' && typeof args.stopOnEntry !== 'string') throw new LaunchError('launch: stopOnEntry is true, false or a C function name');
  if (args.snapshotEvery !== undefined && !(Number.isInteger(args.snapshotEvery) && args.snapshotEvery > 0)) throw new LaunchError('launch: snapshotEvery is a positive number of statements');
  if (args.exploreTimeout !== undefined && !(typeof args.exploreTimeout === 'number' && args.exploreTimeout > 0)) throw new LaunchError('launch: exploreTimeout is a positive number of seconds');
  for (const k of ['maxSteps', 'maxTrace', 'maxPatchBytes', 'maxScenarioBytes'] as const) {
    const v = args[k];
    if (v !== undefined && !(Number.isSafeInteger(v) && v > 0)) throw new LaunchError(`launch: ${k} is a positive integer, not ${JSON.stringify(v)}`);
  }
  const limits = { ...(args.maxSteps !== undefined ? { maxSteps: args.maxSteps } : {}), ...(args.maxTrace !== undefined ? { maxTrace: args.maxTrace } : {}) };
  try {
    let script: ScheduleStep[] = args.schedule ? parseSchedule(args.schedule) : [];
    const p = prepareScenario(
      {
        ...(args.policy !== undefined ? { policy: args.policy } : {}),
        ...(args.series !== undefined ? { patch: [args.series] } : {}),
        ...(args.noPatch ? { 'no-patch': true } : {}),
        ...(args.preemption !== undefined ? { preemption: args.preemption } : {}),
        ...(args.tree !== undefined ? { tree: args.tree } : {}),
        ...(args.maxPatchBytes !== undefined ? { 'max-patch-bytes': String(args.maxPatchBytes) } : {}),
        ...(args.maxScenarioBytes !== undefined ? { 'max-scenario-bytes': String(args.maxScenarioBytes) } : {}),
      },
      [file],
      '',
    );
    output(`${p.report.join('\n')}\n`);
    if (!p.tree) throw new LaunchError(`launch: the patches do not apply to the kernel tree:\n${p.report.join('\n')}`);
    let schedule = args.schedule;
    if (args.explore) {
      output(`exploring ${p.scenario.name} with policy ${p.policy} for a failing schedule...\n`);
      const r = await explore(p.scenario, { tree: p.tree, policy: p.policy, ...(p.preemption ? { preemption: p.preemption } : {}), timeoutMs: (args.exploreTimeout ?? 60) * 1000, ...limits });
      const c = r.counterexample;
      output(`${r.stopped}; ${r.executions} executions, verdicts ${Object.entries(r.verdicts).map(([v, n]) => `${v} ${n}`).join(', ')}\n`);
      if (c && c.result.verdict !== 'ok') {
        schedule = c.result.schedule;
        script = parseSchedule(schedule);
        output(`debugging the counterexample (${c.result.verdict}, ${c.preemptions} preemptions): schedule ${schedule}\n`);
      } else output('no failing schedule found: debugging the default one\n');
    }
    const x = await Execution.prepare(p.scenario, {
      tree: p.tree,
      policy: p.policy,
      snapshots: true,
      // as runScenario: a given schedule dictates the order itself, sleeps shape only the default one
      honourSleep: schedule === undefined,
      ...(p.preemption ? { preemption: p.preemption } : {}),
      ...limits,
    });
    return { scenario: p.scenario, policy: p.policy, tree: p.tree, baseDir: args.tree ?? defaultKernelTree() ?? '', x, script };
  } catch (e) {
    if (e instanceof LaunchError) throw e;
    if (e instanceof UsageError || e instanceof UserError) throw new LaunchError(`launch: ${e.message}`);
    throw e;
  }
}
