import { explore, type ExploreMode, type ExploreResult } from '../core/explore/explorer';
import { parseCommandArgs, positiveOption, UsageError } from './args';
import type { Command } from './commands';
import { prepareScenario, SCENARIO_OPTIONS, SCENARIO_OPTIONS_HELP, SCENARIO_USAGE } from './scenario-options';
import { describeResult } from './verdict-text';

const HELP = `usage: iolock-sim explore ${SCENARIO_USAGE} [--mode dpor|naive|random]
                         [--max-executions N] [--timeout S] [--seed N] [--first] [--json]

Runs the scenario under every schedule that can make a difference and reports the worst outcome: an oops, a
deadlock, an error return, an inconsistent read or a lock-order inversion, with a replayable, minimised
counterexample (fewest preemptions, then fewest steps), or a proof that none exists within the bounds.

${SCENARIO_OPTIONS_HELP}
  --mode M          dpor (default): one execution per class of equivalent interleavings (dynamic partial-order
                    reduction with sleep sets); naive: every interleaving; random: PCT-style random schedules
  --max-executions N  stop after N executions (default: the scenario's explore.max_executions, else 100000)
  --timeout S       seconds (default: explore.max_time, else 300)
  --seed N          seed for --mode random (default 1)
  --first           stop at the first failing execution
  --json            one JSON object instead of text

Exit status: 0 when every execution was ok, 1 for a finding or an input error, 2 on usage errors.`;

export const exploreCommand: Pick<Command, 'run'> = {
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, {
      ...SCENARIO_OPTIONS,
      mode: { type: 'string' },
      'max-executions': { type: 'string' },
      timeout: { type: 'string' },
      seed: { type: 'string' },
      first: { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      process.stdout.write(HELP + '\n');
      return 0;
    }
    const mode = (values.mode ?? 'dpor') as ExploreMode;
    if (!['dpor', 'naive', 'random'].includes(mode)) throw new UsageError(`--mode is dpor, naive or random, not '${values.mode}'`);
    if (values.schedule !== undefined) throw new UsageError('explore chooses the schedules itself; replay one with `iolock-sim run --schedule`');
    const maxExecutions = positiveOption('max-executions', values['max-executions'], false);
    const timeout = positiveOption('timeout', values.timeout, false);
    const seed = values.seed === undefined ? undefined : Number(values.seed);
    const { scenario, scenarioFile, policy, policyArgs, preemption, report, tree, limits } = prepareScenario(values, positionals, HELP);
    if (!tree) {
      process.stdout.write((values.json ? JSON.stringify({ verdict: 'error', complete: false, patches: report }) : report.join('\n')) + '\n');
      return 1;
    }
    const live = !values.json && process.stderr.isTTY;
    const ex = scenario.explore;
    const r = await explore(scenario, {
      tree,
      policy,
      mode,
      maxExecutions: maxExecutions ?? ex.maxExecutions,
      maxSteps: limits.maxSteps ?? ex.maxSteps,
      ...(limits.maxTrace !== undefined ? { maxTrace: limits.maxTrace } : {}),
      timeoutMs: (timeout ?? ex.maxTime ?? 300) * 1000,
      ...(preemption ? { preemption } : {}),
      ...(seed !== undefined && Number.isFinite(seed) ? { seed } : {}),
      stopOnFirst: values.first === true,
      ...(live
        ? {
            onProgress: (p) =>
              process.stderr.write(
                `\r${p.executions} executions, ${p.traces} traces, ${p.transitions} steps, ${(p.ms / 1000).toFixed(1)} s  ` +
                  Object.entries(p.verdicts)
                    .map(([v, n]) => `${v}:${n}`)
                    .join(' ') +
                  '   ',
              ),
          }
        : {}),
    });
    if (live) process.stderr.write('\n');
    if (values.json) {
      process.stdout.write(JSON.stringify(toJson(r, report), null, 2) + '\n');
      return r.verdict === 'ok' ? 0 : 1;
    }
    const out = [...report, '', `scenario ${scenario.name} (${scenarioFile}), policy ${policy}, mode ${mode}:`];
    out.push(`  ${r.stopped}`);
    out.push(`  ${r.executions} executions (${r.traces} distinct traces${r.blocked ? `, ${r.blocked} cut short by sleep sets` : ''}), ${r.transitions} steps, ${(r.ms / 1000).toFixed(1)} s`);
    out.push(`  verdicts: ${Object.entries(r.verdicts).map(([v, n]) => `${v} ${n}`).join(', ')}`);
    const c = r.counterexample;
    if (c) {
      out.push('', `counterexample (${c.preemptions} preemption${c.preemptions === 1 ? '' : 's'}, ${c.length} steps):`);
      for (const t of c.result.trace) out.push(`  ${t.task} step ${t.step}: ${t.call} ${t.result}`);
      out.push(`schedule: ${c.result.schedule}`);
      out.push(`replay:   iolock-sim run ${scenarioFile} ${policyArgs}${preemption ? ` --preemption ${preemption}` : ''} --schedule '${c.result.schedule}'`);
      out.push(...describeResult(c.result, (f) => tree.read(f)));
    } else out.push(`verdict: ok`);
    process.stdout.write(out.join('\n') + '\n');
    return r.verdict === 'ok' ? 0 : 1;
  },
};

/** What `explore --json` prints (the extension reads it too). */
export type ExploreJson = ReturnType<typeof toJson>;

/** The JSON the issue promises: verdict, complete, executions, schedule, and the finding's details. */
function toJson(r: ExploreResult, patches: string[]) {
  const c = r.counterexample?.result;
  const oops = c?.oops[0];
  return {
    verdict: r.verdict,
    complete: r.complete,
    stopReason: r.stopReason,
    stopped: r.stopped,
    mode: r.mode,
    scenario: r.scenario,
    policy: r.policy,
    executions: r.executions,
    traces: r.traces,
    blocked: r.blocked,
    transitions: r.transitions,
    ms: r.ms,
    verdicts: r.verdicts,
    schedule: c?.schedule,
    preemptions: r.counterexample?.preemptions,
    steps: c?.steps,
    oops: oops && { kind: oops.kind, file: oops.file, line: oops.line, address: oops.address, message: oops.message, task: oops.task, backtrace: oops.backtrace },
    deadlock: c?.deadlock && { cycle: c.deadlock.cycle, message: c.deadlock.message },
    lockOrder: c?.lockOrder,
    inconsistency: c?.inconsistent,
    errors: c?.errors,
    trace: c?.trace,
    findings: Object.fromEntries(Object.entries(r.findings).map(([v, f]) => [v, { schedule: f.result.schedule, preemptions: f.preemptions, steps: f.result.steps, detail: f.result.detail }])),
    patches,
  };
}
