export interface Command {
  summary: string;
  /** Returns the process exit status. */
  run(args: string[]): Promise<number>;
}

/**
 * Each subcommand lives in its own module, loaded when it runs: the bundle holds the whole simulator, and
 * `cexec` should not pay at startup for the patch engine, the kernel runtime and the scenario validator.
 * This table is the only place that lists them.
 */
function lazy(summary: string, load: () => Pick<Command, 'run'>): Command {
  return { summary, run: (args) => load().run(args) };
}

export const COMMANDS: Record<string, Command> = {
  apply: lazy('apply patch mails, .patch files or quilt series to the model kernel', () => (require('./apply') as typeof import('./apply')).apply),
  cexec: lazy('run a C program in the interpreter (like cc prog.c && ./a.out)', () => (require('./cexec') as typeof import('./cexec')).cexec),
  run: lazy('run a scenario once on the model kernel with a policy applied (default: the seed on s0)', () => (require('./run') as typeof import('./run')).run),
  explore: lazy('explore every schedule of a scenario (DPOR) for deadlocks, oopses, races and lock-order inversions', () => (require('./explore') as typeof import('./explore')).exploreCommand),
  outcomes: lazy('explore every policy × scenario and write docs/outcomes.md (maintainers)', () => (require('./outcomes') as typeof import('./outcomes')).outcomes),
  report: lazy('run a scenario once and write a self-contained HTML report with its timeline', () => (require('./report') as typeof import('./report')).report),
  dap: lazy('run the debug adapter on stdin/stdout (for any DAP client)', () => (require('../debug/main') as typeof import('../debug/main')).dapCommand),
};
