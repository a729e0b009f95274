import { strict as assert } from 'node:assert';
import { buildTimeline, DEFAULT_METRICS, fitViewport, layoutTimeline, packTimeline, unpackTimeline, zoomAt, type PackedTimeline, type TimelineData } from '../src/core/timeline';
import { columnsOf, registerColumns } from '../src/core/timeline/columns';
import { syntheticResult } from '../src/core/timeline/synthetic';
import type { HostToTimeline } from '../src/core/timeline/messages';
import { NOTHING_YET, TimelineFeed, type FeedSession } from '../src/extension/timeline-feed';
import { parseLocation, parseTimelineMessage, withTypedColumns } from '../src/extension/timeline-messages';
import { newNonce, panelCsp, panelHtml } from '../src/extension/webview-html';

/** The pieces of the VS Code timeline panel that need no VS Code: its HTML and CSP, its messages, its data. */
const isPackedPlain = (d: unknown) => Array.isArray((d as PackedTimeline).items.start);
describe('timeline webview: HTML, CSP, messages and the data it is sent', function () {
  this.timeout(60000);

  describe('the panel HTML', () => {
    const cspSource = 'https://file+.vscode-resource.vscode-cdn.net';
    const scriptUri = `${cspSource}/ext/dist/webview/panel.js`;
    const html = panelHtml({ cspSource, scriptUri, nonce: 'AbC+/12=', });

    it('has a strict CSP: nothing by default, scripts by nonce only, styles by nonce and from the webview origin', () => {
      const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1]?.replace(/&#39;/g, "'");
      assert.ok(csp, 'a CSP meta tag');
      assert.equal(csp, panelCsp(cspSource, 'AbC+/12='));
      const rules = new Map(csp.split(/;\s*/).map((r) => [r.split(' ')[0], r.split(' ').slice(1)]));
      assert.deepEqual(rules.get('default-src'), ["'none'"]);
      assert.deepEqual(rules.get('script-src'), ["'nonce-AbC+/12='"]);
      assert.deepEqual(rules.get('style-src'), [cspSource, "'nonce-AbC+/12='"]);
      assert.deepEqual(rules.get('img-src'), [cspSource, 'data:']);
      assert.deepEqual(rules.get('font-src'), [cspSource]);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
    });

    it('loads one script, by nonce, from a webview URI; no inline script, handler or style attribute', () => {
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
      assert.equal(scripts.length, 1);
      for (const [, attrs, body] of scripts) {
        assert.match(attrs ?? '', /\bnonce="AbC\+\/12="/);
        assert.match(attrs ?? '', new RegExp(`\\bsrc="${scriptUri.replace(/[.+/]/g, '\\$&')}"`));
        assert.equal(body?.trim(), '', 'no inline code');
      }
      for (const m of html.matchAll(/<style\b([^>]*)>/g)) assert.match(m[1] ?? '', /\bnonce="AbC\+\/12="/);
      assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handlers');
      assert.doesNotMatch(html, /\sstyle="/, 'no style attributes');
      assert.doesNotMatch(html, /<link\b|<iframe\b|<img\b/i);
      for (const m of html.matchAll(/\b(?:src|href)="([^"]*)"/g)) assert.ok(m[1]?.startsWith(cspSource), `${m[1]} is a webview resource`);
    });

    it('escapes what it is given and takes a fresh nonce each time', () => {
      const evil = panelHtml({ cspSource, scriptUri: `${cspSource}/x.js"><script>alert(1)</script>`, nonce: newNonce() });
      assert.equal([...evil.matchAll(/<script\b/g)].length, 1);
      const a = newNonce();
      const b = newNonce();
      assert.notEqual(a, b);
      assert.match(a, /^[A-Za-z0-9+/]{22}==$/, '16 random bytes, base64');
    });
  });

  describe('messages from the webview (untrusted input)', () => {
    it('takes ready, follow and reveal, and nothing else', () => {
      assert.deepEqual(parseTimelineMessage({ type: 'ready' }), { type: 'ready' });
      assert.deepEqual(parseTimelineMessage({ type: 'follow', follow: false }), { type: 'follow', follow: false });
      assert.deepEqual(parseTimelineMessage({ type: 'reveal', step: 42, task: 'T1', at: 'fs/iolock.c:67', extra: 1 }), { type: 'reveal', step: 42, task: 'T1', at: 'fs/iolock.c:67' });
      assert.deepEqual(parseTimelineMessage({ type: 'reveal', step: 0, task: 'dlm_astd@0' }), { type: 'reveal', step: 0, task: 'dlm_astd@0' });
      for (const bad of [null, 'ready', 7, {}, { type: 'eval' }, { type: 'follow', follow: 'yes' }, { type: 'reveal', step: -1, task: 'T1' }, { type: 'reveal', step: 1.5, task: 'T1' }, { type: 'reveal', step: '3', task: 'T1' }, { type: 'reveal', step: 3 }]) {
        assert.equal(parseTimelineMessage(bad), undefined, JSON.stringify(bad));
      }
    });

    it('reads C locations of items as tree-relative paths and lines, never outside the tree', () => {
      assert.deepEqual(parseLocation('fs/iolock.c:67'), { file: 'fs/iolock.c', line: 67 });
      assert.deepEqual(parseLocation('fs/gfs2/glock.c:1132:5'), { file: 'fs/gfs2/glock.c', line: 1132 });
      for (const bad of ['fs/iolock.c', '../etc/passwd:1', 'fs/../../x.c:3', 'a b.c:1', ':3', 'x.c:']) assert.equal(parseLocation(bad), undefined, bad);
    });
  });

  describe('the panel\'s feed: what is posted, and what the webview\'s messages do', () => {
    const run = packTimeline(buildTimeline(syntheticResult({ events: 500, nodes: 1, tasksPerNode: 2, seed: 2 })));
    function setup() {
      const posted: HostToTimeline[] = [];
      const opened: string[] = [];
      const warned: string[] = [];
      const feed = new TimelineFeed({ post: (m) => posted.push(m), openLocation: (at) => opened.push(at), warn: (m) => warned.push(m), log: () => undefined });
      return { feed, posted, opened, warned };
    }
    /** A debug session answering iolock/timeline with the run at `step`, and recording its requests. */
    function session(id: string, step = 120) {
      const requests: [string, unknown][] = [];
      let release: () => void = () => undefined;
      const gate = { held: false, wait: Promise.resolve() };
      const s: FeedSession & { requests: typeof requests; hold(): void; release(): void } = {
        id,
        requests,
        hold: () => {
          gate.held = true;
          gate.wait = new Promise((r) => (release = r));
        },
        release: () => release(),
        customRequest: async (command, args) => {
          requests.push([command, args]);
          if (gate.held) await gate.wait;
          return command === 'iolock/timeline' ? { timeline: run, step } : {};
        },
      };
      return s;
    }

    it('posts nothing until the webview is ready, then the content, or why there is none', async () => {
      const { feed, posted } = setup();
      feed.showRun(run, 'a run');
      assert.equal(posted.length, 0);
      await feed.receive({ type: 'ready' }, undefined);
      assert.equal(posted.length, 1);
      const m = posted[0];
      assert.ok(m?.type === 'data');
      assert.equal(m.run, 'run-1');
      assert.equal(m.live, false);
      assert.equal(m.now, undefined);
      assert.ok(!isPackedPlain(m.data), 'columns as typed arrays');
      feed.unloaded();
      feed.showRun(run, 'another');
      assert.equal(posted.length, 1, 'hidden: nothing reaches it');
      await feed.receive({ type: 'ready' }, undefined);
      assert.deepEqual(posted.map((x) => (x.type === 'data' ? x.run : x.type)), ['run-1', 'run-2']);
      const empty = setup();
      await empty.feed.receive({ type: 'ready' }, undefined);
      assert.deepEqual(empty.posted, [{ type: 'empty', message: NOTHING_YET }]);
    });

    it('fills itself from the active session when it comes back empty, and follows its stops', async () => {
      const { feed, posted } = setup();
      const s = session('s1', 300);
      await feed.receive({ type: 'ready' }, s);
      assert.deepEqual(s.requests, [['iolock/timeline', {}]]);
      const m = posted[0];
      assert.ok(m?.type === 'data' && m.live && m.now === 300 && m.run === 'session-s1');
      assert.match(m.title, /debugging · step 300$/);
      await feed.fetch(s);
      assert.equal(posted.length, 2);
      // not following: stops are left alone; following again catches up
      await feed.receive({ type: 'follow', follow: false }, s);
      feed.sessionChanged(s);
      assert.equal(s.requests.length, 2);
      await feed.receive({ type: 'follow', follow: true }, s);
      assert.equal(s.requests.length, 3);
    });

    it('makes one more fetch for the stops that come while one runs, not one each', async () => {
      const { feed } = setup();
      const s = session('s1');
      s.hold();
      const first = feed.fetch(s);
      feed.sessionChanged(s);
      feed.sessionChanged(s);
      feed.sessionChanged(s);
      s.release();
      await first;
      assert.equal(s.requests.length, 2);
    });

    it('a click travels the live session to the step; without one it opens the C line', async () => {
      const { feed, opened, warned, posted } = setup();
      const s = session('s1');
      await feed.receive({ type: 'ready' }, s);
      await feed.receive({ type: 'reveal', step: 42, task: 'T1', at: 'fs/iolock.c:67' }, s);
      assert.deepEqual(s.requests[1], ['iolock/travel', { step: 42 }]);
      assert.deepEqual(opened, []);
      feed.sessionEnded(s);
      const last = posted[posted.length - 1];
      assert.ok(last?.type === 'data' && !last.live && last.title.endsWith('session ended'));
      await feed.receive({ type: 'reveal', step: 42, task: 'T1', at: 'fs/iolock.c:67' }, undefined);
      await feed.receive({ type: 'reveal', step: 43, task: 'T1' }, undefined);
      assert.deepEqual(opened, ['fs/iolock.c:67']);
      // a session that cannot travel (it is running) says why
      const f2 = setup();
      const busy = session('s2');
      await f2.feed.fetch(busy);
      busy.customRequest = async () => {
        throw new Error('pause before travelling');
      };
      await f2.feed.receive({ type: 'reveal', step: 5, task: 'T2' }, busy);
      assert.match(f2.warned[0] ?? '', /cannot go to step 5: pause before travelling/);
      assert.deepEqual(warned, []);
    });

    it('ignores what is not a timeline message', async () => {
      const { feed, posted } = setup();
      for (const bad of [undefined, 'ready', { type: 'eval', code: 'x' }, { type: 'reveal', step: 'x', task: 'T1' }]) await feed.receive(bad, undefined);
      assert.deepEqual(posted, []);
    });
  });

  describe('the data: packed columns in slot order, with levels for zoomed-out frames', () => {
    const big = buildTimeline(syntheticResult({ events: 100_000, nodes: 2, tasksPerNode: 3, seed: 11 }));
    const vps = [fitViewport(big, 1400, 900), zoomAt(big, fitViewport(big, 1400, 900), 3, 700), zoomAt(big, fitViewport(big, 1400, 900), 200, 300)];
    const rects = (d: TimelineData, i: number) => layoutTimeline(d, vps[i] as (typeof vps)[number]).rects.map((r) => ({ ...r }));

    it('posted as typed arrays (a structured clone, as postMessage makes it) lays out as the original', () => {
      const typed = withTypedColumns(packTimeline(big));
      assert.ok(typed.items.start instanceof Float64Array && typed.items.bits instanceof Uint8Array && typed.levels.every((l) => l.item instanceof Int32Array));
      const received = unpackTimeline(structuredClone(typed) as PackedTimeline);
      for (let i = 0; i < vps.length; i++) assert.deepEqual(rects(received, i), rects(big, i));
      assert.deepEqual(JSON.parse(JSON.stringify(received.items.slice(1000, 1100))), JSON.parse(JSON.stringify(big.items.slice(1000, 1100))));
      assert.deepEqual(received.cycle, big.cycle);
    });

    it('buildTimeline gives the items lane by lane, row by row, each row by start, marks after their lane', () => {
      const key = (i: number) => {
        const it = big.items[i];
        assert.ok(it);
        return [it.lane, it.kind === 'oops' || it.kind === 'deadlock' ? 1 : 0, it.kind === 'oops' || it.kind === 'deadlock' ? 0 : it.row, it.start];
      };
      for (let i = 1; i < big.items.length; i++) {
        const [a, b] = [key(i - 1), key(i)];
        const c = a.findIndex((x, k) => x !== b[k]);
        assert.ok(c < 0 || (a[c] as number) < (b[c] as number), `items ${i - 1} and ${i} out of order: ${a} / ${b}`);
      }
    });

    it('zoomed out, the levels stand for every item once, and cover the pixels the items cover', () => {
      const packed = packTimeline(big);
      assert.ok(packed.levels.length >= 2, `${packed.levels.length} levels`);
      assert.ok(packed.levels.every((l) => l.start.length <= 8192));
      const exact: TimelineData = { ...big };
      registerColumns(exact, { ...columnsOf(big), levels: [] });
      const fit = vps[0] as (typeof vps)[number];
      const L = layoutTimeline(big, fit);
      const E = layoutTimeline(exact, fit);
      assert.equal(L.rects.reduce((n, r) => n + r.count, 0), E.rects.reduce((n, r) => n + r.count, 0));
      assert.ok(L.rects.length <= E.rects.length * 1.1, `${L.rects.length} rectangles from the levels, ${E.rects.length} from the items`);
      // the pixel columns covered in each row: the same but for a few at run boundaries
      const covered = (rs: typeof L.rects) => {
        const s = new Set<string>();
        for (const r of rs) for (let x = Math.floor(r.x); x < Math.ceil(r.x + r.w); x++) s.add(`${r.y}:${x}`);
        return s;
      };
      const a = covered(L.rects);
      const b = covered(E.rects);
      let same = 0;
      for (const k of a) if (b.has(k)) same++;
      assert.ok(same >= b.size * 0.98 && a.size <= b.size * 1.02, `${same} of ${b.size} pixels in common, ${a.size} drawn`);
      // and zoomed in past the finest level, the items themselves
      assert.deepEqual(rects(big, 2), layoutTimeline(exact, vps[2] as (typeof vps)[number]).rects.map((r) => ({ ...r })));
    });

    it('items given in another order are put in slot order: the layout draws the same spans', () => {
      const small = buildTimeline(syntheticResult({ events: 2000, nodes: 1, tasksPerNode: 2, seed: 5 }));
      const order = small.items.map((_, i) => i).reverse();
      const shuffled: TimelineData = { ...small, items: order.map((i) => small.items[i] as (typeof small.items)[number]), cycle: undefined };
      const vp = { width: DEFAULT_METRICS.labelWidth + 800, height: 600, startStep: small.startStep, pxPerStep: 2, scrollY: 0 };
      const spans = (d: TimelineData) => layoutTimeline(d, vp).rects.map((r) => ({ ...r, item: JSON.stringify(d.items[r.item]) }));
      assert.deepEqual(spans(shuffled), spans(small));
      const back = unpackTimeline(packTimeline(shuffled));
      assert.deepEqual(spans(back), spans(small));
    });
  });
});
