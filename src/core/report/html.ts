import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { assetPath } from '../assets';
import type { ScenarioResult } from '../scenario';
import { buildTimeline } from '../timeline/model';
import { packTimeline } from '../timeline/pack';
import { TIMELINE_CSS } from '../timeline/style';
import type { TimelineData } from '../timeline/types';

export interface ReportOptions {
  /** The scenario file, as the user named it (shown, and used in the replay command). */
  scenarioFile?: string;
  /** The options of the run for the replay command ("--policy base", "--no-patch --preemption full", ...). */
  policyArgs?: string;
  /** The per-hunk report of the patches applied. */
  patches?: readonly string[];
  /** Source of the (patched) tree, to quote the line an oops happened at. */
  source?: (file: string) => string | undefined;
  /** The timeline's browser bundle; default: dist/webview/timeline.js, read from beside the CLI bundle. */
  script?: string;
  /** The CSP nonce (default: 16 random bytes); fixed only by tests. */
  nonce?: string;
  /** Default: buildTimeline(result). */
  timeline?: TimelineData;
}

/** The ids of the element the timeline mounts on and of the inline data (webview/timeline/main.ts). */
const ROOT_ID = 'iolock-timeline';
const DATA_ID = 'iolock-timeline-data';
const ITEMS_ID = 'iolock-timeline-items';

/**
 * The timeline bundle made by scripts/build.mjs. Read from disk rather than embedded in the CLI bundle at build
 * time: the file has to exist anyway for the VS Code webview to load, the tsc-compiled tests find it the same
 * way (assetPath walks up to dist/), and the CLI bundle does not grow by a copy of it.
 */
