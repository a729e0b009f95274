import { strict as assert } from 'node:assert';
import * as fc from 'fast-check';
import { renderReportHtml } from '../../../src/core/report/html';
import type { ScenarioResult } from '../../../src/core/scenario';
import { syntheticResult } from '../../../src/core/timeline/synthetic';
import type { PropertyTable } from '../worker';

/**
 * The HTML report (and the timeline data the webview gets) carries text from untrusted input: file names and
 * hunk sections from patches, C source lines, kernel log text. Whatever that text is, the page must keep only
 * its own scripts (the nonce'd one and the JSON data) and no element or attribute the input wrote.
 */
const HOSTILE = ['<script>alert(1)</script>', '</script><script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>', "'-alert(1)-'", '<!--', ']]>', '\u2028\u2029', '</style><script>x</script>', '<iframe src=//evil>', 'javascript:alert(1)', '&lt;script&gt;', '${alert(1)}', '{{7*7}}'];
const textArb = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 30 }), fc.tuple(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 8 })).map(([a, b]) => a + b));

function poison(r: ScenarioResult, texts: string[]): ScenarioResult {
  let k = 0;
  const next = () => texts[k++ % texts.length] ?? '';
  return {
    ...r,
    scenario: next(),
    policy: next(),
    detail: next(),
    trace: r.trace.map((t) => ({ ...t, task: next(), call: next(), result: next(), at: next() })),
    lockOrder: [next(), next()],
    errors: [{ task: next(), step: 1, at: next(), message: next() }],
    oops: r.oops.length ? r.oops : [{ kind: next(), message: next(), file: next(), line: 3, address: next(), task: next(), node: 0, backtrace: [{ func: next(), file: next(), line: 1 }] }],
    events: r.events.map((e) => ({ ...e, name: next(), cls: next(), taskName: next() })),
  };
}

let base: ScenarioResult | undefined;

export const properties: PropertyTable = {
  'report: hostile text in a result never becomes markup or script in the HTML report': {
    setup: async () => {
      base = syntheticResult({ seed: 3, nodes: 1, tasksPerNode: 2, locks: 4, events: 200 });
    },
    arb: fc.array(textArb, { minLength: 1, maxLength: 12 }),
    check: (texts: string[]) => {
      const html = renderReportHtml(poison(base as ScenarioResult, texts), { script: 'window.ok = 1;', nonce: 'bm9uY2U=', patches: texts, scenarioFile: texts[0] ?? '', policyArgs: texts[1] ?? '' });
      const tags = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1] ?? '');
      for (const t of tags) assert.ok(/^ nonce="bm9uY2U="$/.test(t) || /^ type="application\/json" id="[\w-]+"$/.test(t), `a script tag the page did not write: <script${t}>`);
      assert.equal(tags.filter((t) => t.includes('nonce')).length, 1);
      assert.doesNotMatch(html, /<(img|svg|iframe|object|embed|link)\b/i, 'an element from the input');
      // attribute values are quoted and escaped: what is left outside quotes is markup the page wrote
      const markup = html.replace(/"[^"]*"/g, '""');
      assert.doesNotMatch(markup, /<[a-z][^>]*\son[a-z]+\s*=/i, 'an event handler attribute from the input');
      for (const m of html.matchAll(/<script type="application\/json" id="[\w-]+">([\s\S]*?)<\/script>/g)) JSON.parse(m[1] ?? '');
    },
    show: (texts: string[]) => JSON.stringify(texts),
  },
};
