// The timeline in a real browser: headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core)
// loads an HTML report of a synthetic run with 100 000 lock events and measures the first paint and single
// pan/zoom frames (targets: < 200 ms, < 16 ms), and the VS Code panel's page given the same run as the
// extension posts it. Also saves screenshots of real reports under test-results/ (s2 crossed-mmap on base: the
// deadlock; s0 with the seed: the oops; the panel) to look at.
// Writes its own section of bench/results.md. Usage: node bench/timeline.mjs [--events N] [--no-screenshots]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const EVENTS = Number(args[args.indexOf('--events') + 1]) || 100_000;
const SHOTS = !args.includes('--no-screenshots');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  console.error(`no ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM`);
  process.exit(2);
}

execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
const work = mkdtempSync(join(tmpdir(), 'iolock-timeline-bench-'));

// the report generator and the synthetic run, bundled from the TypeScript sources for this script
const entry = join(work, 'entry.ts');
writeFileSync(
  entry,
  `export { renderReportHtml } from ${JSON.stringify(join(root, 'src/core/report/html'))};
   export { buildTimeline } from ${JSON.stringify(join(root, 'src/core/timeline/model'))};
   export { syntheticResult } from ${JSON.stringify(join(root, 'src/core/timeline/synthetic'))};
   export { packTimeline } from ${JSON.stringify(join(root, 'src/core/timeline/pack'))};
   export { panelHtml } from ${JSON.stringify(join(root, 'src/extension/webview-html'))};`,
);
await build({ entryPoints: [entry], outfile: join(work, 'lib.cjs'), bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning' });
const lib = require(join(work, 'lib.cjs'));
const script = readFileSync(join(root, 'dist/webview/timeline.js'), 'utf8');

const t0 = performance.now();
const result = lib.syntheticResult({ events: EVENTS, nodes: 2, tasksPerNode: 3, seed: 7 });
const t1 = performance.now();
const data = lib.buildTimeline(result);
const t2 = performance.now();
const html = lib.renderReportHtml(result, { script, timeline: data });
const bigReport = join(work, 'synthetic.html');
writeFileSync(bigReport, html);
console.log(`synthetic run: ${result.events.length} lock events, ${data.items.length} timeline items, ${data.lanes.length} lanes; ` +
  `buildTimeline ${(t2 - t1).toFixed(0)} ms; report ${(html.length / 1e6).toFixed(1)} MB (generated in ${(t1 - t0).toFixed(0)} ms)`);

const { chromium } = require('playwright-core');
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const max = (xs) => Math.max(...xs);

/** Opens a page and waits for the timeline's first paint; returns the page and the timings. */
async function open(file, opts = {}) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1, colorScheme: opts.colorScheme ?? 'dark' });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(pathToFileURL(file).href);
  await page.waitForFunction(() => performance.getEntriesByName('iolock-timeline-first-paint').length > 0, null, { timeout: 30000 });
  const t = await page.evaluate(() => ({
    firstPaint: performance.getEntriesByName('iolock-timeline-first-paint')[0].startTime,
    script: performance.getEntriesByName('iolock-timeline-script')[0]?.startTime,
    frame: performance.getEntriesByName('iolock-timeline-frame')[0]?.duration,
  }));
  if (errors.length) throw new Error(`page errors in ${file}:\n${errors.join('\n')}`);
  return { page, t };
}

// --- first paint: fresh pages, the 100 000-event report alternating with a tiny one (the same page with a
// 50-event run: what any page costs on this machine), so that the difference holds on a loaded machine
const tiny = lib.syntheticResult({ events: 50, nodes: 1, tasksPerNode: 1, seed: 7 });
const tinyReport = join(work, 'tiny.html');
writeFileSync(tinyReport, lib.renderReportHtml(tiny, { script }));
const loads = [];
const tinyLoads = [];
for (let i = 0; i < 7; i++) {
  for (const [file, into] of [[bigReport, loads], [tinyReport, tinyLoads]]) {
    const { page, t } = await open(file);
    into.push(t);
    await page.close();
  }
}

