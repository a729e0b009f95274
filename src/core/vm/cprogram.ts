import { readFileSync, realpathSync } from 'node:fs';
import { dirname } from 'node:path';
import { assetPath } from '../assets';
import { compileProgram } from '../cfront/compile';
import type { SourceHost } from '../cfront/preprocess';
import type { I64 } from './int64';
import { libcBuiltins, LibcHost } from './libc';
import { UserError } from '../diagnostics';
import { limitMessage } from '../limits';
import { DEFAULT_LIMITS, FaultReport, Machine, MachineLimits, Program, Task } from './machine';
import { TEXT_END } from './memory';

/** Runs a user-space C program (main(argc, argv)) the way `cc prog.c && ./a.out` would. */
export interface CProgramOptions {
  args: string[];
  maxSteps: number;
  limits?: Partial<MachineLimits>;
  io: LibcHost;
  /** Called before every statement with its location (--trace). */
  trace?: (loc: { file: string; line: number; col: number }, func: string) => void;
}

export interface CProgramResult {
  exitCode: number;
  fault: FaultReport | undefined;
  steps: number;
}

export const diskHost: SourceHost = {
  readFile(path: string): string | undefined {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
  realPath(path: string): string | undefined {
    try {
      return realpathSync(path);
    } catch {
      return undefined;
    }
  },
};

export function libcIncludeDir(): string {
  return assetPath('src/core/libc/include', 'dist/include');
}

/** What an address space must hold besides the heap and the stack: the code addresses below TEXT_END, argv, slack. */
const FIXED_BYTES = TEXT_END + (1 << 20);

/**
 * Machine limits for one program: the address space sized from what it needs (globals, one stack, the heap),
 * so that no limit but the heap's and the stack's can be hit; their totals are checked before memory is taken.
 */
function programLimits(file: string, program: Program, limits: Partial<MachineLimits>): MachineLimits {
  const l: MachineLimits = { ...DEFAULT_LIMITS, ...limits };
  const statics = program.statics.reduce((n, s) => n + s.size + 48, 0);
  if (statics > l.heapBytes) {
    throw new UserError({ file, line: 1, col: 1 }, limitMessage('cHeapBytes', l.heapBytes, `the program's globals and string literals take ${statics} bytes (the interpreter sizes its memory by the heap)`));
  }
  // freed blocks are never reused (use after free stays detectable), so the heap's addresses grow past heapBytes
  if (limits.memoryBytes === undefined) l.memoryBytes = FIXED_BYTES + statics + l.stackBytes + 2 * l.heapBytes;
  return l;
}

export async function loadCProgram(file: string, limits: Partial<MachineLimits> = {}, io: LibcHost): Promise<Machine> {
  const builtins = libcBuiltins(io);
  const inline = new Set([...builtins.values()].filter((b) => b.inline).map((b) => b.name));
  const program = await compileProgram([file], {
    host: diskHost,
    includeDirs: [dirname(file), libcIncludeDir()],
    // What gcc predefines for x86-64 and that portable programs test; not __GNUC__, whose extensions we lack.
    defines: { __STDC__: '1', __STDC_VERSION__: '201112L', __STDC_HOSTED__: '1', __x86_64__: '1', __LP64__: '1', __linux__: '1', __CHAR_BIT__: '8', __SIZEOF_LONG__: '8', __SIZEOF_POINTER__: '8', __SIZEOF_INT__: '4' },
    inlineBuiltins: inline,
  });
  const l = programLimits(file, program, limits);
  try {
    return new Machine(program, builtins, l);
  } catch (e) {
    // the host could not give us the address space (ArrayBuffer allocation)
    if (e instanceof RangeError) throw new UserError(undefined, `cannot allocate ${l.memoryBytes} bytes for the program's memory (${e.message}); lower --max-heap or --max-stack`);
    throw e;
  }
}

/** Lays out argv in the program's memory as the kernel's exec does: the strings, then the pointer array. */
function setupArgv(m: Machine, args: string[]): I64 {
  const ptrs = args.map((a) => {
    const bytes = Buffer.from(a + '\0', 'utf8');
    const p = m.mem.allocStatic(bytes.length, 'global', 'argv string');
    m.mem.u8.set(bytes, p);
    return p;
  });
  const argv = m.mem.allocStatic(8 * (ptrs.length + 1), 'global', 'argv');
  ptrs.forEach((p, i) => m.mem.dv.setBigUint64(argv + 8 * i, BigInt(p), true));
  return argv;
}

export async function runCProgram(file: string, opts: CProgramOptions): Promise<CProgramResult> {
  const m = await loadCProgram(file, opts.limits, opts.io);
  const argv = setupArgv(m, opts.args);
  if (!m.func('main')?.run) throw new Error(`${file}: no 'main' function`);
  const T = m.spawn('main', [opts.args.length, argv]);
  const r = opts.trace ? traced(m, T, opts) : m.run(T, opts.maxSteps);
  if (r === 'paused') {
    const bt = m.backtrace(T);
    return {
      exitCode: 1,
      steps: T.steps,
      fault: { kind: 'step-limit', message: limitMessage('cSteps', opts.maxSteps, 'stopped (a runaway loop?)'), address: undefined, loc: bt[0]?.loc, backtrace: bt },
    };
  }
  if (r === 'faulted') return { exitCode: 1, fault: T.fault, steps: T.steps };
  if (r !== 'exited') throw new Error(`internal: a user program cannot be ${r}`); // libc has no blocking builtins
  return { exitCode: Number(BigInt.asUintN(8, BigInt(T.exitCode))), fault: undefined, steps: T.steps };
}

function traced(m: Machine, T: Task, opts: CProgramOptions): ReturnType<Machine['run']> {
  for (let left = opts.maxSteps; left > 0; left--) {
    const fr = T.frames[T.frames.length - 1];
    const f = T.fns[T.fns.length - 1];
    if (fr && f) {
      const loc = f.code.pcLoc[fr.pc];
      if (loc) opts.trace?.(loc, f.name);
    }
    const r = m.run(T, 1);
    if (r !== 'paused') return r;
  }
  return 'paused';
}
