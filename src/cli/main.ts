import { UserError } from '../core/diagnostics';
import { UsageError } from './args';
import { COMMANDS } from './commands';

const USAGE = `usage: iolock-sim <command> [options]

commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`)
  .join('\n')}

Run "iolock-sim <command> --help" for a command's options.`;

/** Exit status: 0 success, 1 a finding or an error in the input, 2 a usage error. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(USAGE + '\n');
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`iolock-sim: unknown command '${name}'\n${USAGE}\n`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (e) {
    // --json promises JSON on stdout whatever happens
    if (rest.includes('--json')) process.stdout.write(JSON.stringify({ verdict: 'error', usage: e instanceof UsageError, error: e instanceof Error ? e.message : String(e) }) + '\n');
    if (e instanceof UsageError) {
      process.stderr.write(`iolock-sim ${name}: ${e.message}\n`);
      return 2;
    }
    if (e instanceof UserError) {
      process.stderr.write(`${e.message}\n`);
      return 1;
    }
    // An internal error is still reported in one line; the stack is for us, behind an environment switch.
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(`iolock-sim ${name}: internal error: ${msg}\n`);
    if (process.env.IOLOCK_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    return 1;
  }
}