// --- the VS Code panel: its page (src/extension/webview-html.ts, dist/webview/panel.js with the UI toolkit) with a
// stand-in for acquireVsCodeApi; on 'ready' the harness posts the data message as the extension does (the packed
// timeline with typed-array columns, copied by structured clone). Measured: navigation to 'ready' (the webview's
// own start, toolkit included) and the data message to the first frame drawn.
const nonce = 'YmVuY2huYmVuY2g=';
const stub = `<script nonce="${nonce}">window.acquireVsCodeApi = () => ({
  postMessage(m) { if (m.type === 'ready') window.benchReady = performance.now(); },
  getState() { return undefined; },
  setState() {},
});</script>\n`;
const panelPage = join(work, 'panel.html');
writeFileSync(panelPage, lib.panelHtml({ cspSource: 'file:', scriptUri: pathToFileURL(join(root, 'dist/webview/panel.js')).href, nonce }).replace('<body>\n', `<body>\n${stub}`));
const packedJson = JSON.stringify(lib.packTimeline(data));
const panelLoads = [];
for (let i = 0; i < 7; i++) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1, colorScheme: 'dark' });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(pathToFileURL(panelPage).href);
  await page.waitForFunction(() => window.benchReady !== undefined, null, { timeout: 30000 });
  await page.evaluate((json) => {
    const p = JSON.parse(json);
    const typed = (o, types) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, types[k] ? types[k].from(v) : v]));
    const cols = { start: Float64Array, length: Float64Array, bits: Uint8Array, lock: Int32Array, at: Int32Array, endAt: Int32Array };
    const lv = { bounds: Int32Array, start: Float64Array, end: Float64Array, bits: Uint8Array, item: Int32Array, count: Int32Array };
    const msg = { type: 'data', data: { ...p, segs: Int32Array.from(p.segs), items: typed(p.items, cols), levels: p.levels.map((l) => typed(l, lv)) }, run: 'bench', title: 'synthetic', live: false };
    performance.mark('bench-post');
    window.postMessage(msg, '*');
  }, packedJson);
  await page.waitForFunction(() => performance.getEntriesByName('iolock-timeline-first-paint').length > 0, null, { timeout: 30000 });
  panelLoads.push(
    await page.evaluate(() => ({
      ready: window.benchReady,
      data: performance.getEntriesByName('iolock-timeline-first-paint')[0].startTime - performance.getEntriesByName('bench-post')[0].startTime,
      items: Number(document.querySelector('canvas.tl-canvas').dataset.itemsDrawn),
    })),
  );
  if (errors.length) throw new Error(`page errors in the panel:\n${errors.join('\n')}`);
  if (i === 0 && SHOTS) {
    mkdirSync(join(root, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(root, 'test-results/timeline-panel-synthetic-100k.png') });
  }
  await page.close();
}
if (panelLoads.some((l) => l.items !== data.items.length)) throw new Error(`the panel drew ${panelLoads.map((l) => l.items)} items of ${data.items.length}`);

// --- pan and zoom frames: real wheel and drag input, each frame's layout + draw time as the view records it
const { page } = await open(bigReport);
const box = await page.locator('canvas.tl-canvas').boundingBox();
const cx = box.x + box.width / 2;
const cy = box.y + Math.min(box.height / 2, 120);
const frameTimes = async (n) =>
  page.evaluate((n) => {
    const all = performance.getEntriesByName('iolock-timeline-frame');
    return all.slice(-n).map((e) => e.duration);
  }, n);
const settle = (pg = page) => pg.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
const phases = {};
async function measure(name, action, n) {
  await page.evaluate(() => performance.clearMeasures('iolock-timeline-frame'));
  for (let i = 0; i < n; i++) {
    await action(i);
    await settle();
  }
  phases[name] = await frameTimes(1000);
}
// frames of a loaded page: the report reads its item columns and indexes the rows once parsed, in idle time
await page.waitForLoadState('load');
await page.evaluate(() => new Promise((r) => requestIdleCallback(() => r(), { timeout: 2000 })));
await page.mouse.move(cx, cy);
await measure('pan, whole run in view (every item visible, merged)', async (i) => {
  await page.mouse.down();
  await page.mouse.move(cx + (i % 2 ? -40 : 40), cy, { steps: 1 });
  await page.mouse.up();
}, 20);
await measure('zoom in with the wheel, 20 notches', async () => page.mouse.wheel(0, -120), 20);
await measure('pan, zoomed in', async (i) => {
  await page.mouse.down();
  await page.mouse.move(cx + (i % 2 ? -200 : 200), cy, { steps: 1 });
  await page.mouse.up();
}, 20);
await measure('zoom out with the wheel, 20 notches', async () => page.mouse.wheel(0, 120), 20);
if (SHOTS) {
  mkdirSync(join(root, 'test-results'), { recursive: true });
  await page.keyboard.press('0');
  await settle();
  await page.locator('#iolock-timeline').screenshot({ path: join(root, 'test-results/timeline-synthetic-100k.png') });
  await page.mouse.wheel(0, -1200);
  await settle();
  await page.locator('#iolock-timeline').screenshot({ path: join(root, 'test-results/timeline-synthetic-100k-zoomed.png') });
}
await page.close();

