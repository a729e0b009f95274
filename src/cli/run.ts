import { formatLoc } from '../core/diagnostics';
import { ANON_READ_DATA, patchedTree, runAnonBufferRead } from '../core/kernel/anon-read';
import { describeOutcome } from '../core/kernel/syscalls';
import { defaultKernelTree, formatPlan, loadPatchFile, loadTree, planPatches } from '../core/patch';
import { policyPatches } from '../core/policies';
import { parseCommandArgs, UsageError } from './args';
import type { Command } from './commands';

const HELP = `usage: iolock-sim run [--policy NAME | --patch FILE... | --no-patch] [--tree DIR] [--fs gfs2|ocfs2|ext2] [--json]

Runs the built-in scenario s0 on the model kernel: one node, one task read(2)s an ordinary file into a
malloc'd buffer. The patches (mails, .patch files or quilt series) are applied in memory first; by default
the seed policy: the archived mail ../shared/seeds/000_ca315d8c7e35812b.txt beside this checkout.

  --policy NAME a locking policy from examples/policies/ (base, walk_vm, seed, seed-fixed, ...)
  --patch FILE  a patch to apply (repeatable, applied in order)
  --no-patch    run the unpatched kernel (the same as --policy base)
  --tree DIR    kernel tree (default: kernel/ in this checkout)
  --fs TYPE     filesystem of the file read (default gfs2)
  --json        one JSON object instead of text

Exit status: 0 when the read returns the file's bytes, 1 for a finding (oops, deadlock, wrong bytes) or an
input error, 2 on usage errors.`;

export const run: Command = {
  summary: 'run the built-in scenario (a read into a malloc\'d buffer) on the patched model kernel',
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, {
      policy: { type: 'string' },
      patch: { type: 'string', multiple: true },
      'no-patch': { type: 'boolean' },
      tree: { type: 'string' },
      fs: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      process.stdout.write(HELP + '\n');
      return 0;
    }
    if (positionals.length) throw new UsageError(`scenario files come with the simulator; this version runs only the built-in one (got '${positionals[0]}')\n${HELP}`);
    const fsType = values.fs ?? 'gfs2';
    if (fsType !== 'gfs2' && fsType !== 'ocfs2' && fsType !== 'ext2') throw new UsageError(`--fs wants gfs2, ocfs2 or ext2, not '${fsType}'`);
    const treeDir = values.tree ?? defaultKernelTree();
    if (!treeDir) throw new UsageError('cannot find the iolock-sim checkout to take kernel/ from; give --tree');
    if ([values.policy, values.patch, values['no-patch']].filter((v) => v !== undefined).length > 1) {
      throw new UsageError('give one of --policy, --patch and --no-patch');
    }
    const patches = values['no-patch'] ? [] : (values.patch ?? policyPatches(values.policy ?? 'seed'));
    const base = loadTree(treeDir);
    const inputs = patches.flatMap((p) => loadPatchFile(p, 1));
    const plan = planPatches(base, inputs);
    const report = formatPlan(plan, { written: false });
    if (!plan.ok) {
      if (values.json) process.stdout.write(JSON.stringify({ verdict: 'error', patches: report }) + '\n');
      else process.stdout.write(report.join('\n') + '\n');
      return 1;
    }
    const tree = patchedTree(base, plan, patches.length ? patches.join(' + ') : treeDir);
    const r = await runAnonBufferRead(tree, fsType);
    const o = r.outcome;
    const verdict = o.status === 'done' ? (r.bytes.equals(r.data) ? 'ok' : 'inconsistent') : o.status === 'limit' ? 'error' : o.status;
    if (values.json) {
      const oops = o.status === 'oops'
        ? { kind: o.oops.kind, message: o.oops.message, file: o.oops.loc?.file, line: o.oops.loc?.line, address: o.oops.address === undefined ? undefined : String(o.oops.address), backtrace: o.oops.backtrace.map((b) => ({ func: b.func, file: b.loc.file, line: b.loc.line })) }
        : undefined;
      process.stdout.write(JSON.stringify({ verdict, patches: report, scenario: 's0-anon-buffer', fs: fsType, oops, detail: describeOutcome(o) }, null, 2) + '\n');
      return verdict === 'ok' ? 0 : 1;
    }
    const out: string[] = [...(patches.length ? report : ['(no patch)']), ''];
    out.push(`scenario s0-anon-buffer: node0/T1 reads /mnt/${fsType}/A (${ANON_READ_DATA.length} bytes) into a malloc'd buffer`);
    if (o.status === 'oops') {
      const at = o.oops.loc;
      out.push(`verdict: oops (${o.oops.kind})${at ? ` at ${formatLoc(at)}` : ''}: ${o.oops.message}`);
      const line = at && tree.read(at.file)?.split('\n')[at.line - 1];
      if (line !== undefined && at) out.push(`  ${String(at.line).padStart(5)} | ${line.replace(/\t/g, '        ')}`);
      for (const b of o.oops.backtrace) out.push(`    at ${b.func} (${formatLoc(b.loc)})`);
    } else if (verdict === 'ok') {
      out.push(`verdict: ok: read returned ${String(o.status === 'done' ? o.value : '')} bytes, the file's contents`);
    } else out.push(`verdict: ${verdict}: ${describeOutcome(o)}`);
    process.stdout.write(out.join('\n') + '\n');
    return verdict === 'ok' ? 0 : 1;
  },
};
