import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCProgram } from '../../../src/core/vm/cprogram';
import { programArb, programText, type CProgram } from '../cgen';
import type { PropertyTable } from '../worker';

export const hasGcc = spawnSync('gcc', ['--version']).status === 0;
let work = '';
let n = 0;

/** gcc -O0 with the undefined-behaviour sanitizer: a program it flags is the generator's bug, not a finding. */
function gccRun(file: string): { stdout: string; status: number | null } {
  const exe = file.replace(/\.c$/, '');
  execFileSync('gcc', ['-O0', '-std=gnu11', '-w', '-fsanitize=undefined', '-fno-sanitize-recover=all', '-o', exe, file]);
  const g = spawnSync(exe, [], { encoding: 'latin1', timeout: 10_000 });
  if (g.stderr.includes('runtime error')) throw new Error(`the generator made a program with undefined behaviour:\n${g.stderr}`);
  return { stdout: g.stdout, status: g.status };
}

async function interpret(file: string): Promise<{ stdout: string; status: number; fault: string | undefined }> {
  const out: Buffer[] = [];
  const r = await runCProgram(file, {
    args: ['prog'],
    maxSteps: 5_000_000,
    limits: { maxDepth: 200 },
    io: { stdout: (b) => out.push(Buffer.from(b)), stderr: () => undefined },
  });
  return { stdout: Buffer.concat(out).toString('latin1'), status: r.exitCode, fault: r.fault && `${r.fault.kind}: ${r.fault.message}` };
}

export const properties: PropertyTable = {
  'vm: random defined C programs print and exit as gcc -O0 compiles them': {
    setup: async () => {
      work = fs.mkdtempSync(path.join(os.tmpdir(), 'iolock-fuzz-vm-'));
    },
    arb: programArb,
    check: async (p: CProgram) => {
      const file = path.join(work, `p${n++}.c`);
      fs.writeFileSync(file, programText(p));
      try {
        const vm = await interpret(file);
        assert.equal(vm.fault, undefined, `the interpreter faulted: ${vm.fault}`);
        if (!hasGcc) return;
        const g = gccRun(file);
        assert.equal(vm.stdout, g.stdout, 'stdout differs from gcc -O0');
        assert.equal(vm.status, g.status, 'exit status differs from gcc -O0');
      } finally {
        fs.rmSync(file, { force: true });
        fs.rmSync(file.replace(/\.c$/, ''), { force: true });
      }
    },
    show: programText,
    perInputMs: 15_000,
  },
};
