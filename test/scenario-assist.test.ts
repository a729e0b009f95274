import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findRepoRoot } from '../src/core/patch';
import { policyNames } from '../src/core/policies';
import { parseScenario, STEP_KINDS } from '../src/core/scenario';
import { scenarioCompletions, scenarioDiagnostics, scenarioHover, type ScenarioCompletion } from '../src/core/scenario/assist';

const root = findRepoRoot(__dirname) as string;
const SCENARIOS = path.join(root, 'examples', 'scenarios');
const example = (name: string): string => fs.readFileSync(path.join(SCENARIOS, name), 'utf8');

/** Text with the cursor written as '|' → the text without it and the cursor's offset. */
function at(withCursor: string): { text: string; offset: number } {
  const offset = withCursor.indexOf('|');
  assert.ok(offset >= 0, 'no | in the test text');
  return { text: withCursor.slice(0, offset) + withCursor.slice(offset + 1), offset };
}
const complete = (withCursor: string): ScenarioCompletion[] => {
  const { text, offset } = at(withCursor);
  return scenarioCompletions(text, offset);
};
const labels = (withCursor: string): string[] => complete(withCursor).map((c) => c.label);
const item = (withCursor: string, label: string): ScenarioCompletion => {
  const c = complete(withCursor).find((x) => x.label === label);
  assert.ok(c, `no completion ${label} in ${JSON.stringify(labels(withCursor))}`);
  return c;
};

const TOP = ['name', 'description', 'policy', 'series', 'nodes', 'filesystems', 'tasks', 'faults', 'explore', 'expect'];
const VERDICTS = ['ok', 'deadlock', 'oops', 'inconsistent', 'lock-order', 'error'];
const TASK = 'tasks:\n  - id: T1\n    steps:\n';

