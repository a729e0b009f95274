import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { jsonForScript, renderReportHtml, scriptForHtml } from '../src/core/report/html';
import { buildTimeline, isPacked, unpackTimeline, type PackedTimeline } from '../src/core/timeline';
import { syntheticResult } from '../src/core/timeline/synthetic';

const root = path.join(__dirname, '..', '..');

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/iolock-sim.js'), 'report', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Every <script ...> opening tag, and the inline data. */
function scripts(html: string) {
  return [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1] ?? '');
}
function inlineData(html: string): PackedTimeline {
  const m = /<script type="application\/json" id="iolock-timeline-data">([\s\S]*?)<\/script>/.exec(html);
  assert.ok(m, 'the timeline data is inlined');
  const d = JSON.parse(m[1] ?? '') as PackedTimeline;
  assert.ok(isPacked(d));
  // a large run's item columns come at the end of the page
  const items = /<script type="application\/json" id="iolock-timeline-items">([\s\S]*?)<\/script>/.exec(html);
  return items ? { ...d, items: JSON.parse(items[1] ?? '') as PackedTimeline['items'] } : d;
}

/** The checks every report passes: nothing loaded from outside, a CSP with a nonce on each script and style. */
function assertSelfContained(html: string) {
  assert.doesNotMatch(html, /\b(src|href)\s*=\s*["']?\s*(https?:)?\/\//i, 'no external src or href');
  assert.doesNotMatch(html, /<link\b|<iframe\b|<img\b[^>]*src=["']?(?!data:)/i);
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
  assert.ok(csp, 'a CSP meta tag');
  const nonce = /script-src 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
  assert.ok(nonce, `script-src with a nonce: ${csp}`);
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, new RegExp(`style-src 'nonce-${nonce.replace(/[+/=]/g, '\\$&')}'`));
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https?:/);
  const tags = scripts(html);
  assert.ok(tags.length === 2 || tags.length === 3, 'the data, the timeline script, and for a large run the item columns');
  for (const t of tags) if (!t.includes('type="application/json"')) assert.ok(t.includes(`nonce="${nonce}"`), `script tag ${t} has the nonce`);
  for (const m of html.matchAll(/<style\b([^>]*)>/g)) assert.ok((m[1] ?? '').includes(`nonce="${nonce}"`));
  assert.doesNotMatch(html, /\sstyle="/, 'no inline style attributes (the CSP would block them)');
  assert.doesNotMatch(html, /\son[a-z]+="/, 'no inline event handlers');
}

describe('HTML report: one self-contained page with the timeline', function () {
  this.timeout(120000);

  it('escapes </script> and <!-- in inlined JSON and JavaScript', () => {
    const j = jsonForScript({ s: '</script><script>alert(1)</script><!--' });
    assert.doesNotMatch(j, /<\/script|<!--/i);
    assert.deepEqual(JSON.parse(j), { s: '</script><script>alert(1)</script><!--' });
    const js = scriptForHtml('var s = "</SCRIPT>"; var t = "<!--";');
    assert.doesNotMatch(js, /<\/script|<!--/i);
    // the same values in JavaScript
    assert.deepEqual(new Function(`${js}; return [s, t];`)(), ['</SCRIPT>', '<!--']);
  });

  it('a synthetic run: self-contained, CSP with a nonce, the data inlined whole, hostile names escaped', () => {
    const r = syntheticResult({ events: 2000, seed: 5 });
    r.scenario = 'evil</script><script>alert(1)</script>';
    const first = r.trace[0];
    if (first) first.call = 'sys_read("</script><img src=x>")';
    const html = renderReportHtml(r, { script: 'window.loaded = "</script>";', nonce: 'bm9uY2U=' });
    assertSelfContained(html);
    assert.ok(!html.includes('<script>alert(1)'));
    assert.ok(html.includes('evil&lt;/script&gt;'));
    const data = unpackTimeline(inlineData(html));
    assert.deepEqual(JSON.parse(JSON.stringify(data)), JSON.parse(JSON.stringify(buildTimeline(r))));
    assert.equal(data.scenario, r.scenario);
    // a fresh nonce per report by default
    const a = /nonce-([^']+)'/.exec(renderReportHtml(r, { script: '' }))?.[1];
    const b = /nonce-([^']+)'/.exec(renderReportHtml(r, { script: '' }))?.[1];
    assert.ok(a && b && a !== b);
  });

  it('a large run: the first frame\'s data before the script, the item columns at the end of the page', () => {
    const r = syntheticResult({ events: 20_000, seed: 9 });
    const html = renderReportHtml(r, { script: 'window.loaded = 1;', nonce: 'bm9uY2U=' });
    assertSelfContained(html);
    const at = (id: string) => html.indexOf(`id="${id}"`);
    assert.ok(at('iolock-timeline-data') < html.indexOf('window.loaded = 1') && html.indexOf('window.loaded = 1') < html.indexOf('<table class="trace">'));
    assert.ok(at('iolock-timeline-items') > html.indexOf('</table>'), 'the columns after the trace table');
    const head = /<script type="application\/json" id="iolock-timeline-data">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    assert.ok(head.length < html.length / 3, `${head.length} bytes before the script, of ${html.length}`);
    const packed = inlineData(html);
    assert.ok(packed.levels.length > 0);
    assert.deepEqual(JSON.parse(JSON.stringify(unpackTimeline(packed))), JSON.parse(JSON.stringify(buildTimeline(r))));
  });

  it('iolock-sim report s2 --policy base --html: summary, deadlock, trace, timeline bundle and data in one file (exit 0)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'iolock-report-'));
    try {
      const out = path.join(dir, 's2.html');
      const r = cli([path.join(root, 'examples/scenarios/s2-crossed-mmap.iolock.yaml'), '--policy', 'base', '--html', out]);
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /^wrote .*s2\.html: scenario s2-crossed-mmap, policy base, verdict deadlock/);
      const html = readFileSync(out, 'utf8');
      assertSelfContained(html);
      assert.match(html, /<span class="verdict deadlock">deadlock<\/span>/);
      assert.match(html, /deadlock: no task can run/);
      assert.match(html, /<tr data-task="T1" data-start="\d+" data-end="\d+">.*sys_read\(0, 0x40000000, 0x2000\).*blocked/);
      assert.match(html, /--policy base --schedule &#39;T1:/, 'the replay command');
      assert.ok(html.includes(readFileSync(path.join(root, 'dist/webview/timeline.js'), 'utf8').trim().slice(0, 200)), 'the bundle is inlined');
      const data = unpackTimeline(inlineData(html));
      assert.deepEqual(data.cycle?.lanes.map((l) => data.lanes[l]?.label).sort(), ['T1', 'T2']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('iolock-sim report s0 (the seed): the oops at fs/iolock.c:67 with its source line and backtrace', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'iolock-report-'));
    try {
      const out = path.join(dir, 's0.html');
      const r = cli(['--html', out]);
      assert.equal(r.code, 0, r.err);
      const html = readFileSync(out, 'utf8');
      assert.match(html, /oops \(null-deref\) in node0\/T1 at <code>fs\/iolock\.c:67<\/code>/);
      assert.match(html, /67 \|\s+if \(ret-&gt;mapping-&gt;a_ops-&gt;iolock_acquire\)/);
      assert.match(html, /<li>iolock_region \(fs\/iolock\.c:67\)<\/li><li>vfs_read \(fs\/read_write\.c:\d+\)<\/li>/);
      const data = unpackTimeline(inlineData(html));
      const oops = data.items.find((it) => it.kind === 'oops');
      assert.equal(oops?.at === undefined ? undefined : data.locs[oops.at], 'fs/iolock.c:67');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exit 2 without --html or with an unknown option, exit 1 for an unknown policy or a missing scenario; nothing written', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'iolock-report-'));
    try {
      const out = path.join(dir, 'x.html');
      assert.equal(cli([]).code, 2);
      assert.equal(cli(['--html', out, '--fs', 'xfs']).code, 2);
      assert.equal(cli(['--html', out, '--policy', 'base', '--no-patch']).code, 2);
      assert.equal(cli(['--html', path.join(dir, 'no/such/dir.html')]).code, 2);
      const p = cli(['--html', out, '--policy', 'nope']);
      assert.equal(p.code, 1);
      assert.match(p.err, /unknown policy 'nope'/);
      assert.equal(cli([path.join(dir, 'missing.iolock.yaml'), '--html', out]).code, 1);
      assert.ok(!existsSync(out));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
