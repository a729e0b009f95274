import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCProgram } from '../src/core/vm/cprogram';

const root = join(__dirname, '..', '..');
const corpus = join(root, 'test', 'c');
const hasGcc = spawnSync('gcc', ['--version']).status === 0;
const work = mkdtempSync(join(tmpdir(), 'iolock-cc-'));

async function interpret(file: string, maxSteps = 50_000_000) {
  const out: Buffer[] = [];
  const r = await runCProgram(file, {
    args: ['prog'],
    maxSteps,
    limits: { maxDepth: 2000 },
    io: { stdout: (b) => out.push(Buffer.from(b)), stderr: () => undefined },
  });
  return { ...r, stdout: Buffer.concat(out).toString('latin1') };
}

describe('C corpus: the interpreter prints and exits exactly as gcc -O0', () => {
  for (const name of readdirSync(corpus).filter((f) => f.endsWith('.c')).sort()) {
    const file = join(corpus, name);
    const base = file.slice(0, -2);
    it(`${name} matches gcc's stdout and exit status`, async () => {
      const r = await interpret(file);
      assert.equal(r.fault, undefined, r.fault && `${r.fault.kind}: ${r.fault.message} at ${JSON.stringify(r.fault.loc)}`);
      assert.equal(r.stdout, readFileSync(base + '.expected', 'latin1'));
      assert.equal(r.exitCode, Number(readFileSync(base + '.status', 'utf8').trim()));
      if (hasGcc) {
        const exe = join(work, name.slice(0, -2));
        execFileSync('gcc', ['-O0', '-std=gnu11', '-w', '-o', exe, file]);
        const g = spawnSync(exe, [], { encoding: 'latin1' });
        assert.equal(r.stdout, g.stdout, 'differs from the freshly gcc-compiled program');
        assert.equal(r.exitCode, g.status);
      }
    });
  }
});

describe('C corpus: faults are reported at the faulting line', () => {
  const dir = join(corpus, 'faults');
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.c')).sort()) {
    it(`${name} reports the expected fault kind and line`, async () => {
      const [kind, line] = readFileSync(join(dir, name.replace(/\.c$/, '.fault')), 'utf8').trim().split(/\s+/);
      const r = await interpret(join(dir, name), 200_000);
      assert.ok(r.fault, 'expected a fault');
      assert.equal(r.fault.kind, kind);
      assert.equal(r.fault.loc?.line, Number(line));
      assert.equal(r.exitCode, 1);
    });
  }
});
