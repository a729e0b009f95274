import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { OutcomeCell } from '../src/cli/outcomes';
import { buildKernel } from '../src/core/kernel/build';
import { findRepoRoot, loadTree } from '../src/core/patch';
import { applyPolicy, policyNames, policyPatches } from '../src/core/policies';
import { loadScenarioOrThrow, runScenario } from '../src/core/scenario';

const root = findRepoRoot(__dirname) as string;
const cells = JSON.parse(fs.readFileSync(path.join(root, 'docs', 'outcomes.json'), 'utf8')) as OutcomeCell[];
const cell = (scenario: string, policy: string): OutcomeCell => {
  const c = cells.find((x) => x.scenario === scenario && x.policy === policy);
  assert.ok(c, `docs/outcomes.json has no cell ${scenario} × ${policy}`);
  return c;
};

describe('docs/outcomes.md: the policy × scenario table the explorer produced', function () {
  this.timeout(600000);

  it('covers every shipped policy on every shipped scenario', () => {
    const scenarios = fs.readdirSync(path.join(root, 'examples', 'scenarios')).map((f) => f.replace(/\.iolock\.yaml$/, ''));
    for (const p of policyNames()) for (const s of scenarios) cell(s, p);
    const md = fs.readFileSync(path.join(root, 'docs', 'outcomes.md'), 'utf8');
    for (const c of cells) assert.ok(md.includes(c.failures[0]?.schedule ?? ''), `the markdown carries ${c.scenario} × ${c.policy}`);
  });

  it('shows what we know: s0 oopses only with the seed, at fs/iolock.c:67; s2 deadlocks with base and seed-fixed, oopses with seed', () => {
    for (const p of policyNames()) {
      const c = cell('s0-anon-buffer', p);
      if (p === 'seed') {
        assert.equal(c.verdict, 'oops');
        assert.equal(c.failures.find((f) => f.verdict === 'oops')?.at, 'fs/iolock.c:67');
      } else assert.deepEqual([p, c.verdict, c.complete], [p, 'ok', true]);
    }
    for (const p of ['base', 'seed-fixed']) assert.equal(cell('s2-crossed-mmap', p).verdict, 'deadlock', p);
    assert.equal(cell('s2-crossed-mmap', 'seed').verdict, 'oops');
    for (const p of ['walk_vm', 'iolock', 'faultin-2021']) {
      const c = cell('s2-crossed-mmap', p);
      assert.ok(c.complete, `${p}: the exploration of s2 completed (a proof)`);
      assert.ok(!['deadlock', 'oops', 'error'].includes(c.verdict), `${p} on s2: ${c.verdict}`);
    }
  });

  it('every failure in the table replays from its schedule to the same verdict at the same step', async () => {
    const base = loadTree(path.join(root, 'kernel'));
    for (const policy of [...new Set(cells.map((c) => c.policy))]) {
      const { tree } = applyPolicy(base, policyPatches(policy), policy);
      assert.ok(tree);
      const program = (await buildKernel(tree)).program;
      for (const c of cells.filter((x) => x.policy === policy)) {
        const s = loadScenarioOrThrow(path.join(root, 'examples', 'scenarios', `${c.scenario}.iolock.yaml`));
        const worst = c.failures.find((f) => f.verdict === c.verdict);
        if (!worst) continue;
        const r = await runScenario(s, { program, policy, schedule: worst.schedule });
        assert.deepEqual([c.scenario, policy, r.verdict, r.steps], [c.scenario, policy, c.verdict, worst.steps]);
      }
    }
  });
});
