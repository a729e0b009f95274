import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'iolock-cexec-'));

/** Runs the bundled CLI as a user does (npm test builds dist/ first). */
function cexec(args: string[], source?: string) {
  const file = join(dir, `p${Math.random().toString(36).slice(2)}.c`);
  if (source !== undefined) writeFileSync(file, source);
  const r = spawnSync(process.execPath, [join(root, 'bin/iolock-sim.js'), 'cexec', ...args.map((a) => (a === '$F' ? file : a))], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr, file };
}

describe('cexec on the command line', () => {
  it('passes argv to main, prints its output and exits with its return value', () => {
    const r = cexec(['$F', 'x', 'yz'], '#include <stdio.h>\nint main(int argc, char **argv) { printf("%d %s %s\\n", argc, argv[1], argv[2]); return 7; }\n');
    assert.equal(r.out, '3 x yz\n');
    assert.equal(r.code, 7);
  });
  it('reports a NULL dereference with file:line:col and a backtrace, exit status 1, no JavaScript stack', () => {
    const r = cexec(['$F'], 'struct s { long a; int b; };\nint get(struct s *p) { return p->b; }\nint main(void) { return get(0); }\n');
    assert.equal(r.code, 1);
    assert.equal(r.err.split('\n')[0], `${r.file}:2:24: null-deref: NULL pointer dereference: read of 4 bytes at 0x0000000000000008 (NULL + 8)`);
    assert.match(r.err, /at get \(.*:2:24\)\n\s+at main \(.*:3:18\)/);
    assert.doesNotMatch(r.err, /node:internal|\.js:\d+/);
  });
  it('stops a runaway loop at --max-steps and says how to raise it', () => {
    const r = cexec(['--max-steps', '1000', '$F'], 'int main(void) {\n  for (;;)\n    ;\n}\n');
    assert.equal(r.code, 1);
    assert.match(r.err, /:2:3: step-limit: stopped \(a runaway loop\?\): the step limit of 1000 statements was reached; raise it with --max-steps N \(cexec\)/);
  });
  it('stops deep recursion at --max-depth', () => {
    const r = cexec(['--max-depth', '100', '$F'], 'int f(int n) { return f(n + 1); }\nint main(void) { return f(0); }\n');
    assert.equal(r.code, 1);
    assert.match(r.err, /depth-limit: call depth limit of 100 frames/);
  });
  it('reports unsupported C as one line with its position and exit status 1', () => {
    const r = cexec(['$F'], 'int main(void) {\n  float f = 0;\n  return 0;\n}\n');
    assert.equal(r.code, 1);
    assert.equal(r.err, `${r.file}:2:3: floating point is not supported by the interpreter\n`);
  });
  it('treats a bad option value and a missing file argument as usage errors (exit 2)', () => {
    assert.equal(cexec(['--max-steps', 'abc', '$F'], 'int main(void){return 0;}').code, 2);
    assert.equal(cexec([]).code, 2);
  });
  it('reports a printf conversion it does not implement as a fault at the call, not a crash (found by fuzzing)', () => {
    const r = cexec(['$F'], '#include <stdio.h>\nint main(void) {\n  printf("%e\\n", 1);\n  return 0;\n}\n');
    assert.equal(r.code, 1);
    assert.equal(r.err.split('\n')[0], `${r.file}:3:3: unsupported: floating point printf conversion %e is not supported`);
    assert.doesNotMatch(r.err, /internal error/);
  });
  it('names the option that raises each memory limit: --max-heap for globals, --max-stack, --max-depth', () => {
    const big = cexec(['$F'], 'int a[20000000];\nint main(void) { return a[5]; }\n');
    assert.equal(big.code, 1);
    assert.match(big.err, /:1:1: the program's globals and string literals take \d+ bytes .*the heap limit of 50331648 bytes was reached; raise it with --max-heap N \(cexec\)/);
    const local = 'int main(void) {\n  char b[100000];\n  b[0] = 1;\n  return b[0];\n}\n';
    const small = cexec(['--max-stack', '65536', '$F'], local);
    assert.equal(small.code, 1);
    assert.match(small.err, /stack-overflow: stack overflow in task 1 \(65536 bytes\); raise it with --max-stack N \(cexec\)/);
    assert.equal(cexec(['--max-stack', '1048576', '$F'], local).code, 1, 'returns b[0] = 1');
    assert.equal(cexec(['--max-stack', '1048576', '$F'], local).err, '');
    assert.match(cexec(['--max-depth', '50', '$F'], 'int f(int n) { return f(n + 1); }\nint main(void) { return f(0); }\n').err, /raise it with --max-depth N \(cexec\)/);
  });
  it('faults at once on a memcpy or memset of hundreds of megabytes into a small buffer (found by fuzzing: 6.6 s)', () => {
    const t0 = Date.now();
    const r = cexec(['$F'], '#include <string.h>\nint main(void) {\n  char m[16];\n  memcpy(m, "0123456789", 616496612);\n  memset(m, 0, 616496612);\n  return 0;\n}\n');
    assert.equal(r.code, 1);
    assert.match(r.err.split('\n')[0] ?? '', /:4:3: (wild-access|out-of-bounds): read of 616496612 bytes/);
    assert.ok(Date.now() - t0 < 3000, `took ${Date.now() - t0} ms`);
  });
  it('refuses heap and stack sizes the host cannot provide, as usage errors', () => {
    assert.equal(cexec(['--max-heap', '99999999999', '$F'], 'int main(void){return 0;}').code, 2);
    assert.equal(cexec(['--max-stack', '999999999999', '$F'], 'int main(void){return 0;}').code, 2);
  });
  it('reports a file that does not exist in one line, exit status 1', () => {
    const r = cexec([join(dir, 'missing.c')]);
    assert.equal(r.code, 1);
    assert.equal(r.err.trim().split('\n').length, 1);
  });
});
