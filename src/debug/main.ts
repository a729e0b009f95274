import * as net from 'node:net';
import { Writable } from 'node:stream';
import { parseCommandArgs, UsageError } from '../cli/args';
import type { Command } from '../cli/commands';
import { IolockDebugSession } from './session';

const HELP = `usage: iolock-sim dap [--port N]

Runs the iolock debug adapter (Debug Adapter Protocol) on stdin/stdout, for any DAP client: VS Code, nvim-dap,
Emacs dap-mode. Launch arguments and the adapter's custom requests: docs/dap.md.

  --port N   serve DAP on TCP port N instead (one session per connection, the compiled kernels shared)`;

/**
 * Nothing but the protocol may reach stdout: the session gets its own stream onto fd 1, and every other
 * writer (a stray console.log in a library) is sent to stderr instead.
 */
function protocolStdout(): Writable {
  const out = process.stdout;
  const write = out.write.bind(out) as (chunk: string | Uint8Array, cb?: (err?: Error | null) => void) => boolean;
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      write(chunk, (err) => cb(err ?? null));
    },
  });
  // the protocol stream holds the real writer; anyone else writing to stdout goes to stderr
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => (process.stderr.write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest)) as typeof process.stdout.write;
  return stream;
}

function keepAlive(): void {
  // a bug of ours in one request must not take the session down with it
  process.on('uncaughtException', (e) => process.stderr.write(`iolock dap: uncaught: ${e.stack ?? e.message}\n`));
  process.on('unhandledRejection', (e) => process.stderr.write(`iolock dap: unhandled rejection: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`));
}

/** stdio mode: one session; resolves when the client closes the connection. */
export function runStdio(): Promise<number> {
  keepAlive();
  const session = new IolockDebugSession();
  const out = protocolStdout();
  session.start(process.stdin, out);
  process.on('SIGTERM', () => session.shutdown());
  return new Promise((resolve) => process.stdin.on('close', () => resolve(0)));
}

/** Server mode: a session per TCP connection, all in this process (tests, benchmarks, adapter development). */
export function runServer(port: number, host = '127.0.0.1'): Promise<net.Server> {
  keepAlive();
  return new Promise((resolve, reject) => {
    const server = net.createServer((socket) => {
      // small request/response messages: without this, delayed ACKs add ~40 ms to every round trip
      socket.setNoDelay(true);
      const session = new IolockDebugSession();
      session.setRunAsServer(true);
      session.start(socket, socket);
      socket.on('error', () => socket.destroy());
    });
    server.on('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

export const dapCommand: Pick<Command, 'run'> = {
  async run(argv) {
    const { values } = parseCommandArgs(argv, { port: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
    if (values.help) {
      process.stdout.write(HELP + '\n');
      return 0;
    }
    if (values.port !== undefined) {
      const port = Number(values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port takes a TCP port number, not '${values.port}'`);
      const server = await runServer(port);
      const addr = server.address();
      process.stderr.write(`iolock debug adapter listening on port ${typeof addr === 'object' && addr ? addr.port : port}\n`);
      return new Promise<number>(() => undefined); // serves until killed
    }
    return runStdio();
  },
};
