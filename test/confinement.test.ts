import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DiskTree, findRepoRoot } from '../src/core/patch';
import { runCli as cli } from './cli-capture';

/**
 * Nothing in a patch, a series or a C file may read or write outside its tree (issue 8, docs/security.md): the
 * disk-level cases, with real symlinks. The in-memory cases are beside their code (preprocess.test.ts,
 * patch-series.test.ts, patch-apply.test.ts).
 */
const root = findRepoRoot(__dirname) as string;


/** Every entry under `dir`, symlinks not followed. */
function listing(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      out.push(path.relative(dir, p));
      if (e.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out.sort();
}

describe('path confinement on disk (untrusted patches and sources)', () => {
  let tmp: string;
  let tree: string;
  let outside: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'iolock-confine-'));
    tree = path.join(tmp, 'tree');
    outside = path.join(tmp, 'outside');
    fs.mkdirSync(path.join(tree, 'fs'), { recursive: true });
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(tree, 'fs', 'a.c'), 'int a;\n');
    fs.writeFileSync(path.join(outside, 'secret.h'), 'int secret;\n');
    fs.symlinkSync(outside, path.join(tree, 'link'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const patch = (name: string, target: string) => {
    const p = path.join(tmp, name);
    fs.writeFileSync(p, `--- /dev/null\n+++ ${target}\n@@ -0,0 +1 @@\n+owned\n`);
    return p;
  };

  it('apply --out refuses absolute and .. file names in a patch, writes nothing, and says why', async () => {
    const out = path.join(tmp, 'out');
    const abs = await cli('apply', patch('abs.patch', '/etc/passwd'), '--tree', tree, '--out', out);
    assert.equal(abs.code, 1);
    assert.match(abs.out, /refused: refusing \/etc\/passwd: '\/etc\/passwd' is an absolute path/);
    const up = await cli('apply', patch('up.patch', 'b/../../etc/x'), '--tree', tree, '--out', out);
    assert.equal(up.code, 1);
    assert.match(up.out, /refused: refusing \.\.\/\.\.\/etc\/x: '\.\.\/\.\.\/etc\/x' climbs out of the tree \('\.\.'\)/);
    assert.equal(fs.existsSync(out), false, 'no --out written');
    assert.deepEqual(listing(outside), ['secret.h']);
  });

  it('apply refuses to write through a symlink in the tree that leads outside, also into --out', async () => {
    const out = path.join(tmp, 'out');
    const r = await cli('apply', patch('link.patch', 'b/link/x.c'), '--tree', tree, '--out', out);
    assert.equal(r.code, 1);
    assert.match(r.out, /refusing link\/x\.c: 'link' is a symlink to .*outside, outside the tree/);
    assert.deepEqual(listing(outside), ['secret.h']);
    assert.equal(fs.existsSync(out), false);
  });

  it('apply --out refuses an --out that is a symlink (it would replace what it points to)', async () => {
    const out = path.join(tmp, 'out-link');
    fs.symlinkSync(outside, out);
    const r = await cli('apply', patch('ok.patch', 'b/fs/new.c'), '--tree', tree, '--out', out);
    assert.equal(r.code, 2);
    assert.match(r.err, /--out .*out-link exists and is not a directory/);
    assert.deepEqual(listing(outside), ['secret.h']);
  });

  it('apply --out writes inside --out only, with the tree\'s symlinks copied as links, not followed', async () => {
    const out = path.join(tmp, 'out');
    const r = await cli('apply', patch('ok.patch', 'b/fs/new.c'), '--tree', tree, '--out', out);
    assert.equal(r.code, 0, r.out + r.err);
    assert.equal(fs.readFileSync(path.join(out, 'fs', 'new.c'), 'utf8'), 'owned\n');
    assert.equal(fs.lstatSync(path.join(out, 'link')).isSymbolicLink(), true);
    assert.deepEqual(listing(outside), ['secret.h']);
  });

  it('a tree on disk reads nothing outside it: .. and absolute paths and symlinks out read as missing', () => {
    const t = new DiskTree(tree);
    assert.equal(t.read('fs/a.c'), 'int a;\n');
    assert.equal(t.read('../outside/secret.h'), undefined);
    assert.equal(t.read(path.join(outside, 'secret.h')), undefined);
    assert.equal(t.read('link/secret.h'), undefined);
  });

  it('cexec refuses #include through a symlink, an absolute path or .. out of the program\'s folder', () => {
    const prog = path.join(tree, 'fs', 'prog.c');
    const run = (include: string) => {
      fs.writeFileSync(prog, `#include ${include}\nint main(void) { return 0; }\n`);
      return spawnSync(process.execPath, [path.join(root, 'bin', 'iolock-sim.js'), 'cexec', prog], { encoding: 'utf8' });
    };
    fs.symlinkSync(path.join(outside, 'secret.h'), path.join(tree, 'fs', 'evil.h'));
    const viaLink = run('"evil.h"');
    assert.equal(viaLink.status, 1);
    assert.match(viaLink.stderr, /prog\.c:1:1: refusing to include 'evil\.h': '.*fs\/evil\.h' is a symlink to .*outside\/secret\.h, outside the source tree/);
    const abs = run(`"${path.join(outside, 'secret.h')}"`);
    assert.match(abs.stderr, /prog\.c:1:1: refusing to include '.*secret\.h': '.*' is an absolute path/);
    const up = run('"../../outside/secret.h"');
    assert.match(up.stderr, /prog\.c:1:1: refusing to include '\.\.\/\.\.\/outside\/secret\.h': it leads out of the source tree/);
    fs.writeFileSync(path.join(tree, 'fs', 'ok.h'), '#include <stdio.h>\n');
    assert.equal(run('"ok.h"').status, 0, 'an include beside the program and a libc header are fine');
  });
});
