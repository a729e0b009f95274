import type { ScenarioResult } from '../core/scenario';

/** The verdict as a kernel developer reads it: the oops with its source line, the deadlock, the inversions. */
export function describeResult(r: ScenarioResult, source: (file: string) => string | undefined): string[] {
  const out = [`verdict: ${r.verdict}${r.expected ? ` (expected ${r.expected.verdict}: ${r.asExpected ? 'as expected' : 'NOT as expected'})` : ''}`];
  for (const o of r.oops) {
    out.push(`  oops (${o.kind}) in node${o.node}/${o.task} at ${o.file}:${o.line}: ${o.message}`);
    const line = o.file && o.line ? source(o.file)?.split('\n')[o.line - 1] : undefined;
    if (line !== undefined) out.push(`  ${String(o.line).padStart(5)} | ${line.replace(/\t/g, '        ')}`);
    for (const b of o.backtrace) out.push(`    at ${b.func} (${b.file}:${b.line})`);
  }
  if (r.deadlock) out.push(...r.deadlock.message.split('\n').map((l) => `  ${l}`));
  for (const f of [...r.errors, ...r.inconsistent]) out.push(`  ${f.task} step ${f.step} (${f.at}): ${f.message}`);
  for (const l of r.lockOrder) out.push(...l.split('\n').map((x) => `  ${x}`));
  if (r.verdict === 'ok') out.push(`  ${r.detail}`);
  return out;
}