describe('scenario editor help: completion', () => {
  it('offers every top-level key in an empty file, required ones first, documented from the schema', () => {
    const items = complete('|');
    assert.deepEqual(items.map((c) => c.label), TOP);
    const sorted = [...items].sort((a, b) => a.sortText.localeCompare(b.sortText)).map((c) => c.label);
    assert.deepEqual(sorted.slice(0, 2), ['name', 'tasks']);
    const name = item('|', 'name');
    assert.equal(name.documentation, 'Short identifier, e.g. s2-crossed-mmap.');
    assert.equal(name.detail, 'required · string');
    assert.equal(name.insertText, 'name: ');
    assert.deepEqual(name.range, { start: 0, end: 0 });
  });

  it('skips keys the mapping already has, on a blank line and on a half-typed key between two keys', () => {
    const rest = TOP.filter((k) => k !== 'name' && k !== 'tasks');
    assert.deepEqual(labels('name: x\n|\ntasks: []\n'), rest);
    assert.deepEqual(labels('name: x\npol|\ntasks: []\n'), rest);
    // the word typed so far is what a completion replaces
    assert.deepEqual(item('name: x\npol|\ntasks: []\n', 'policy').range, { start: 8, end: 11 });
    assert.deepEqual(labels('name: x\np|ol\ntasks: []\n'), rest);
    assert.deepEqual(item('name: x\np|ol\ntasks: []\n', 'policy').range, { start: 8, end: 11 });
  });

  it('inserts lists of mappings and mappings as an indented block to go on, and only the name before a colon', () => {
    assert.equal(item('|', 'tasks').insertText, 'tasks:\n\t- $0');
    assert.equal(item('|', 'tasks').snippet, true);
    assert.equal(item('|', 'explore').insertText, 'explore:\n\t$0');
    assert.equal(item('|', 'expect').insertText, 'expect: ');
    assert.equal(item('|', 'expect').detail, 'string | outcome | list of outcome');
    assert.equal(item('pol|: x\n', 'policy').insertText, 'policy');
    assert.equal(item('pol|: x\n', 'policy').snippet, false);
  });

  it('offers the step kinds for a task step, as flow mappings with a tab stop per required key', () => {
    for (const text of [`${TASK}      - |`, `${TASK}      - mm|`, `${TASK}      - open: { file: x, as: y }\n      - |\n`]) {
      const items = complete(text);
      assert.deepEqual(items.filter((c) => c.kind === 'step').map((c) => c.label).sort(), [...STEP_KINDS].sort(), text);
      assert.ok(items.some((c) => c.label === 'expect_errno' && c.kind === 'property'));
      const first = [...items].sort((a, b) => a.sortText.localeCompare(b.sortText))[0];
      assert.equal(first?.kind, 'step', 'the actions come before expect_errno');
    }
    assert.equal(item(`${TASK}      - |`, 'open').insertText, 'open: { file: ${1}, as: ${2} }$0');
    assert.equal(item(`${TASK}      - |`, 'mmap').insertText, 'mmap: { fd: ${1}, length: ${2}, map: ${3|shared,private|}, as: ${4} }$0');
    assert.equal(item(`${TASK}      - |`, 'exit').insertText, 'exit: true');
    assert.equal(item(`${TASK}      - |`, 'sleep').insertText, 'sleep: ');
    assert.equal(item(`${TASK}      - |`, 'open').documentation, 'sim_open(path, flags): binds the fd to a name.');
    assert.deepEqual(item(`${TASK}      - mm|`, 'mmap').range, { start: TASK.length + 8, end: TASK.length + 10 });
  });

  it('after a just-typed "-" the item starts with a space', () => {
    const c = item(`${TASK}      -|`, 'read');
    assert.equal(c.insertText, ' read: { fd: ${1} }$0');
    assert.deepEqual(c.range, { start: TASK.length + 7, end: TASK.length + 7 });
  });

  it('a step that has its action only takes expect_errno more', () => {
    assert.deepEqual(labels(`${TASK}      - open: { file: x, as: y }\n        |`), ['expect_errno']);
    assert.deepEqual(labels(`${TASK}      - expect_errno: EIO\n        |`).length, STEP_KINDS.length);
  });

  it('offers the keys of a step action in a flow mapping and in a block mapping below it', () => {
    assert.deepEqual(labels(`${TASK}      - mmap: { fd: fb, | }`), ['length', 'offset', 'prot', 'map', 'as']);
    assert.deepEqual(labels(`${TASK}      - mmap: { fd: fb, |`), ['length', 'offset', 'prot', 'map', 'as']);
    assert.deepEqual(labels(`${TASK}      - open: {|}`), ['file', 'as', 'flags']);
    assert.deepEqual(labels(`${TASK}      - open:\n          |`), ['file', 'as', 'flags']);
    assert.deepEqual(labels(`${TASK}      - open:\n          file: x\n          a|`), ['as', 'flags']);
    assert.equal(item(`${TASK}      - mmap: { fd: fb, length: 1,| }`, 'as').insertText, ' as: ');
  });

  it('offers the keys of a task on a blank line between its keys, and nothing at a column no mapping has', () => {
    assert.deepEqual(labels('tasks:\n  - id: T1\n    |\n    steps: []\n'), ['node', 'process', 'thread-of']);
    assert.deepEqual(labels('tasks:\n  - |'), ['id', 'node', 'process', 'thread-of', 'steps']);
    assert.deepEqual(labels('tasks:\n- id: T1\n  |'), ['node', 'process', 'thread-of', 'steps']);
    assert.deepEqual(labels('tasks:\n  - id: T1\n  |'), []);
  });

  it('offers enum values: verdicts, preemption, filesystem types, prot, flags', () => {
    assert.deepEqual(labels('expect: |'), VERDICTS);
    assert.deepEqual(labels('expect: dead|'), VERDICTS);
    assert.deepEqual(item('expect: dead|', 'deadlock').range, { start: 8, end: 12 });
    assert.deepEqual(labels('expect:\n  - { policy: none, verdict: dead| }'), VERDICTS);
    assert.deepEqual(labels('expect:\n  - policy: none\n    verdict: |\n'), VERDICTS);
    assert.deepEqual(labels('expect:\n  verdict: "|"\n'), VERDICTS);
    assert.deepEqual(labels('explore:\n  preemption: |\nname: x\n'), ['none', 'full']);
    assert.match(item('explore:\n  preemption: |', 'full').documentation ?? '', /CONFIG_PREEMPT/);
    assert.deepEqual(labels('filesystems:\n  - type: |'), ['gfs2', 'ocfs2', 'ext2']);
    assert.deepEqual(labels(`${TASK}      - mmap: { fd: x, prot: [|] }`), ['read', 'write']);
    assert.deepEqual(labels(`${TASK}      - mmap: { fd: x, prot: [read, |] }`), ['write']);
    assert.deepEqual(labels(`${TASK}      - mmap:\n          prot:\n            - |`), ['read', 'write']);
    assert.deepEqual(labels(`${TASK}      - mmap: { fd: x, map: |`), ['shared', 'private']);
    assert.deepEqual(labels(`${TASK}      - open: { file: x, as: f, flags: |`), ['rdonly', 'wronly', 'rdwr', 'append', 'largefile', 'direct']);
    assert.deepEqual(labels(`${TASK}      - touch: { at: b, write: |`), ['true', 'false']);
  });

  it('right after a colon a value is inserted with a space before it', () => {
    const c = item('expect:|', 'oops');
    assert.equal(c.insertText, ' oops');
    assert.deepEqual(c.range, { start: 7, end: 7 });
  });

  it('below a key that takes a verdict or an outcome, offers both the outcome keys and the verdicts', () => {
    assert.deepEqual(labels('expect:\n  |'), ['verdict', 'policy', 'at', 'kind', ...VERDICTS]);
    assert.deepEqual(labels('expect:\n  - |'), ['verdict', 'policy', 'at', 'kind']);
    assert.deepEqual(labels('expect:\n  - verdict: oops\n    |'), ['policy', 'at', 'kind']);
  });

  it('offers the policies of examples/policies and none for policy, at the top and in an outcome', () => {
    const want = [...policyNames(), 'none'];
    assert.deepEqual(labels('policy: |'), want);
    assert.deepEqual(labels('name: x\npolicy: se|\ntasks: []\n'), want);
    assert.deepEqual(labels('expect:\n  - { verdict: ok, policy: |'), want);
    assert.match(item('policy: |', 'walk_vm').documentation ?? '', /walk_vm\(\)/);
    assert.equal(item('policy: |', 'base').kind, 'policy');
  });

  it('offers errno names for expect_errno, alone and in a list', () => {
    assert.ok(labels(`${TASK}      - close: f\n        expect_errno: EI|`).includes('EIO'));
    const inList = labels(`${TASK}      - close: f\n        expect_errno: [EIO, |]`);
    assert.ok(inList.includes('ENOMEM') && !inList.includes('EIO'));
  });

  it('offers nothing in a comment, in free text, after a value, or at a value without choices', () => {
    assert.deepEqual(labels('# comm|ent\nname: x\n'), []);
    assert.deepEqual(labels('name: x # a |\n'), []);
    assert.deepEqual(labels('description: some words |\n'), []);
    assert.deepEqual(labels('name: |'), []);
    assert.deepEqual(labels('tasks:\n  - id: T1\n    node: |'), []);
  });

  it('never throws, at every other offset of an example and at the end of its prefixes', () => {
    // the comment block adds parse time and no structure: the body is what the user edits
    const body = (name: string): string => example(name).replace(/^(#.*\n)+/, '');
    const s0 = body('s0-anon-buffer.iolock.yaml');
    for (let i = 0; i <= s0.length; i += 2) scenarioCompletions(s0, i);
    const s2 = body('s2-crossed-mmap.iolock.yaml');
    for (let i = 0; i <= s2.length; i += s2[i] === '\n' ? 1 : 4) {
      scenarioCompletions(s2.slice(0, i), i);
      scenarioHover(s2.slice(0, i), Math.max(0, i - 1));
    }
    assert.equal(scenarioCompletions('name: x', 99).length, 0);
  });
});

describe('scenario editor help: hover', () => {
  const s2 = `${example('s2-crossed-mmap.iolock.yaml')}explore: { preemption: full }\nexpect:\n  - { policy: none, verdict: deadlock }\n`;
  const hoverAt = (needle: string, delta = 1) => {
    const i = s2.indexOf(needle);
    assert.ok(i >= 0, needle);
    return scenarioHover(s2, i + delta);
  };

  it('shows a key’s description, type and values, over the key', () => {
    const h = hoverAt('type: gfs2');
    assert.ok(h);
    assert.equal(s2.slice(h.range.start, h.range.end), 'type');
    assert.equal(
      h.markdown,
      '**type** (required): `gfs2 | ocfs2 | ext2`\n\nFilesystem type. gfs2 and ocfs2 are cluster filesystems (DLM locks); ext2 is local.\n\nValues: `gfs2`, `ocfs2`, `ext2`',
    );
  });

  it('over a value shows its key; over a list item the list’s key', () => {
    const h = hoverAt('full }');
    assert.equal(h && s2.slice(h.range.start, h.range.end), 'full');
    assert.match(h?.markdown ?? '', /^\*\*preemption\*\*: `none \| full`/);
    assert.match(hoverAt('write]')?.markdown ?? '', /^\*\*prot\*\*: `list of \(read \| write\)`/);
    assert.match(hoverAt('deadlock }')?.markdown ?? '', /^\*\*verdict\*\* \(required\): `string`\n\nok: every step/);
  });

  it('a description written beside a $ref wins over the definition’s', () => {
    const text = 'tasks:\n  - id: T1\n    node: 1\n    steps: []\n';
    assert.match(scenarioHover(text, text.indexOf('node') + 1)?.markdown ?? '', /The node it runs on/);
  });

  it('descriptions are escaped, not read as Markdown or HTML', () => {
    assert.match(hoverAt('mount:')?.markdown ?? '', /Files are \/\\<mount\\>\/\\<name\\>\./);
    assert.match(hoverAt('prot')?.markdown ?? '', /PROT\\_READ/);
  });

  it('the type of expect follows the value written', () => {
    assert.match(hoverAt('expect')?.markdown ?? '', /^\*\*expect\*\*: `list of outcome`/);
    assert.match(scenarioHover('expect: ok\n', 1)?.markdown ?? '', /^\*\*expect\*\*: `string`/);
  });

  it('nothing over an unknown key, a comment or blank space', () => {
    assert.equal(scenarioHover('tasks:\n  - idd: T1\n', 10), undefined);
    assert.equal(hoverAt('# s2'), undefined);
    assert.equal(scenarioHover('name: x\n\n\n', 9), undefined);
  });
});

describe('scenario editor help: diagnostics', () => {
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
  const withLine = (n: number, text: string): string => GOOD.split('\n').map((l, i) => (i === n - 1 ? text : l)).join('\n');
  /** Each diagnostic as "line:col-endLine:endCol underlined-text: message". */
  const shown = (text: string): string[] => {
    const lines = text.split('\n');
    return scenarioDiagnostics(text, 'x.iolock.yaml').map((d) => {
      assert.equal(d.severity, 'error');
      const under = d.endLine === d.line ? (lines[d.line - 1] ?? '').slice(d.col - 1, d.endCol - 1) : '…';
      return `${d.line}:${d.col}-${d.endLine}:${d.endCol} ${under}: ${d.message}`;
    });
  };

  it('none for the examples', () => {
    for (const name of fs.readdirSync(SCENARIOS)) assert.deepEqual(scenarioDiagnostics(example(name), name), [], name);
  });

  it('are the parser’s errors at the parser’s positions', () => {
    const broken = [
      withLine(5, '    mnt: /mnt/g'),
      withLine(4, '  - type: gfs3'),
      withLine(13, '      - read: { fd: fx, into: buf }'),
      withLine(12, '      - mmapp: { as: buf, length: 100 }'),
      withLine(7, '      - { name: A, size: 100, fill: "a"'),
      withLine(9, '  - idd: T1'),
      withLine(2, 'nodes: 0'),
      '',
      `${GOOD}policy: base\nseries: x.patch\n`,
    ];
    for (const text of broken) {
      const want = parseScenario(text, 'x.iolock.yaml').errors.map((e) => `${e.loc?.line}:${e.loc?.col} ${e.detail}`);
      assert.ok(want.length, text);
      assert.deepEqual(scenarioDiagnostics(text, 'x.iolock.yaml').map((d) => `${d.line}:${d.col} ${d.message}`), want);
    }
  });

  it('span a scalar, a flow collection, or the first line of a block mapping', () => {
    assert.deepEqual(shown(withLine(4, '  - type: gfs3')), ['4:11-4:15 gfs3: filesystems[0].type: "gfs3" is not one of gfs2, ocfs2, ext2']);
    assert.deepEqual(shown(withLine(13, '      - read: { fd: fx, into: buf }')), [
      "13:21-13:23 fx: tasks[0].steps[2].read.fd: no fd named 'fx' (no open step of this process binds it; fds: fa)",
    ]);
    assert.deepEqual(shown(withLine(5, '    mnt: /mnt/g  # typo')), [
      "4:5-4:15 type: gfs2: filesystems[0]: missing required key 'mount'",
      "5:5-5:8 mnt: filesystems[0]: unknown key 'mnt' (expected one of type, device, blocks, mount, options, on, files)",
    ]);
    assert.deepEqual(shown(withLine(7, '      - { name: A, fill: "a" }')), ["7:9-7:31 { name: A, fill: \"a\" }: filesystems[0].files[0]: missing required key 'size'"]);
    assert.deepEqual(shown('name: x\n'), ["1:1-1:8 name: x: missing required key 'tasks'"]);
    assert.deepEqual(shown(''), ['1:1-1:1 : expected object, got null']);
  });

  it('a syntax error spans the word it points at', () => {
    const d = shown('name: x\ntasks: [\n  - id: T1\n');
    assert.equal(d.length, parseScenario('name: x\ntasks: [\n  - id: T1\n', 'x').errors.length);
    for (const line of d) assert.match(line, /^\d+:\d+-\d+:\d+ \S/);
  });
});
