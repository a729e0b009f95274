import * as nodePath from 'node:path';
import type { KTask } from '../core/kernel/node';
import type { Scenario, ScenarioTask, Step } from '../core/scenario/model';

/**
 * Thread names as a kernel developer reads them: node, scenario task and the system call it is in, with the
 * file it works on — "node0/T1 read(A)". Kernel threads keep their name ("node0/dlm_astd").
 */

function fileOfFd(s: Scenario, task: ScenarioTask, fd: string): string {
  const opens = (t: ScenarioTask) => t.steps.find((x): x is Extract<Step, { kind: 'open' }> => x.kind === 'open' && x.as === fd);
  const o = opens(task) ?? s.tasks.map(opens).find((x) => x !== undefined);
  return o ? nodePath.posix.basename(o.path) : fd;
}

export function describeStep(s: Scenario, task: ScenarioTask, step: Step): string {
  switch (step.kind) {
    case 'open':
      return `open(${nodePath.posix.basename(step.path)})`;
    case 'close':
      return `close(${fileOfFd(s, task, step.fd)})`;
    case 'read':
    case 'write':
      return `${step.kind}(${fileOfFd(s, task, step.fd)})`;
    case 'mmap':
      return `mmap(${fileOfFd(s, task, step.fd)})`;
    case 'munmap':
      return `munmap(${step.buffer})`;
    case 'alloc':
      return `alloc(${step.as})`;
    case 'touch':
      return `touch(${step.buffer})`;
    case 'memcpy':
      return `memcpy(${step.to}, ${step.from})`;
    case 'sleep':
      return 'sleep';
    case 'exit':
      return 'exit()';
  }
}

/**
 * `callsStarted`: how many calls the task has begun; the nth call is its nth step that is not a sleep (a task
 * stops at its first failing step, so the count never skips one).
 */
export function threadName(s: Scenario, kt: KTask, scenarioName: string, callsStarted: number): string {
  const node = `node${kt.node.index}`;
  if (kt.kind !== 'user') return `${node}/${kt.name}`;
  const spec = s.tasks.find((t) => t.id === scenarioName);
  if (!spec) return `${node}/${scenarioName}`;
  const calls = spec.steps.filter((x) => x.kind !== 'sleep');
  const step = callsStarted > 0 ? calls[callsStarted - 1] : undefined;
  let what = step ? describeStep(s, spec, step) : '(not started)';
  if (kt.state === 'dead') what += ' [oops]';
  else if (step && !kt.call) what += callsStarted >= calls.length ? ' (done)' : ' (returned)';
  return `${node}/${scenarioName} ${what}`;
}
