import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findRepoRoot } from '../src/core/patch';
import { parseScenario, loadScenarioFile, scenarioSeriesPath } from '../src/core/scenario';

const root = findRepoRoot(__dirname) as string;
const DIR = path.join(root, 'examples', 'scenarios');

const GOOD = `name: t
nodes: 2
filesystems:
  - type: gfs2
    mount: /mnt/g
    files:
      - { name: A, size: 100, fill: "a" }
tasks:
  - id: T1
    steps:
      - open: { file: /mnt/g/A, as: fa }
      - alloc: { as: buf, length: 100 }
      - read: { fd: fa, into: buf }
`;

/** The scenario with line `n` (1-based) replaced. */
const withLine = (n: number, text: string): string => GOOD.split('\n').map((l, i) => (i === n - 1 ? text : l)).join('\n');
const errorsOf = (text: string): string[] => parseScenario(text, 'x.iolock.yaml').errors.map((e) => e.message);

describe('scenario files: schema errors at line:col', () => {
  it('accepts a good scenario and fills in defaults', () => {
    const r = parseScenario(GOOD, 'x.iolock.yaml');
    assert.deepEqual(r.errors, []);
    const s = r.scenario;
    assert.ok(s);
    assert.deepEqual(s.nodes, ['node0', 'node1']);
    assert.deepEqual(s.filesystems[0]?.on, [0, 1]);
    assert.equal(s.filesystems[0]?.device, '/dev/simd0');
    assert.equal(s.filesystems[0]?.files[0]?.path, '/mnt/g/A');
    assert.deepEqual(s.tasks[0]?.steps.map((x) => x.kind), ['open', 'alloc', 'read']);
    assert.deepEqual(s.tasks[0]?.steps[2]?.loc, { file: 'x.iolock.yaml', line: 13, col: 9 });
  });

  it('an unknown step names the step and lists the valid ones, at the key', () => {
    assert.deepEqual(errorsOf(withLine(12, '      - mmapp: { as: buf, length: 100 }')), [
      "x.iolock.yaml:12:9: tasks[0].steps[1]: unknown step 'mmapp' (expected one of open, mmap, munmap, close, read, write, alloc, touch, memcpy, sleep, exit, or expect_errno)",
    ]);
  });

  it('an unknown key, at the key', () => {
    const e = errorsOf(withLine(5, '    mnt: /mnt/g'));
    assert.ok(e.includes("x.iolock.yaml:5:5: filesystems[0]: unknown key 'mnt' (expected one of type, device, blocks, mount, options, on, files)"), e.join('\n'));
    assert.ok(e.includes("x.iolock.yaml:4:5: filesystems[0]: missing required key 'mount'"), e.join('\n'));
  });

  it('a wrong type, at the value', () => {
    assert.deepEqual(errorsOf(withLine(7, '      - { name: A, size: big, fill: "a" }')), ['x.iolock.yaml:7:26: filesystems[0].files[0].size: expected integer, got string "big"']);
  });

  it('a wrong enum value', () => {
    assert.deepEqual(errorsOf(withLine(4, '  - type: xfs')), ['x.iolock.yaml:4:11: filesystems[0].type: "xfs" is not one of gfs2, ocfs2, ext2']);
  });

  it('a missing required key, at the object', () => {
    assert.deepEqual(errorsOf(withLine(11, '      - open: { file: /mnt/g/A }')), ["x.iolock.yaml:11:15: tasks[0].steps[0].open: missing required key 'as'"]);
  });

  it('YAML syntax errors have positions too', () => {
    const e = errorsOf(withLine(9, '  - id: T1: x'));
    assert.equal(e.length >= 1, true);
    assert.match(e[0] ?? '', /^x\.iolock\.yaml:9:\d+: /);
  });

  it('refuses a YAML alias bomb at its first alias instead of crashing (found by fuzzing)', () => {
    const bomb = ['name: bomb', 'a0: &a0 [x, x, x, x, x, x, x, x, x]', 'a1: &a1 [*a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0]', 'a2: &a2 [*a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1]', 'tasks: *a2', ''].join('\n');
    assert.deepEqual(errorsOf(bomb), ['x.iolock.yaml:3:10: the YAML cannot be expanded: Excessive alias count indicates a resource exhaustion attack']);
  });

  it('refuses an alias inside its own anchor (a cycle) instead of crashing (found by fuzzing)', () => {
    assert.deepEqual(errorsOf('a: &x [*x]\n'), ['x.iolock.yaml:1:8: an alias (*name) refers to a node that contains it']);
  });

  it('bounds what a scenario may ask of the model: file sizes, buffers, tasks (found by fuzzing: capacity 10^12)', () => {
    assert.match(errorsOf(GOOD.replace('size: 100', 'size: 100, capacity: 1000000000000'))[0] ?? '', /^x\.iolock\.yaml:7:\d+: filesystems\[0\]\.files\[0\]\.capacity: .*1048576/);
    assert.match(errorsOf(withLine(12, '      - alloc: { as: buf, length: 99999999999 }'))[0] ?? '', /^x\.iolock\.yaml:12:\d+: .*length: .*16777216/);
  });

  it('refuses a scenario over the size limit before parsing it, saying how to raise it', () => {
    assert.deepEqual(parseScenario(GOOD, 'x.iolock.yaml', { maxBytes: 100 }).errors.map((e) => e.message), [
      `x.iolock.yaml:1:1: the scenario is ${GOOD.length} bytes: the scenario size limit of 100 bytes was reached; raise it with --max-scenario-bytes N (run/explore/report), or the launch argument maxScenarioBytes`,
    ]);
    assert.ok(parseScenario(GOOD, 'x.iolock.yaml').scenario, 'the default limit takes it');
  });
});

