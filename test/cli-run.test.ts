import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin/iolock-sim.js'), 'run', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('iolock-sim run: a scenario with a policy, from the command line', function () {
  this.timeout(120000);

  it('runs s0 with the seed mail by default: every hunk reported, the oops at fs/iolock.c:67 (exit 1)', () => {
    const r = cli([]);
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, /^applied 7 of 7 hunks in 5 files/m);
    assert.match(r.out, /scenario s0-anon-buffer .*, policy seed:/);
    assert.match(r.out, /T1 step 2: sys_read\(0, 0x40000000, 0x2710\) oops/);
    assert.match(r.out, /verdict: oops \(expected oops: as expected\)\n\s+oops \(null-deref\) in node0\/T1 at fs\/iolock\.c:67: NULL pointer dereference/);
    assert.match(r.out, /67 \|\s+if \(ret->mapping->a_ops->iolock_acquire\) \{/);
    assert.match(r.out, /at iolock_region \(fs\/iolock\.c:67\)\n\s+at vfs_read \(fs\/read_write\.c:\d+\)\n\s+at sys_read /);
  });

  it('on the unpatched kernel the read returns the file\'s bytes (exit 0), and --json says so', () => {
    const r = cli(['--no-patch', '--json']);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out) as { verdict: string; oops: unknown[] };
    assert.equal(j.verdict, 'ok');
    assert.deepEqual(j.oops, []);
  });

  it('runs a named policy from examples/policies: walk_vm reads the file (exit 0)', () => {
    const r = cli(['--policy', 'walk_vm']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /verdict: ok/);
  });

  it('names the known policies for an unknown one (exit 1), and rejects an unknown option (exit 2)', () => {
    const r = cli(['--policy', 'nope']);
    assert.equal(r.code, 1);
    assert.match(r.err, /unknown policy 'nope' \(known: base, faultin-2021, iolock, ocfs2, seed, seed-fixed, walk_vm\)/);
    assert.equal(cli(['--fs', 'xfs']).code, 2);
    assert.equal(cli(['--policy', 'base', '--no-patch']).code, 2);
  });
});
