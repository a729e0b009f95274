import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findRepoRoot } from '../src/core/patch';
import { parseScenario, loadScenarioFile } from '../src/core/scenario';

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
