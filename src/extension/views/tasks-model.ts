import type { TaskInfo } from '../../debug/protocol';
import type { TreeNode } from './tree-node';

/**
 * The Tasks view: node → task, each with its state, what it is blocked on and the C line it is at (a click
 * opens it). Kernel threads (dlm_astd, glock workers) are listed after the scenario's tasks of their node.
 */

const STATE_ICON: Record<TaskInfo['state'], { id: string; color?: string }> = {
  runnable: { id: 'debug-start', color: 'debugIcon.startForeground' },
  blocked: { id: 'debug-pause', color: 'editorWarning.foreground' },
  idle: { id: 'circle-outline' },
  dead: { id: 'circle-slash' },
};

/** `waits`: what each queued task waits for according to the lock table (lockWaits), preferred to the task's
 * own `waitsFor`, which names the wait queue it sleeps on. */
export function taskNodes(tasks: readonly TaskInfo[], onCycle: ReadonlySet<number> = new Set(), current?: number, waits: ReadonlyMap<number, string> = new Map()): TreeNode[] {
  const byNode = new Map<number, TaskInfo[]>();
  for (const t of tasks) {
    const list = byNode.get(t.node) ?? [];
    list.push(t);
    byNode.set(t.node, list);
  }
  const order = (t: TaskInfo): number => (t.kind === 'user' ? 0 : t.kind === 'init' ? 1 : 2);
  return [...byNode.entries()]
    .sort(([a], [b]) => a - b)
    .map(([node, list]): TreeNode => {
      const blocked = list.filter((t) => t.state === 'blocked').length;
      return {
        id: `node:${node}`,
        label: `node${node}`,
        description: `${list.length} task${list.length === 1 ? '' : 's'}${blocked ? `, ${blocked} blocked` : ''}`,
        icon: { id: 'server' },
        expanded: true,
        children: [...list].sort((a, b) => order(a) - order(b) || a.threadId - b.threadId).map((t) => taskNode(t, onCycle.has(t.threadId), t.threadId === current, waits.get(t.threadId))),
      };
    });
}

function taskNode(t: TaskInfo, onCycle: boolean, current: boolean, lockWait: string | undefined): TreeNode {
  const where = t.at ? `${t.at.func}() ${shortPath(t.at.path)}:${t.at.line}` : undefined;
  const on = t.state === 'blocked' ? (lockWait ?? t.waitsFor) : undefined;
  const state = on ? `blocked on ${on}` : t.state;
  const label = t.name.replace(/^node\d+\//, '');
  return {
    id: `task:${t.threadId}`,
    label: current ? `${label} ◀` : label,
    description: [state, where].filter(Boolean).join(' · '),
    tooltip: [`${t.name} (${t.kind}, thread ${t.threadId})`, `state: ${state}`, on && t.waitsFor && on !== t.waitsFor ? `sleeping on ${t.waitsFor}` : undefined, where ? `at ${where}` : undefined, onCycle ? 'On the deadlock cycle.' : undefined].filter(Boolean).join('\n'),
    icon: onCycle ? { id: 'error', color: 'errorForeground' } : STATE_ICON[t.state],
    ...(t.at ? { reveal: { path: t.at.path, line: t.at.line } } : {}),
    contextValue: `task-${t.state}`,
  };
}

const TOP = '(?:fs|mm|include|kernel|arch|lib|drivers|init)/.*';

/** The tree-relative tail of a source path: a materialised patched file (".../sources/1234/fs/iolock.c" →
 * "fs/iolock.c") or a file of the checkout's model kernel, whose tree is the kernel/ folder
 * (".../kernel/fs/dlm/ast.c" → "fs/dlm/ast.c", ".../kernel/kernel/wait.c" → "kernel/wait.c"). */
export function shortPath(p: string): string {
  const m = new RegExp(`(?:^|/)kernel/(${TOP})$`).exec(p) ?? new RegExp(`(?:^|/)(${TOP})$`).exec(p);
  return m?.[1] ?? p;
}
