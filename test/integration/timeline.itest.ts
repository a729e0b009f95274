// The timeline webview during a debug session on s2 (base): "iolock: Show Timeline" opens it with the session's
// run drawn on the canvas (items drawn, the steps in view); a click on a lock hold moves the debugger to that
// step (a `goto` stop, iolock/currentStep there) and the timeline follows. Screenshots in a dark and a light
// theme.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { type DebugRun, iolockApi, s2AtDeadlock, setTheme, sleep, until } from './helpers';
import { screenshot, webviewClick, webviewQuery, webviewWaitFor } from './probe';

// under the probe's own 60 s, so that a missing webview fails with the list of frames rather than a probe timeout
const TIMELINE = { match: 'iolock: Timeline', timeoutMs: 30000 };

interface CanvasState {
  items: number;
  range: string;
  title: string;
  summary: string;
}

function canvasState(): Promise<CanvasState> {
  return webviewQuery(
    (_a, doc) => {
      const c = doc.querySelector('canvas');
      return {
        items: Number(c?.dataset['itemsDrawn'] ?? '0'),
        range: c?.dataset['stepRange'] ?? '',
        title: doc.querySelector('.tl-panel-title')?.textContent ?? '',
        summary: doc.querySelector('.tl-sr-only')?.textContent ?? '',
      };
    },
    null,
    TIMELINE,
  );
}

/** Finds a drawn lock hold: moves a synthetic pointer over the canvas until the view's tooltip shows one (the
 * view hit-tests its own layout), and returns where it is in the webview's viewport and the tooltip's lines. */
function findHold(): Promise<{ x: number; y: number; lines: string[] } | null> {
  return webviewQuery(
    (_a, doc, win) => {
      const c = doc.querySelector('canvas') as unknown as { getBoundingClientRect(): { left: number; top: number; width: number; height: number }; dispatchEvent(e: unknown): boolean } | null;
      const tip = doc.querySelector('.tl-tooltip') as unknown as { hidden: boolean; textContent: string | null; querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> } | null;
      if (!c || !tip) return null;
      const P = win['PointerEvent'] as new (type: string, init: Record<string, unknown>) => unknown;
      const r = c.getBoundingClientRect();
      // left of ~160 px are the lane labels; a hold drawn alone is preferred to one merged with others at this
      // zoom (a click on a merged one reveals one of them)
      let merged: { x: number; y: number; lines: string[] } | null = null;
      for (let x = 170; x < r.width - 4; x += 3) {
        for (let y = 4; y < r.height - 4; y += 3) {
          c.dispatchEvent(new P('pointermove', { clientX: r.left + x, clientY: r.top + y, bubbles: true, pointerId: 1 }));
          if (!tip.hidden && / holds /.test(tip.textContent ?? '')) {
            const hit = { x: r.left + x, y: r.top + y, lines: Array.from(tip.querySelectorAll('div')).map((d) => d.textContent ?? '') };
            if (!/merged/.test(tip.textContent ?? '')) {
              c.dispatchEvent(new P('pointerleave', { bubbles: true, pointerId: 1 }));
              return hit;
            }
            merged ??= hit;
          }
        }
      }
      c.dispatchEvent(new P('pointerleave', { bubbles: true, pointerId: 1 }));
      return merged;
    },
    null,
    TIMELINE,
  );
}

describe('Timeline webview follows and drives a debug session on s2 (base)', function () {
  this.timeout(300000);
  let run: DebugRun | undefined;

  before(async () => {
    await iolockApi();
    ({ run } = await s2AtDeadlock());
  });

  after(async () => {
    await run?.end();
    await setTheme(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Show Timeline draws the session: items on the canvas, the steps in view', async () => {
    const registered = await vscode.commands.getCommands(true);
    assert.ok(registered.includes('iolock.showTimeline'));
    await vscode.commands.executeCommand('iolock.showTimeline');
    await webviewWaitFor('canvas', TIMELINE);
    const s = await until('the timeline to draw', 60000, async () => {
      const c = await canvasState();
      return c.items > 0 && c.range !== '' && c;
    });
    console.log(`      canvas: ${s.items} items drawn, steps ${s.range}; title "${s.title}"`);
    console.log(`      summary: ${s.summary.slice(0, 400)}`);
    const m = /^(\d+)-(\d+)$/.exec(s.range);
    assert.ok(m, s.range);
    assert.ok(Number(m[1]) < Number(m[2]), s.range);
    assert.match(s.title, /s2-crossed-mmap · base · debugging · step \d+/);
    assert.match(s.summary, /deadlock/);
  });

  it('a click on a lock hold moves the debugger to its step, and the timeline follows', async () => {
    assert.ok(run);
    const before = await run.request<{ step: number }>('iolock/currentStep');
    const hold = await findHold();
    assert.ok(hold, 'no lock hold found under the pointer anywhere on the canvas');
    console.log(`      clicking at ${hold.x},${hold.y}: ${hold.lines.join(' | ')}`);
    const start = Number(hold.lines.map((l) => /^steps? (\d+)/.exec(l)?.[1]).find((n) => n !== undefined));
    assert.ok(Number.isFinite(start), hold.lines.join(' | '));
    const seen = run.stops.length;
    await webviewClick({ x: hold.x, y: hold.y }, TIMELINE);
    const stop = await run.stopAfter(seen, 60000);
    assert.equal(stop.reason, 'goto', JSON.stringify(stop));
    const after = await run.request<{ step: number }>('iolock/currentStep');
    console.log(`      debugger: step ${before.step} → ${after.step} (the hold starts at step ${start})`);
    // the travel lands just before the item's scheduling step begins: the step completed is the one before
    assert.equal(after.step, start - 1);
    await sleep(1500);
    await screenshot('timeline-after-click');
    // the debugger opens the stop's C file in an editor group: it must not be the timeline's, which would hide
    // (and, without retainContextWhenHidden, unload) the timeline the user just clicked in
    const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === 'iolock: Timeline');
    assert.ok(tab, 'the timeline tab is gone');
    const group = vscode.window.tabGroups.all.find((g) => g.tabs.includes(tab));
    assert.ok(tab.isActive, `the timeline is hidden behind ${group?.activeTab?.label ?? '?'} in its group after the click (screenshot timeline-after-click)`);
    const s = await until('the timeline to show the new step', 30000, async () => {
      const c = await canvasState();
      return c.summary.includes(`the debugger is at step ${after.step}`) && c;
    });
    assert.match(s.title, new RegExp(`step ${after.step}$`));
  });

  it('draws in a dark and a light theme (screenshots)', async () => {
    await vscode.commands.executeCommand('iolock.showTimeline');
    await webviewWaitFor('canvas', TIMELINE);
    for (const theme of ['Default Dark Modern', 'Default Light Modern']) {
      await setTheme(theme);
      const s = await until('the timeline to redraw', 30000, async () => {
        const c = await canvasState();
        return c.items > 0 && c;
      });
      await sleep(500);
      const file = await screenshot(`timeline-${/Light/.test(theme) ? 'light' : 'dark'}`);
      console.log(`      ${file}: ${s.items} items`);
    }
  });
});