describe('scenario files: semantic errors at line:col', () => {
  it('an undefined fd and buffer', () => {
    assert.deepEqual(errorsOf(withLine(13, '      - read: { fd: fb, into: buff }')), [
      "x.iolock.yaml:13:21: tasks[0].steps[2].read.fd: no fd named 'fb' (no open step of this process binds it; fds: fa)",
      "x.iolock.yaml:13:31: tasks[0].steps[2].read.into: no buffer or mapping named 'buff' (declare it with alloc or mmap; known: buf)",
    ]);
  });

  it('a node out of range, a file on no filesystem, a duplicate task id', () => {
    const text = GOOD + `  - id: T1\n    node: 2\n    steps:\n      - open: { file: /mnt/g/Z, as: fz }\n`;
    assert.deepEqual(errorsOf(text), [
      "x.iolock.yaml:14:9: tasks[1].id: duplicate task id 'T1'",
      'x.iolock.yaml:15:11: tasks[1].node: node 2 is out of range (the scenario has 2 nodes: 0..1)',
      'x.iolock.yaml:17:23: tasks[1].steps[0].open.file: no file /mnt/g/Z in the scenario (files: /mnt/g/A)',
    ]);
  });

  it('a thread shares its leader\'s fds and buffers', () => {
    const text = GOOD + `  - id: T2\n    thread-of: T1\n    steps:\n      - munmap: buf\n      - close: fa\n`;
    const r = parseScenario(text, 'x.iolock.yaml');
    assert.deepEqual(r.errors, []);
    assert.equal(r.scenario?.tasks[1]?.threadOf, 'T1');
  });
});

describe('scenario files: the series they name stays beside them (untrusted repositories)', () => {
  it('refuses .. and absolute series paths at the series key', () => {
    assert.deepEqual(errorsOf(GOOD + 'series: ../../etc/passwd\n'), [
      "x.iolock.yaml:14:9: series: the series must be a file beside the scenario or below it: '../../etc/passwd' climbs out of the scenario's folder ('..')",
    ]);
    assert.match(errorsOf(GOOD + 'series: /etc/passwd\n')[0] ?? '', /^x\.iolock\.yaml:14:9: series: .*'\/etc\/passwd' is an absolute path/);
  });

  it('resolves a series beside the scenario, and refuses one that a symlink leads out of', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'iolock-series-'));
    try {
      fs.mkdirSync(path.join(tmp, 'repo', 'patches'), { recursive: true });
      fs.writeFileSync(path.join(tmp, 'repo', 'patches', 'series'), 'a.patch\n');
      fs.writeFileSync(path.join(tmp, 'outside.patch'), '');
      fs.symlinkSync(path.join(tmp, 'outside.patch'), path.join(tmp, 'repo', 'evil'));
      const file = path.join(tmp, 'repo', 'x.iolock.yaml');
      const ok = parseScenario(GOOD + 'series: patches/series\n', file).scenario;
      assert.ok(ok);
      assert.equal(scenarioSeriesPath(ok), path.join(tmp, 'repo', 'patches', 'series'));
      const evil = parseScenario(GOOD + 'series: evil\n', file).scenario;
      assert.ok(evil);
      assert.throws(() => scenarioSeriesPath(evil), /x\.iolock\.yaml:14:9: the series evil leads out of the scenario's folder \(to .*outside\.patch\)/);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('the canonical scenarios', () => {
  const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.iolock.yaml')).sort();
  it('are s0..s9', () => {
    assert.deepEqual(files.map((f) => f.slice(0, 2)), ['s0', 's1', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9']);
  });
  for (const f of files) {
    it(`${f} is valid`, () => {
      const r = loadScenarioFile(path.join(DIR, f));
      assert.deepEqual(r.errors.map((e) => e.message), []);
      assert.equal(r.scenario?.name, f.replace(/\.iolock\.yaml$/, ''));
    });
  }
});
