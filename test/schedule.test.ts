import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { formatSchedule, parseSchedule, scriptedScheduler } from '../src/core/kernel/schedule';
import { roundRobin, type Schedulable } from '../src/core/kernel/scheduler';
import { findRepoRoot, loadTree } from '../src/core/patch';
import { loadScenarioOrThrow, runScenario } from '../src/core/scenario';

const tasks = (runnable: number[]): Schedulable[] => [1, 2, 3].map((id) => ({ id, state: runnable.includes(id) ? 'runnable' : 'blocked' }));
const nameOf = (id: number) => `T${id}`;

describe('schedule strings', () => {
  it('parse TASK, TASK:N and TASK:* and report a bad element at its column', () => {
    assert.deepEqual(parseSchedule('T1:4, T2,dlm_astd@0:*'), [
      { task: 'T1', count: 4 },
      { task: 'T2', count: 1 },
      { task: 'dlm_astd@0', count: '*' },
    ]);
    assert.throws(() => parseSchedule('T1:2,T2:x'), /<schedule>:1:6: bad schedule element 'T2:x'/);
    assert.throws(() => parseSchedule('T1:0'), /at least one step/);
  });

  it('format runs of one task as TASK:N', () => {
    assert.equal(formatSchedule(['T1', 'T1', 'T2', 'T1']), 'T1:2,T2:1,T1:1');
  });

  it('follow the script, let TASK:* run while it can, then fall back', () => {
    const s = scriptedScheduler(parseSchedule('T2:2,T3:*'), nameOf, roundRobin);
    assert.equal(s(tasks([1, 2, 3]), undefined)?.id, 2);
    assert.equal(s(tasks([1, 2, 3]), 2)?.id, 2);
    assert.equal(s(tasks([1, 3]), 2)?.id, 3);
    assert.equal(s(tasks([1]), 3)?.id, 1); // T3 cannot run: the script is done, round-robin goes on
  });

  it('refuse a step whose task cannot run, naming who could', () => {
    const s = scriptedScheduler(parseSchedule('T2:1'), nameOf, roundRobin);
    assert.throws(() => s(tasks([1, 3]), undefined), /diverges at step 1: T2 cannot run there \(runnable: T1, T3\)/);
    assert.equal(s(tasks([]), undefined), undefined, 'nothing runnable is a deadlock, not a divergence');
  });
});

describe('replaying a scenario run from its schedule', function () {
  this.timeout(120000);
  const root = findRepoRoot(__dirname) as string;

  it('s2 unpatched: the schedule the default run printed reproduces its trace and its deadlock', async () => {
    const tree = loadTree(path.join(root, 'kernel'));
    const s2 = () => loadScenarioOrThrow(path.join(root, 'examples', 'scenarios', 's2-crossed-mmap.iolock.yaml'));
    const first = await runScenario(s2(), { tree, policy: 'none' });
    assert.equal(first.verdict, 'deadlock');
    const again = await runScenario(s2(), { tree, policy: 'none', schedule: first.schedule });
    assert.equal(again.verdict, 'deadlock');
    assert.equal(again.schedule, first.schedule);
    assert.deepEqual(again.trace, first.trace);
    assert.equal(again.deadlock?.message, first.deadlock?.message);
  });
});
