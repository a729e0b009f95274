import * as nodePath from 'node:path';
import { defaultKernelTree, findRepoRoot, formatPlan, loadTree } from '../core/patch';
import { applyPolicy, policyPatches } from '../core/policies';
import { loadScenarioOrThrow, runScenario } from '../core/scenario';
import type { ScenarioResult } from '../core/scenario';
import { parseCommandArgs, UsageError } from './args';
import type { Command } from './commands';

const HELP = `usage: iolock-sim run [SCENARIO.iolock.yaml] [--policy NAME | --patch FILE... | --no-patch] [--schedule STR] [--tree DIR] [--json]

Applies a locking policy (or patch files) to the model kernel in memory, boots it and runs the scenario once
under the default deterministic schedule. Prints the per-hunk report, the trace of system calls and the
verdict: ok, oops (with the faulting source line and C backtrace), deadlock (who waits for whom), error (a
call failed where the scenario did not allow it), inconsistent (a torn or stale read) or lock-order.

  SCENARIO      a scenario file (default: examples/scenarios/s0-anon-buffer.iolock.yaml)
  --policy NAME a policy from examples/policies/ (base, walk_vm, seed, seed-fixed, ...); default: the
                scenario's policy, else seed (the archived mail ../shared/seeds/000_ca315d8c7e35812b.txt)
  --patch FILE  a patch to apply instead (repeatable, applied in order)
  --no-patch    the unpatched kernel
  --schedule S  follow this schedule (printed by every run: "T1:4,T2:7,T1:*"), then round-robin; a run given
                the schedule another run printed replays that run step for step
  --tree DIR    kernel tree (default: kernel/ in this checkout)
  --json        one JSON object instead of text

Exit status: 0 when the verdict is ok, 1 for a finding or an input error, 2 on usage errors.`;

function defaultScenario(): string {
  const root = findRepoRoot(__dirname);
  if (!root) throw new UsageError('cannot find the iolock-sim checkout; give a scenario file');
  return nodePath.join(root, 'examples', 'scenarios', 's0-anon-buffer.iolock.yaml');
}

/** The verdict as a kernel developer reads it: the oops with its source line, the deadlock, the inversions. */
function describe(r: ScenarioResult, source: (file: string) => string | undefined): string[] {
  const out = [`verdict: ${r.verdict}${r.expected ? ` (expected ${r.expected.verdict}: ${r.asExpected ? 'as expected' : 'NOT as expected'})` : ''}`];
  for (const o of r.oops) {
    out.push(`  oops (${o.kind}) in node${o.node}/${o.task} at ${o.file}:${o.line}: ${o.message}`);
    const line = o.file && o.line ? source(o.file)?.split('\n')[o.line - 1] : undefined;
    if (line !== undefined) out.push(`  ${String(o.line).padStart(5)} | ${line.replace(/\t/g, '        ')}`);
    for (const b of o.backtrace) out.push(`    at ${b.func} (${b.file}:${b.line})`);
  }
  if (r.deadlock) out.push(...r.deadlock.message.split('\n').map((l) => `  ${l}`));
  for (const f of [...r.errors, ...r.inconsistent]) out.push(`  ${f.task} step ${f.step} (${f.at}): ${f.message}`);
  for (const l of r.lockOrder) out.push(...l.split('\n').map((x) => `  ${x}`));
  if (r.verdict === 'ok') out.push(`  ${r.detail}`);
  return out;
}

export const run: Pick<Command, 'run'> = {
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, {
      policy: { type: 'string' },
      patch: { type: 'string', multiple: true },
      'no-patch': { type: 'boolean' },
      schedule: { type: 'string' },
      tree: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      process.stdout.write(HELP + '\n');
      return 0;
    }
    if (positionals.length > 1) throw new UsageError(`one scenario at a time (got ${positionals.length})\n${HELP}`);
    if ([values.policy, values.patch, values['no-patch']].filter((v) => v !== undefined).length > 1) {
      throw new UsageError('give one of --policy, --patch and --no-patch');
    }
    const scenario = loadScenarioOrThrow(positionals[0] ?? defaultScenario());
    const treeDir = values.tree ?? defaultKernelTree();
    if (!treeDir) throw new UsageError('cannot find the iolock-sim checkout to take kernel/ from; give --tree');
    const policy = values['no-patch'] ? 'none' : values.patch ? 'patches' : (values.policy ?? scenario.policy ?? 'seed');
    const patches = values.patch ?? (policy === 'none' ? [] : policyPatches(policy));
    const { plan, tree } = applyPolicy(loadTree(treeDir), patches, `${treeDir} + ${policy}`);
    const report = patches.length ? formatPlan(plan, { written: false }) : ['(no patch)'];
    if (!tree) {
      process.stdout.write((values.json ? JSON.stringify({ verdict: 'error', patches: report }) : report.join('\n')) + '\n');
      return 1;
    }
    const r = await runScenario(scenario, { tree, policy, schedule: values.schedule });
    if (values.json) {
      process.stdout.write(JSON.stringify({ ...r, patches: report }, null, 2) + '\n');
    } else {
      const out = [...report, '', `scenario ${scenario.name} (${scenario.file}), policy ${policy}:`];
      for (const t of r.trace) out.push(`  ${t.task} step ${t.step}: ${t.call} ${t.result}`);
      out.push(`schedule: ${r.schedule}`);
      out.push(...describe(r, (f) => tree.read(f)));
      process.stdout.write(out.join('\n') + '\n');
    }
    return r.verdict === 'ok' ? 0 : 1;
  },
};