export function timelineScript(): string {
  let p: string;
  try {
    p = assetPath('webview/timeline.js', 'dist/webview/timeline.js');
  } catch {
    throw new Error('cannot find the timeline bundle dist/webview/timeline.js: run "npm run build"');
  }
  return readFileSync(p, 'utf8');
}

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** JSON that can sit inside a <script> element: no "<" at all, so no "</script>" or "<!--". */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** JavaScript that can sit inside a <script> element ("</script" and "<!--" escaped; same meaning in JS). */
export function scriptForHtml(js: string): string {
  return js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

const REPORT_CSS = `
html, body { margin: 0; background: var(--tl-bg); color: var(--tl-fg); font-family: var(--tl-ui-font); font-size: 13px; }
main { padding: 14px 20px 40px; max-width: 1600px; }
h1 { font-size: 18px; margin: 0 0 10px; font-weight: 600; }
h2 { font-size: 14px; margin: 22px 0 8px; font-weight: 600; border-bottom: 1px solid var(--tl-border); padding-bottom: 3px; }
code, pre, .mono { font-family: var(--tl-font); font-size: 12px; }
pre { margin: 4px 0; padding: 6px 8px; background: var(--tl-header); border-radius: 3px; overflow-x: auto; }
.verdict { display: inline-block; vertical-align: baseline; line-height: 1.35; padding: 0 8px; border-radius: 10px; font-weight: 700; color: var(--tl-bg); background: var(--tl-error); }
.verdict.ok { background: var(--tl-syscall); }
.verdict.lock-order, .verdict.inconsistent { background: var(--tl-write); }
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: 3px 14px; margin: 0; align-items: baseline; }
dl.summary dt { color: var(--tl-muted); }
dl.summary dd { margin: 0; min-width: 0; }
.schedule { word-break: break-all; max-height: 4.5em; overflow-y: auto; }
.as-expected { color: var(--tl-syscall); }
.not-expected { color: var(--tl-error); font-weight: 600; }
.oops, .deadlock { border-left: 3px solid var(--tl-error); padding-left: 10px; margin: 8px 0; }
.oops .where { font-weight: 600; }
.bt { margin: 2px 0 0; padding-left: 18px; }
.muted { color: var(--tl-muted); }
.scroll { max-height: 340px; overflow: auto; border: 1px solid var(--tl-border); }
table.trace { border-collapse: collapse; width: 100%; }
table.trace th { position: sticky; top: 0; background: var(--tl-header); text-align: left; font-weight: 600; }
table.trace th, table.trace td { padding: 2px 8px; border-bottom: 1px solid var(--tl-border); white-space: nowrap; }
table.trace td.call { white-space: normal; word-break: break-all; }
table.trace tr[data-task] { cursor: pointer; }
table.trace tr[data-task]:hover { background: var(--vscode-list-hoverBackground, rgba(128, 128, 128, 0.12)); }
table.trace tr.revealed { background: var(--vscode-list-activeSelectionBackground, rgba(0, 127, 212, 0.25)); outline: 1px solid var(--tl-focus); }
td.res-err { color: var(--tl-error); font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
#${ROOT_ID} { margin-top: 4px; }
#reveal-note { min-height: 1.3em; margin: 4px 0 0; }
details > summary { cursor: pointer; color: var(--tl-muted); }
details > summary.mono { color: var(--tl-fg); }
a { color: var(--vscode-textLink-foreground, var(--tl-read)); }
/* below the timeline: laid out only when scrolled to, so a long trace does not delay the first paint */
section.later { content-visibility: auto; contain-intrinsic-size: auto 400px; }
`;

function section(title: string, body: string): string {
  return `<h2>${esc(title)}</h2>\n${body}\n`;
}

function verdictBadge(v: string): string {
  return `<span class="verdict ${esc(v)}">${esc(v)}</span>`;
}

/**
 * One self-contained HTML page for one scenario run: the summary (scenario, policy, verdict, schedule, the oops
 * with its source line and backtrace, the deadlock, the lock-order inversions), the timeline (the browser
 * bundle and the timeline data inlined) and the trace table. No external resource; a CSP with a nonce allows
 * only the page's own script and style.
 */
export function renderReportHtml(result: ScenarioResult, opts: ReportOptions = {}): string {
  const nonce = opts.nonce ?? randomBytes(16).toString('base64');
  const script = opts.script ?? timelineScript();
  const data = opts.timeline ?? buildTimeline(result);
  const policy = result.policy ?? '(none given)';
  const csp = [`default-src 'none'`, `script-src 'nonce-${nonce}'`, `style-src 'nonce-${nonce}'`, `img-src data:`, `base-uri 'none'`, `form-action 'none'`].join('; ');

  const summary: [string, string][] = [
    ['scenario', `<code>${esc(result.scenario)}</code>${opts.scenarioFile ? ` <span class="muted">(${esc(opts.scenarioFile)})</span>` : ''}`],
    ['policy', `<code>${esc(policy)}</code>`],
    [
      'verdict',
      `${verdictBadge(result.verdict)}${
        result.expected
          ? ` <span class="${result.asExpected ? 'as-expected' : 'not-expected'}">expected ${esc(result.expected.verdict)}${result.expected.at ? ` at ${esc(result.expected.at)}` : ''}: ${result.asExpected ? 'as expected' : 'NOT as expected'}</span>`
          : ''
      }`,
    ],
    ['run', `${result.steps} scheduling steps, ${result.statements} statements, ${result.events.length} lock events, ${result.trace.length} system calls`],
    ['schedule', `<div class="schedule mono">${esc(result.schedule)}</div>`],
  ];
  if (opts.scenarioFile) {
    const replay = `iolock-sim run ${opts.scenarioFile}${opts.policyArgs ? ` ${opts.policyArgs}` : ''} --schedule '${result.schedule}'`;
    summary.push(['replay', `<details><summary>command line</summary><pre>${esc(replay)}</pre></details>`]);
  }
  let body = `<h1>iolock-sim: <code>${esc(result.scenario)}</code> with policy <code>${esc(policy)}</code> ${verdictBadge(result.verdict)}</h1>\n`;
  body += `<dl class="summary">${summary.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join('')}</dl>\n`;

  const findings: string[] = [];
  for (const o of result.oops) {
    const where = o.file ? `${o.file}:${o.line ?? '?'}` : 'unknown location';
    const line = o.file && o.line ? opts.source?.(o.file)?.split('\n')[o.line - 1] : undefined;
    findings.push(
      `<div class="oops"><div class="where">oops (${esc(o.kind)}) in node${o.node}/${esc(o.task)} at <code>${esc(where)}</code></div>` +
        `<div>${esc(o.message)}</div>` +
        (line !== undefined ? `<pre>${esc(`${String(o.line).padStart(5)} | ${line.replace(/\t/g, '        ')}`)}</pre>` : '') +
        (o.backtrace.length ? `<ol class="bt mono">${o.backtrace.map((b) => `<li>${esc(b.func)} (${esc(`${b.file}:${b.line}`)})</li>`).join('')}</ol>` : '') +
        `</div>`,
    );
  }
  if (result.deadlock) findings.push(`<div class="deadlock"><pre>${esc(result.deadlock.message)}</pre></div>`);
  for (const f of [...result.errors, ...result.inconsistent]) findings.push(`<div class="oops"><code>${esc(f.at)}</code> ${esc(f.task)} step ${f.step}: ${esc(f.message)}</div>`);
  if (result.lockOrder.length) {
    findings.push(`<p>${result.lockOrder.length} lock-order inversion${result.lockOrder.length === 1 ? '' : 's'} (lockdep): see <a href="#lock-order">Lock order</a> below.</p>`);
  }
  if (result.verdict === 'ok') findings.push(`<p>${esc(result.detail)}</p>`);
  body += section('Findings', findings.join('\n'));

  // the timeline, with its data (packed) and script right after it: it draws before the rest of the page is
  // parsed. A large run's item columns go to the end of the page: the first frame draws from the pre-merged
  // levels, and the parser reaches the script without going through them (it costs about as much per byte as
  // the drawing). (Gzipped data, undone by DecompressionStream, was tried: half the bytes, but the asynchronous
  // decompression waits behind the parsing of the rest of the page, and the first paint came later.)
  const packed = packTimeline(data);
  const { items, ...head } = packed;
  const later = packed.levels.length > 0;
  body += section(
    'Timeline',
    `<div id="${ROOT_ID}"></div>\n<script type="application/json" id="${DATA_ID}">${jsonForScript(later ? head : packed)}</script>\n` +
      `<script nonce="${esc(nonce)}">${scriptForHtml(script)}</script>\n` +
      `<p id="reveal-note" class="muted">Click an item to find its system call in the trace below; click a trace row to show it here.</p>`,
  );

  const rows = result.trace.map((t) => {
    const bad = !(t.result.startsWith('= ') && !t.result.startsWith('= -'));
    return (
      `<tr data-task="${esc(t.task)}" data-start="${t.startStep}" data-end="${t.endStep}">` +
      `<td>${esc(t.task)}</td><td class="num">${t.step}</td><td class="call mono">${esc(t.call)}</td>` +
      `<td class="mono${bad ? ' res-err' : ''}">${esc(t.result)}</td><td class="num mono">${t.startStep}–${t.endStep}</td><td class="mono muted">${esc(t.at)}</td></tr>`
    );
  });
  body += `<section class="later">${section(
    `Trace (${result.trace.length} system call${result.trace.length === 1 ? '' : 's'})`,
    `<div class="scroll"><table class="trace"><thead><tr><th>task</th><th>#</th><th>call</th><th>result</th><th>steps</th><th>scenario</th></tr></thead>` +
      `<tbody>${rows.join('\n')}</tbody></table></div>`,
  )}</section>\n`;
  if (result.lockOrder.length) {
    const inversions = result.lockOrder.map((l) => {
      const title = l.split('\n').find((x) => x.startsWith('-> #0:')) ?? l.split('\n')[0] ?? '';
      return `<details><summary class="mono">${esc(title.replace(/^-> #0:\s*/, ''))}</summary><pre>${esc(l)}</pre></details>`;
    });
    body += `<section class="later" id="lock-order">${section(`Lock order (${result.lockOrder.length} inversion${result.lockOrder.length === 1 ? '' : 's'})`, inversions.join('\n'))}</section>\n`;
  }
  if (opts.patches?.length) {
    body += `<section class="later">${section('Patches', `<details><summary>${esc(opts.patches[opts.patches.length - 1] ?? '')}</summary><pre>${esc(opts.patches.join('\n'))}</pre></details>`)}</section>\n`;
  }

  if (later) body += `<script type="application/json" id="${ITEMS_ID}">${jsonForScript(items)}</script>\n`;

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="dark light">
<title>${esc(`iolock-sim: ${result.scenario} (${policy}): ${result.verdict}`)}</title>
<style nonce="${esc(nonce)}">${TIMELINE_CSS}${REPORT_CSS}</style>
</head>
<body>
<main>
${body}</main>
</body>
</html>
`;
}
