import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake in how the command was called (exit status 2), as opposed to an error in the input (exit status 1). */
export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs, with its errors turned into usage errors. */
export function parseCommandArgs<O extends Options>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

/** A numeric option's value: undefined when absent, else a positive number (an integer when asked for). */
export function positiveOption(name: string, v: string | undefined, integer: boolean): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (integer ? !Number.isSafeInteger(n) || n <= 0 : !Number.isFinite(n) || n <= 0) {
    throw new UsageError(`--${name} wants a positive ${integer ? 'integer' : 'number'}, not '${v}'`);
  }
  return n;
}
