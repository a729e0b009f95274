import { apply } from './apply';
import { cexec } from './cexec';
import { run } from './run';

export interface Command {
  summary: string;
  /** Returns the process exit status. */
  run(args: string[]): Promise<number>;
}

/** Each subcommand lives in its own module; this table is the only place that lists them. */
export const COMMANDS: Record<string, Command> = {
  apply,
  cexec,
  run,
};