// --- screenshots of real reports, through the CLI
if (SHOTS) {
  const cli = (...a) => {
    const r = spawnSync(process.execPath, [join(root, 'bin/iolock-sim.js'), 'report', ...a], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`report ${a.join(' ')}: ${r.stderr}`);
  };
  const out = (n) => join(root, 'test-results', n);
  cli(join(root, 'examples/scenarios/s2-crossed-mmap.iolock.yaml'), '--policy', 'base', '--html', out('s2-base.html'));
  cli(join(root, 'examples/scenarios/s0-anon-buffer.iolock.yaml'), '--html', out('s0-seed.html'));
  for (const [html, png, scheme] of [
    ['s2-base.html', 's2-base', 'dark'],
    ['s2-base.html', 's2-base-light', 'light'],
    ['s0-seed.html', 's0-seed', 'dark'],
  ]) {
    const { page: p } = await open(out(html), { colorScheme: scheme });
    await p.screenshot({ path: out(`${png}.png`), fullPage: true });
    if (png === 's2-base') {
      // the tooltip of the deadlocked wait of T1, and the view zoomed on the end of the run
      await p.locator('canvas.tl-canvas').focus();
      for (let i = 0; i < 6; i++) await p.keyboard.press('+');
      for (let i = 0; i < 12; i++) await p.keyboard.press('ArrowRight');
      await settle(p);
      await p.locator('#iolock-timeline').screenshot({ path: out('s2-base-zoomed.png') });
    }
    await p.close();
  }
  console.log('screenshots in test-results/: s2-base.png, s2-base-light.png, s2-base-zoomed.png, s0-seed.png, timeline-synthetic-100k*.png');
}
await browser.close();
rmSync(work, { recursive: true, force: true });

// --- results
const fp = loads.map((l) => l.firstPaint);
const own = loads.map((l) => l.firstPaint - l.script);
const rows = [
  [`first paint: navigation start to the first frame drawn, ${EVENTS} events, median of ${loads.length} loads (target < 200 ms)`, `**${median(fp).toFixed(0)} ms**`],
  ['  the same page with a 50-event run (what any page costs here), median', `${median(tinyLoads.map((l) => l.firstPaint)).toFixed(0)} ms`],
  ['  the timeline\'s own part: its script starting to the first frame drawn (JSON parse, unpack, index, first frame), median', `${median(own).toFixed(0)} ms`],
  ['  of which the first frame (layout + draw), median', `${median(loads.map((l) => l.frame)).toFixed(1)} ms`],
];
rows.push([`VS Code panel page (toolkit controls): navigation to the view ready for data, median of ${panelLoads.length} loads`, `${median(panelLoads.map((l) => l.ready)).toFixed(0)} ms`]);
rows.push([`VS Code panel: the data message (typed arrays) to the first frame drawn, ${EVENTS} events, median (target < 200 ms)`, `**${median(panelLoads.map((l) => l.data)).toFixed(0)} ms**`]);
for (const [name, xs] of Object.entries(phases)) {
  const bold = name.startsWith('pan, whole') ? '**' : '';
  rows.push([`one frame, ${name}: median / max of ${xs.length} (target < 16 ms)`, `${bold}${median(xs).toFixed(1)} / ${max(xs).toFixed(1)} ms${bold}`]);
}
rows.push(['report size (HTML with inline data and script)', `${(html.length / 1e6).toFixed(1)} MB`]);
rows.push(['buildTimeline on the synthetic run (Node)', `${(t2 - t1).toFixed(0)} ms`]);
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const table = ['| measure | value |', '|---|---|', ...rows.map(([a, b]) => `| ${a} | ${b} |`)].join('\n');
console.log(table);

const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim() || 'uncommitted';
const chromeVersion = spawnSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).stdout.trim();
const section =
  `<!-- bench:timeline -->\n## Timeline (bench/timeline.mjs)\n\n` +
  `Produced by \`node bench/timeline.mjs\` at commit ${commit} (plus the working tree) on ${new Date().toISOString().slice(0, 10)}, ${process.version}, ` +
  `${chromeVersion} headless (--disable-gpu, software canvas), 1400×900 viewport, device scale 1, on ${cpus().length} CPUs with load average ${load} at the end (other work on the machine slows everything here). A synthetic run of ${result.events.length} lock events ` +
  `(${data.items.length} timeline items in ${data.lanes.length} lanes on 2 nodes) as an HTML report from renderReportHtml, and as the data message the extension posts to the VS Code panel's page (src/extension/webview-html.ts, dist/webview/panel.js); frame times are the ` +
  `view's own User Timing measures (layout + canvas drawing of one requestAnimationFrame), after real wheel and drag input on the loaded report.\n\n${table}\n<!-- /bench:timeline -->\n`;
const resultsPath = join(root, 'bench/results.md');
const old = existsSync(resultsPath) ? readFileSync(resultsPath, 'utf8') : '# Benchmark results\n';
const marked = /<!-- bench:timeline -->[\s\S]*?<!-- \/bench:timeline -->\n?/;
writeFileSync(resultsPath, marked.test(old) ? old.replace(marked, section) : `${old.trimEnd()}\n\n${section}`);
console.log('bench/results.md: timeline section written');
