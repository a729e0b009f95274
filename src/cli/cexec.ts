import { formatLoc } from '../core/diagnostics';
import { runCProgram } from '../core/vm/cprogram';
import { parseCommandArgs, positiveOption, UsageError } from './args';
import type { Command } from './commands';

const HELP = `usage: iolock-sim cexec [--max-steps N] [--max-depth N] [--max-heap BYTES] [--trace] prog.c [args...]

Runs a C program's main(argc, argv) in the interpreter as if compiled and run: its output on stdout,
main's return value (or exit()'s argument) as the exit status. Faults (NULL dereference, use after free,
out-of-bounds, step or depth limit) are reported on stderr with file:line:col and a backtrace; exit status 1.`;

export const cexec: Pick<Command, 'run'> = {
  async run(argv) {
    // Options stop at the program name: everything after it belongs to the C program.
    const valued = new Set(['--max-steps', '--max-depth', '--max-heap']);
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
    const maxSteps = positiveOption('max-steps', values['max-steps'], true) ?? 1e9;
    const heap = positiveOption('max-heap', values['max-heap'], true) ?? 48 << 20;
    const out: Buffer[] = [];
    const flush = () => {
      if (out.length) process.stdout.write(Buffer.concat(out.splice(0)));
    };
    const r = await runCProgram(file, {
      args: [file, ...progArgs],
      maxSteps,
      limits: { maxDepth: positiveOption('max-depth', values['max-depth'], true) ?? 10000, heapBytes: heap, memoryBytes: Math.max(64 << 20, heap + (16 << 20)) },
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
