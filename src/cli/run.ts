import { runScenario } from '../core/scenario';
import { parseCommandArgs } from './args';
import type { Command } from './commands';
import { describeResult } from './verdict-text';
import { prepareScenario, SCENARIO_OPTIONS, SCENARIO_OPTIONS_HELP, SCENARIO_USAGE } from './scenario-options';

const HELP = `usage: iolock-sim run ${SCENARIO_USAGE} [--json]

Applies a locking policy (or patch files) to the model kernel in memory, boots it and runs the scenario once
under the default deterministic schedule. Prints the per-hunk report, the trace of system calls and the
verdict: ok, oops (with the faulting source line and C backtrace), deadlock (who waits for whom), error (a
call failed where the scenario did not allow it), inconsistent (a torn or stale read) or lock-order.

${SCENARIO_OPTIONS_HELP}
  --json        one JSON object instead of text

Exit status: 0 when the verdict is ok, 1 for a finding or an input error, 2 on usage errors.`;

export const run: Pick<Command, 'run'> = {
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, {
      ...SCENARIO_OPTIONS,
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      process.stdout.write(HELP + '\n');
      return 0;
    }
    const { scenario, policy, preemption, report, tree, limits } = prepareScenario(values, positionals, HELP);
    if (!tree) {
      process.stdout.write((values.json ? JSON.stringify({ verdict: 'error', patches: report }) : report.join('\n')) + '\n');
      return 1;
    }
    const r = await runScenario(scenario, { tree, policy, schedule: values.schedule, ...(preemption ? { preemption } : {}), ...limits });
    if (values.json) {
      process.stdout.write(JSON.stringify({ ...r, patches: report }, null, 2) + '\n');
    } else {
      const out = [...report, '', `scenario ${scenario.name} (${scenario.file}), policy ${policy}:`];
      for (const t of r.trace) out.push(`  ${t.task} step ${t.step}: ${t.call} ${t.result}`);
      out.push(`schedule: ${r.schedule}`);
      out.push(...describeResult(r, (f) => tree.read(f)));
      process.stdout.write(out.join('\n') + '\n');
    }
    return r.verdict === 'ok' ? 0 : 1;
  },
};
