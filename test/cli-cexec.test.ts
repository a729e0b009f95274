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
    assert.match(r.err, /:2:3: step-limit: step limit of 1000 statements reached \(runaway loop\? raise it with --max-steps\)/);
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
  it('reports a file that does not exist in one line, exit status 1', () => {
    const r = cexec([join(dir, 'missing.c')]);
    assert.equal(r.code, 1);
    assert.equal(r.err.trim().split('\n').length, 1);
  });
});
