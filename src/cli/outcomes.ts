import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { explore, type ExploreResult } from '../core/explore/explorer';
import { findRepoRoot, loadTree } from '../core/patch';
import { applyPolicy, policyNames, policyPatches } from '../core/policies';
import { loadScenarioOrThrow } from '../core/scenario';
import { parseCommandArgs, UsageError } from './args';
import type { Command } from './commands';

const HELP = `usage: iolock-sim outcomes [--policy NAME...] [--scenario NAME...] [--timeout S] [--max-executions N]

Explores every scenario in examples/scenarios under every policy in examples/policies and writes the outcome
table: docs/outcomes.json (every cell: verdict, whether the exploration completed, counts, the replay schedule
of each failure) and the table between the markers in docs/outcomes.md. A cell's exploration stops at the
bounds (default 120 s or 5000 executions per cell); the table says so.

  --policy NAME     only these policies (repeatable); --scenario NAME: only these scenarios (repeatable)
  --timeout S       seconds per cell (default 120)
  --max-executions N  executions per cell (default 5000)`;

export interface OutcomeCell {
  policy: string;
  scenario: string;
  verdict: string;
  complete: boolean;
  stopped: string;
  executions: number;
  traces: number;
  ms: number;
  verdicts: Record<string, number>;
  /** Every kind of failure found, with the schedule that replays it (`iolock-sim run --schedule`). */
  failures: { verdict: string; schedule: string; preemptions: number; steps: number; detail: string; at?: string }[];
}

/** P0..P5, the order of DESIGN.md; policies added later come after them. */
const POLICY_ORDER = ['base', 'walk_vm', 'seed', 'seed-fixed', 'iolock', 'faultin-2021', 'ocfs2'];
const rank = (p: string): number => (POLICY_ORDER.includes(p) ? POLICY_ORDER.indexOf(p) : POLICY_ORDER.length);

const BEGIN = '<!-- outcomes:begin (written by `iolock-sim outcomes`; do not edit by hand) -->';
const END = '<!-- outcomes:end -->';

function cellText(c: OutcomeCell): string {
  const mark = c.complete ? 'complete' : 'bounded';
  const at = c.failures.find((f) => f.verdict === c.verdict)?.at;
  return `**${c.verdict}**${at ? ` at \`${at}\`` : ''} (${mark}, ${c.executions} exec)`;
}

export function outcomesMarkdown(cells: OutcomeCell[], policies: string[], scenarios: string[]): string {
  const lines = [BEGIN, '', `| scenario | ${policies.join(' | ')} |`, `|---|${policies.map(() => '---').join('|')}|`];
  for (const s of scenarios) {
    const row = policies.map((p) => {
      const c = cells.find((x) => x.policy === p && x.scenario === s);
      return c ? cellText(c) : '—';
    });
    lines.push(`| \`${s}\` | ${row.join(' | ')} |`);
  }
  lines.push('', 'Replay schedules of every failure (run `iolock-sim run examples/scenarios/SCENARIO.iolock.yaml --policy POLICY --schedule S`):', '');
  for (const c of cells) {
    for (const f of c.failures) lines.push(`- \`${c.scenario}\` × \`${c.policy}\`: ${f.verdict}${f.at ? ` at ${f.at}` : ''}, ${f.preemptions} preemptions — \`${f.schedule}\``);
  }
  lines.push('', END);
  return lines.join('\n');
}

function toCell(policy: string, scenario: string, r: ExploreResult): OutcomeCell {
  return {
    policy,
    scenario,
    verdict: r.verdict,
    complete: r.complete,
    stopped: r.stopped,
    executions: r.executions,
    traces: r.traces,
    ms: r.ms,
    verdicts: r.verdicts as Record<string, number>,
    failures: Object.entries(r.findings).map(([v, f]) => {
      const o = f.result.oops[0];
      return { verdict: v, schedule: f.result.schedule, preemptions: f.preemptions, steps: f.result.steps, detail: f.result.detail.split('\n')[0] ?? '', ...(o?.file ? { at: `${o.file}:${o.line}` } : {}) };
    }),
  };
}

export const outcomes: Pick<Command, 'run'> = {
  async run(argv) {
    const { values } = parseCommandArgs(argv, {
      policy: { type: 'string', multiple: true },
      scenario: { type: 'string', multiple: true },
      timeout: { type: 'string' },
      'max-executions': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      process.stdout.write(HELP + '\n');
      return 0;
    }
    const root = findRepoRoot(__dirname);
    if (!root) throw new UsageError('outcomes runs in an iolock-sim checkout');
    const scenDir = nodePath.join(root, 'examples', 'scenarios');
    const allScenarios = fs.readdirSync(scenDir).filter((f) => f.endsWith('.iolock.yaml')).map((f) => f.replace(/\.iolock\.yaml$/, '')).sort();
    const policies = values.policy ?? policyNames();
    const scenarios = values.scenario ?? allScenarios;
    const timeoutMs = Number(values.timeout ?? 120) * 1000;
    const maxExecutions = Number(values['max-executions'] ?? 5000);
    const jsonPath = nodePath.join(root, 'docs', 'outcomes.json');
    const old: OutcomeCell[] = fs.existsSync(jsonPath) ? (JSON.parse(fs.readFileSync(jsonPath, 'utf8')) as OutcomeCell[]) : [];
    const cells = old.filter((c) => !(policies.includes(c.policy) && scenarios.includes(c.scenario)));
    const base = loadTree(nodePath.join(root, 'kernel'));
    for (const policy of policies) {
      const { tree } = applyPolicy(base, policyPatches(policy), `kernel + ${policy}`);
      if (!tree) throw new UsageError(`policy ${policy} does not apply`);
      for (const name of scenarios) {
        const s = loadScenarioOrThrow(nodePath.join(scenDir, `${name}.iolock.yaml`));
        const r = await explore(s, { tree, policy, timeoutMs, maxExecutions });
        const cell = toCell(policy, name, r);
        cells.push(cell);
        process.stdout.write(`${name} × ${policy}: ${cellText(cell)} — ${r.stopped}\n`);
        fs.writeFileSync(jsonPath, JSON.stringify(cells, null, 1) + '\n');
      }
    }
    const order = (c: OutcomeCell) => `${c.scenario}\0${c.policy}`;
    cells.sort((a, b) => (order(a) < order(b) ? -1 : 1));
    fs.writeFileSync(jsonPath, JSON.stringify(cells, null, 1) + '\n');
    const mdPath = nodePath.join(root, 'docs', 'outcomes.md');
    const md = fs.existsSync(mdPath) ? fs.readFileSync(mdPath, 'utf8') : `# Outcomes\n\n${BEGIN}\n${END}\n`;
    const a = md.indexOf(BEGIN);
    const b = md.indexOf(END);
    if (a < 0 || b < a) throw new UsageError(`${mdPath} lacks the outcome markers`);
    const allPolicies = [...new Set(cells.map((c) => c.policy))].sort((x, y) => rank(x) - rank(y) || (x < y ? -1 : 1));
    const allScen = [...new Set(cells.map((c) => c.scenario))].sort();
    fs.writeFileSync(mdPath, md.slice(0, a) + outcomesMarkdown(cells, allPolicies, allScen) + md.slice(b + END.length));
    return 0;
  },
};
