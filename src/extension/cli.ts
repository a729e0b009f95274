import { fork } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';

/**
 * Every simulation the extension starts runs in a child process: the bundled `iolock-sim` command line. A
 * runaway exploration, an interpreter bug or an out-of-memory then kills that process, never the extension host,
 * and cancelling is a kill. It is also exactly what the README's commands do, so a result in the editor can be
 * reproduced in a terminal (the log shows each command line).
 */

/** bin/iolock-sim.js: the command line's entry (dist/cli.js is the library it calls). */
export function cliEntry(extensionPath: string): string {
  return path.join(extensionPath, 'bin', 'iolock-sim.js');
}

export class CliError extends Error {
  constructor(
    message: string,
    readonly detail: string,
  ) {
    super(message);
  }
}

export interface CliResult<T> {
  value: T;
  exitCode: number;
  commandLine: string;
}

interface Exit {
  stdout: string;
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  commandLine: string;
  /** The output passed MAX_OUTPUT_BYTES and the run was stopped. */
  tooBig: boolean;
}

/** Above this the output is not kept (a huge trace): the user is told to narrow the run. */
const MAX_OUTPUT_BYTES = 256 * 1024 * 1024;

export class Cli {
  constructor(
    private readonly extensionPath: string,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Runs `iolock-sim ARGS`; exit status 0 and 1 (a finding) are results, anything else a CliError. */
  async exec(args: readonly string[], token?: vscode.CancellationToken): Promise<Exit> {
    const commandLine = `iolock-sim ${args.map(quote).join(' ')}`;
    this.log.info(`run: ${commandLine}`);
    const started = Date.now();
    const exit = await new Promise<Exit>((resolve, reject) => {
      const child = fork(cliEntry(this.extensionPath), [...args], { cwd: this.extensionPath, silent: true, execArgv: [] });
      const out: Buffer[] = [];
      let outBytes = 0;
      let stderr = '';
      let tooBig = false;
      child.stdout?.on('data', (b: Buffer) => {
        outBytes += b.length;
        if (outBytes > MAX_OUTPUT_BYTES) {
          tooBig = true;
          child.kill();
        }
        else out.push(b);
      });
      child.stderr?.on('data', (b: Buffer) => {
        stderr = (stderr + b.toString()).slice(-(1 << 20));
      });
      const cancel = token?.onCancellationRequested(() => child.kill());
      child.on('error', (e) => {
        cancel?.dispose();
        reject(new CliError(`iolock-sim could not start: ${e.message}`, commandLine));
      });
      child.on('exit', (code, signal) => {
        cancel?.dispose();
        resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr, code, signal, commandLine, tooBig });
      });
    });
    this.log.info(`exit ${exit.code ?? exit.signal} after ${Date.now() - started} ms: ${commandLine}`);
    if (exit.stderr.trim()) this.log.debug(exit.stderr.trim());
    if (token?.isCancellationRequested) throw new vscode.CancellationError();
    if (exit.tooBig) throw new CliError(`the output of ${commandLine} is over ${MAX_OUTPUT_BYTES >> 20} MB; narrow the run (iolock.maxSteps) or run it in a terminal`, commandLine);
    if (exit.code !== 0 && exit.code !== 1) {
      const why = (exit.stderr.trim() || exit.stdout.trim()).split('\n').slice(-20).join('\n');
      throw new CliError(exit.signal ? `iolock-sim was killed (${exit.signal})` : `iolock-sim failed (exit ${exit.code})${why ? `: ${why.split('\n')[0]}` : ''}`, `${commandLine}\n${why}`);
    }
    return exit;
  }

  /** `iolock-sim ARGS --json`: its one JSON object; an input error it reports ({"error": "file:line:col: ..."}) is a CliError. */
  async json<T>(args: readonly string[], token?: vscode.CancellationToken): Promise<CliResult<T>> {
    const exit = await this.exec([...args, '--json'], token);
    let value: unknown;
    try {
      value = JSON.parse(exit.stdout);
    } catch {
      throw new CliError(`iolock-sim printed no JSON: ${(exit.stderr.trim() || exit.stdout.trim()).split('\n')[0] ?? ''}`, `${exit.commandLine}\n${exit.stderr}`);
    }
    const e = (value as { error?: unknown }).error;
    if (typeof e === 'string') throw new CliError(e, exit.commandLine);
    return { value: value as T, exitCode: exit.code ?? 1, commandLine: exit.commandLine };
  }
}

function quote(a: string): string {
  return /^[\w./:,=@+-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}
