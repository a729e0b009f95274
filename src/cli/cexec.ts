import { formatLoc } from '../core/diagnostics';
import { LIMITS } from '../core/limits';
import { runCProgram } from '../core/vm/cprogram';
import { parseCommandArgs, positiveOption, UsageError } from './args';
import type { Command } from './commands';

/** The host must find twice these (memory and its shadow) in one piece: beyond them, ask for a smaller run. */
const MAX_HEAP = 1 << 30;
const MAX_STACK = 256 << 20;

const HELP = `usage: iolock-sim cexec [--max-steps N] [--max-depth N] [--max-heap BYTES] [--max-stack BYTES] [--trace] prog.c [args...]

Runs a C program's main(argc, argv) in the interpreter as if compiled and run: its output on stdout,
main's return value (or exit()'s argument) as the exit status. Faults (NULL dereference, use after free,
out-of-bounds, step or depth limit) are reported on stderr with file:line:col and a backtrace; exit status 1.

  --max-steps N      statements to run before stopping (default ${LIMITS.cSteps.default})
  --max-depth N      C call depth (default ${LIMITS.cDepth.default})
  --max-heap BYTES   bytes malloc may hand out; globals count too (default ${LIMITS.cHeapBytes.default}, at most ${MAX_HEAP})
  --max-stack BYTES  bytes of stack (default ${LIMITS.cStackBytes.default}, at most ${MAX_STACK})`;


export const cexec: Pick<Command, 'run'> = {
  async run(argv) {
    // Options stop at the program name: everything after it belongs to the C program.
    const valued = new Set(['--max-steps', '--max-depth', '--max-heap', '--max-stack']);
    let at = -1;
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i] as string;
      if (valued.has(a)) i++;
      else if (!a.startsWith('-')) {
        at = i;
        break;
      }
    }
    const ours = at < 0 ? argv : argv.slice(0, at + 1);
    const { values, positionals } = parseCommandArgs(ours, {
      'max-steps': { type: 'string' },
      'max-depth': { type: 'string' },
      'max-heap': { type: 'string' },
      'max-stack': { type: 'string' },
      trace: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      process.stdout.write(HELP + '\n');
      return 0;
    }
    const file = positionals[0];
    if (!file) throw new UsageError('missing the C file to run\n' + HELP);
    const progArgs = at < 0 ? [] : argv.slice(at + 1);
    const maxSteps = positiveOption('max-steps', values['max-steps'], true) ?? LIMITS.cSteps.default;
    const heap = positiveOption('max-heap', values['max-heap'], true) ?? LIMITS.cHeapBytes.default;
    const stack = positiveOption('max-stack', values['max-stack'], true) ?? LIMITS.cStackBytes.default;
    if (heap > MAX_HEAP) throw new UsageError(`--max-heap is at most ${MAX_HEAP} bytes, not ${heap}`);
    if (stack > MAX_STACK) throw new UsageError(`--max-stack is at most ${MAX_STACK} bytes, not ${stack}`);
    const out: Buffer[] = [];
    const flush = () => {
      if (out.length) process.stdout.write(Buffer.concat(out.splice(0)));
    };
    const r = await runCProgram(file, {
      args: [file, ...progArgs],
      maxSteps,
      limits: { maxDepth: positiveOption('max-depth', values['max-depth'], true) ?? LIMITS.cDepth.default, heapBytes: heap, stackBytes: stack },
      io: {
        stdout: (b) => {
          out.push(Buffer.from(b));
          if (out.length > 256) flush();
        },
        stderr: (b) => {
          flush();
          process.stderr.write(b);
        },
      },
      trace: values.trace ? (loc, func) => process.stderr.write(`trace: ${formatLoc(loc)} ${func}\n`) : undefined,
    });
    flush();
    if (r.fault) {
      const f = r.fault;
      process.stderr.write(`${f.loc ? formatLoc(f.loc) + ': ' : ''}${f.kind}: ${f.message}\n`);
      // A runaway recursion has thousands of identical frames: show the innermost ones and the outermost.
      const bt = f.backtrace;
      const shown = bt.length > 24 ? [...bt.slice(0, 16), undefined, ...bt.slice(-4)] : bt;
      for (const b of shown) {
        process.stderr.write(b ? `    at ${b.func} (${formatLoc(b.loc)})\n` : `    ... ${bt.length - 20} more frames ...\n`);
      }
      return 1;
    }
    return r.exitCode;
  },
};
