import { main } from '../src/cli/main';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs the command line in-process, as `iolock-sim ARGS` would, with stdout and stderr captured. */
export async function runCli(...args: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const saved = { out: process.stdout.write, err: process.stderr.write };
  process.stdout.write = ((chunk: string | Uint8Array) => ((out += String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((err += String(chunk)), true)) as typeof process.stderr.write;
  try {
    return { code: await main(args), out, err };
  } finally {
    process.stdout.write = saved.out;
    process.stderr.write = saved.err;
  }
}
