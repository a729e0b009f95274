import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { renderReportHtml, timelineScript } from '../core/report/html';
import { runScenario } from '../core/scenario';
import { parseCommandArgs, UsageError } from './args';
import type { Command } from './commands';
import { prepareScenario, SCENARIO_OPTIONS, SCENARIO_OPTIONS_HELP, SCENARIO_USAGE } from './scenario-options';

const HELP = `usage: iolock-sim report ${SCENARIO_USAGE} --html OUT.html

Runs the scenario once, as 'iolock-sim run' does (same options, same schedule), and writes one self-contained
HTML page: the summary (verdict, oops with source line and backtrace, deadlock, lock-order inversions, the
schedule to replay it), the timeline (a lane per task grouped by node: lock holds by mode, waits, system calls,
the oops, the deadlock cycle; zoom and pan) and the trace of system calls. The page loads nothing from outside.

${SCENARIO_OPTIONS_HELP}
  --html FILE   where to write the report (required)

Exit status: 0 when the report was written (whatever the verdict), 1 for an input error (including a patch
that does not apply), 2 on usage errors.`;

export const report: Pick<Command, 'run'> = {
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, {
      ...SCENARIO_OPTIONS,
      html: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      process.stdout.write(HELP + '\n');
      return 0;
    }
    const out = values.html;
    if (out === undefined || out === '') throw new UsageError(`missing --html OUT.html\n${HELP}`);
    // fail before the run if the bundle is missing or the output cannot be written
    const script = timelineScript();
    const dir = nodePath.dirname(nodePath.resolve(out));
    if (!fs.existsSync(dir)) throw new UsageError(`--html ${out}: no such directory ${dir}`);
    const p = prepareScenario(values, positionals, HELP);
    if (!p.tree) {
      process.stderr.write(p.report.join('\n') + '\n' + 'iolock-sim report: the patches do not apply; no report written\n');
      return 1;
    }
    const tree = p.tree;
    const r = await runScenario(p.scenario, { tree, policy: p.policy, schedule: p.schedule, ...(p.preemption ? { preemption: p.preemption } : {}), ...p.limits });
    const runArgs = `${p.policyArgs}${p.preemption ? ` --preemption ${p.preemption}` : ''}`;
    const html = renderReportHtml(r, { scenarioFile: positionals[0] ?? p.scenarioFile, policyArgs: runArgs, patches: p.report, source: (f) => tree.read(f), script });
    fs.writeFileSync(out, html);
    process.stdout.write(`wrote ${out}: scenario ${r.scenario}, policy ${p.policy}, verdict ${r.verdict} (${r.trace.length} system calls, ${r.events.length} lock events, ${r.steps} steps)\n`);
    return 0;
  },
};
