// The Locks and Tasks views during a debug session on s2 (two tasks mmap each other's GFS2 file and read into
// it) with the base policy, which deadlocks: at the deadlock's exception stop the Locks view marks the two
// glocks as the cycle with their holders and waiters, the Tasks view lists node0 → T1, T2 blocked with what they
// wait for and their C line; stepping back, both views follow to the earlier step. Screenshots of the sidebar
// in a dark and a light theme.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TreeNode } from '../../src/extension/views/tree-node';
import { type DebugRun, findNode, iolockApi, type Pane, s2AtDeadlock, setTheme, sidebarPanes, sleep, treeText, until } from './helpers';
import { screenshot } from './probe';

const describeTree = (n: readonly TreeNode[]): string => treeText(n) || '(empty)';

describe('Locks and Tasks views follow a debug session on s2 (base)', function () {
  this.timeout(300000);
  let run: DebugRun | undefined;
  let threadId = 1;

  before(async () => {
    await iolockApi();
    ({ run, threadId } = await s2AtDeadlock());
  });

  after(async () => {
    await run?.end();
    await setTheme(undefined);
  });

  it('Locks: the two glocks are the deadlock cycle, each with its holder and its waiter', async () => {
    const api = await iolockApi();
    const locks = await until('the Locks view to show the cycle', 30000, () => {
      const l = api.views.locks();
      return l.some((n) => n.description?.includes('DEADLOCK CYCLE')) && l;
    }, () => describeTree(api.views.locks()));
    console.log(`      Locks view at the deadlock:\n${describeTree(locks).replace(/^/gm, '        ')}`);
    const cycle = locks.filter((n) => n.description?.includes('DEADLOCK CYCLE'));
    assert.equal(cycle.length, 2, describeTree(locks));
    for (const l of cycle) {
      assert.match(l.label, /^glock \d+\/\d+$/, `${l.label}: ${l.description}`);
      assert.equal(l.icon?.id, 'error');
      const holders = (l.children ?? []).filter((c) => c.contextValue === 'holder');
      const waiters = (l.children ?? []).filter((c) => c.contextValue === 'waiter');
      assert.ok(holders.length >= 1, `${l.label} has no holder:\n${describeTree(locks)}`);
      assert.ok(waiters.length >= 1, `${l.label} has no waiter:\n${describeTree(locks)}`);
      for (const h of holders) assert.match(h.description ?? '', /^holds \w+ since step \d+/);
      for (const w of waiters) assert.match(w.description ?? '', /^waits #1/);
    }
    // crossed: the holder of each cycle lock waits on the other one
    const [a, b] = cycle as [TreeNode, TreeNode];
    const who = (l: TreeNode, kind: string): string[] => (l.children ?? []).filter((c) => c.contextValue === kind).map((c) => c.label);
    assert.deepEqual(who(a, 'holder').sort(), who(b, 'waiter').sort(), describeTree(locks));
    assert.deepEqual(who(b, 'holder').sort(), who(a, 'waiter').sort(), describeTree(locks));
  });

  it('Tasks: node0 → T1 and T2, both blocked, each with what it waits for and its C line', async () => {
    const api = await iolockApi();
    const tasks = await until('the Tasks view', 30000, () => {
      const t = api.views.tasks();
      return t.length > 0 && t;
    });
    console.log(`      Tasks view at the deadlock:\n${describeTree(tasks).replace(/^/gm, '        ')}`);
    const node0 = tasks.find((n) => n.label === 'node0');
    assert.ok(node0, describeTree(tasks));
    for (const name of ['T1', 'T2']) {
      const t: TreeNode | undefined = (node0.children ?? []).find((c) => c.label.replace(/ ◀$/, '').split(' ')[0] === name);
      assert.ok(t, `no ${name} under node0:\n${describeTree(tasks)}`);
      assert.match(t.description ?? '', /^blocked on \S+/, `${name}: ${t.description}`);
      assert.match(t.description ?? '', /\w+\(\) [\w/.-]+\.[ch]:\d+$/, `${name} has no C location: ${t.description}`);
      assert.equal(t.icon?.id, 'error', `${name} is on the cycle`);
      assert.ok(t.reveal && t.reveal.line > 0, `${name} reveals no line`);
    }
  });

  it('the sidebar shows both views with their messages (screenshots, dark and light)', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.iolock');
    let panes: Pane[] = [];
    for (const theme of ['Default Dark Modern', 'Default Light Modern']) {
      await setTheme(theme);
      panes = await until('the iolock views drawn', 20000, async () => {
        const p = await sidebarPanes();
        const locks = p.find((x) => /locks/i.test(x.title));
        return locks && locks.rows.length > 0 && p;
      }, () => JSON.stringify(panes));
      await sleep(300);
      const file = await screenshot(`views-${/Light/.test(theme) ? 'light' : 'dark'}`);
      console.log(`      screenshot ${file}`);
    }
    // what the user reads at the default sidebar width (a cut row ends in an ellipsis on screen)
    for (const p of panes) {
      console.log(`      [${p.title}] ${p.message}`);
      for (const r of p.rows) console.log(`        ${'  '.repeat(Math.max(0, r.depth - 1))}${r.label} — ${r.description}${r.cut ? '  (cut)' : ''}`);
    }
    const locks = panes.find((p) => /locks/i.test(p.title));
    const tasks = panes.find((p) => /tasks/i.test(p.title));
    assert.ok(locks && tasks, JSON.stringify(panes));
    assert.match(locks.message, /^step \d+( \(run over\))?: DEADLOCK/);
    assert.match(tasks.message, /^step \d+( \(run over\))?: deadlock/);
    assert.ok(locks.rows.some((r) => /DEADLOCK CYCLE/.test(r.description)), JSON.stringify(locks.rows));
    // node0 opens expanded, also when an earlier session (another suite's) showed it and then ended
    assert.ok(tasks.rows.some((r) => r.label.startsWith('T1')) && tasks.rows.some((r) => r.label.startsWith('T2')), `Tasks rows: ${JSON.stringify(tasks.rows)}`);
  });

  it('step back: the views follow to the earlier step', async () => {
    const api = await iolockApi();
    assert.ok(run);
    const before = await run.request<{ step: number; position: number }>('iolock/currentStep');
    const tasksBefore = describeTree(api.views.tasks());
    // back statement by statement until the scheduling step changes (the first step back does it in s2)
    let after = before;
    for (let i = 0; i < 50 && after.step === before.step; i++) {
      const seen = run.stops.length;
      await run.session.customRequest('stepBack', { threadId });
      await run.stopAfter(seen);
      after = await run.request<{ step: number; position: number }>('iolock/currentStep');
    }
    assert.ok(after.position < before.position, `stepBack went from position ${before.position} to ${after.position}`);
    assert.notEqual(after.step, before.step, 'fifty steps back stayed in one scheduling step');
    await until('the Tasks view to change', 30000, () => describeTree(api.views.tasks()) !== tasksBefore, () => describeTree(api.views.tasks()));
    console.log(`      after stepping back, step ${before.step} → ${after.step}:\n${describeTree(api.views.locks()).replace(/^/gm, '        ')}${describeTree(api.views.tasks()).replace(/^/gm, '        ')}`);
    // before the last wait began the cycle is not closed: nothing is marked, T1 and T2 can run
    assert.ok(!api.views.locks().some((n) => n.description?.includes('DEADLOCK CYCLE')), describeTree(api.views.locks()));
    const node0 = api.views.tasks().find((n) => n.label === 'node0');
    assert.ok(node0);
    for (const name of ['T1', 'T2']) assert.ok(findNode(node0.children ?? [], (c) => c.label.startsWith(`${name} `) && !!c.description?.startsWith('runnable')), `${name} runnable:\n${describeTree(api.views.tasks())}`);
    // the views' headers say which step they show
    const panes = await until('both views to say the new step', 20000, async () => {
      const p = await sidebarPanes();
      const l = p.find((x) => /locks/i.test(x.title));
      const t = p.find((x) => /tasks/i.test(x.title));
      return l?.message.startsWith(`step ${after.step}:`) && t?.message.startsWith(`step ${after.step}:`) && p;
    }, () => 'see the log');
    assert.ok(panes);
  });
});
