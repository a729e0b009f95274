import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { findRepoRoot } from '../src/core/patch';

/**
 * Helpers of the debug adapter tests: the standalone adapter (`node bin/iolock-sim.js dap`, on stdio or as a
 * TCP server shared by several sessions so the kernel compiles once per policy), and golden DAP transcripts
 * with what changes between machines (paths, sequence numbers, addresses, counters) normalised.
 */

export const root = findRepoRoot(__dirname) as string;
export const bin = path.join(root, 'bin', 'iolock-sim.js');
export const scenario = (name: string) => path.join(root, 'examples', 'scenarios', `${name}.iolock.yaml`);
export const kernelFile = (p: string) => path.join(root, 'kernel', p);
/** Where sessions write the patched C files (one folder per test run). */
export const sourceDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iolock-dap-test-'));

/** The standalone adapter as a DAP server on a free port; stopped with `kill()` (its own process only). */
export async function startServer(): Promise<{ port: number; kill: () => void }> {
  const child: ChildProcess = spawn(process.execPath, [bin, 'dap', '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const port = await new Promise<number>((resolve, reject) => {
    let err = '';
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /listening on port (\d+)/.exec(err);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`the adapter exited (${code}): ${err}`)));
  });
  return { port, kill: () => child.kill() };
}

export interface Message {
  dir: 'request' | 'response' | 'event';
  [k: string]: unknown;
}

/**
 * A DebugClient that records every message, for golden transcripts: requests with their responses in the order
 * the test sent them, and events in the order the adapter sent them. The two orders are each deterministic;
 * how they interleave on the wire is not (a response and an event may arrive in one chunk or two).
 */
export class RecordingClient extends DebugClient {
  readonly exchanges: Message[] = [];
  readonly events: Message[] = [];

  constructor() {
    super(bin, 'dap', 'iolock');
    this.defaultTimeout = 120000;
    // DebugClient's sends all go through `send`; responses and events through its private `dispatch`
    const send = this.send.bind(this);
    const bySeq = new Map<number, Message>();
    let seq = 1;
    this.send = ((command: string, args?: unknown) => {
      const m: Message = { dir: 'request', command, ...(args !== undefined ? { arguments: args } : {}) };
      this.exchanges.push(m);
      bySeq.set(seq++, m);
      return send(command, args);
    }) as typeof this.send;
    const self = this as unknown as { dispatch(body: string): void };
    const dispatch = self.dispatch.bind(this);
    self.dispatch = (body: string) => {
      const m = JSON.parse(body) as DebugProtocol.ProtocolMessage & Record<string, unknown>;
      if (m.type === 'event') this.events.push({ dir: 'event', event: m.event, ...(m.body !== undefined ? { body: m.body } : {}) });
      else if (m.type === 'response') {
        const req = bySeq.get(m.request_seq as number);
        if (req) req.response = { success: m.success, ...(m.message !== undefined ? { message: m.message } : {}), ...(m.body !== undefined ? { body: m.body } : {}) };
      }
      dispatch(body);
    };
  }

  get transcript(): { exchanges: Message[]; events: Message[] } {
    return { exchanges: this.exchanges, events: this.events };
  }

  /** Connects to a server (small messages: no Nagle delay on our side either). */
  async open(port?: number): Promise<void> {
    await this.start(port);
    const socket = (this as unknown as { _socket?: { setNoDelay(v: boolean): void } })._socket;
    socket?.setNoDelay(true);
  }

  /** Sends a request and waits for the stopped event it leads to. */
  async stopAfter(send: () => Promise<unknown>): Promise<DebugProtocol.StoppedEvent> {
    const p = this.waitForEvent('stopped', 120000);
    await send();
    return (await p) as DebugProtocol.StoppedEvent;
  }

  /** initialize, launch, breakpoints (between `initialized` and configurationDone), the first stop. */
  async launchAndStop(args: Record<string, unknown>, configure: () => Promise<unknown> = async () => undefined): Promise<DebugProtocol.StoppedEvent> {
    const stopped = this.waitForEvent('stopped', 120000);
    await this.initializeRequest({ adapterID: 'iolock', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' });
    const launched = this.launchRequest({ sourceDir, ...args } as DebugProtocol.LaunchRequestArguments);
    await this.waitForEvent('initialized', 120000);
    await configure();
    await this.configurationDoneRequest();
    await launched;
    return (await stopped) as DebugProtocol.StoppedEvent;
  }

  async readMemory(args: DebugProtocol.ReadMemoryArguments): Promise<DebugProtocol.ReadMemoryResponse> {
    return (await this.send('readMemory', args)) as DebugProtocol.ReadMemoryResponse;
  }

  async frames(threadId: number): Promise<DebugProtocol.StackFrame[]> {
    return (await this.stackTraceRequest({ threadId })).body.stackFrames;
  }

  async vars(ref: number): Promise<DebugProtocol.Variable[]> {
    return (await this.variablesRequest({ variablesReference: ref })).body.variables;
  }

  /** The variables of a frame's scopes by scope name (the cheap ones). */
  async scopeVars(frameId: number): Promise<Record<string, DebugProtocol.Variable[]>> {
    const out: Record<string, DebugProtocol.Variable[]> = {};
    for (const s of (await this.scopesRequest({ frameId })).body.scopes) if (!s.expensive) out[s.name] = await this.vars(s.variablesReference);
    return out;
  }
}

/** The transcript as it should read on any machine. */
export function normalise(t: Message[]): Message[] {
  const text = JSON.stringify(t)
    .split(JSON.stringify(sourceDir).slice(1, -1)).join('<src>')
    .split(JSON.stringify(root).slice(1, -1)).join('<repo>')
    .replace(/(<src>\/[\w.-]+)-[0-9a-f]{12}\//g, '$1-<hash>/')
    // kernel addresses move whenever kernel/ changes; the values the tests care about are not addresses
    .replace(/0x[0-9a-f]{5,}/g, '0x…');
  const counters = (b: unknown): unknown => {
    if (!b || typeof b !== 'object') return b;
    const o = { ...(b as Record<string, unknown>) };
    for (const k of ['position', 'recorded', 'step', 'statements']) if (typeof o[k] === 'number') o[k] = '<n>';
    return o;
  };
  return (JSON.parse(text) as Message[]).map((m) => {
    if (m.dir === 'event' && m.event === 'iolock/stopped') return { ...m, body: counters(m.body) };
    if (m.dir === 'request' && (m.command === 'iolock/currentStep' || m.command === 'iolock/travel') && m.response) {
      const r = m.response as Record<string, unknown>;
      return { ...m, response: { ...r, body: counters(r.body) } };
    }
    return m;
  });
}

/**
 * Compares a transcript with test/fixtures/dap/NAME.json, or writes it when UPDATE_GOLDEN=1 (then review the
 * diff like any other change).
 */
export function golden(name: string, t: { exchanges: Message[]; events: Message[] }): void {
  const file = path.join(root, 'test', 'fixtures', 'dap', `${name}.json`);
  const got = { exchanges: normalise(t.exchanges), events: normalise(t.events) };
  const lines = (ms: Message[]) => ms.map((m) => `    ${JSON.stringify(m)}`).join(',\n');
  const text = `{\n  "exchanges": [\n${lines(got.exchanges)}\n  ],\n  "events": [\n${lines(got.events)}\n  ]\n}\n`;
  if (process.env.UPDATE_GOLDEN === '1' || !fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    if (process.env.UPDATE_GOLDEN !== '1') assert.fail(`wrote the missing golden transcript ${file}; check it and run again`);
    return;
  }
  const want = JSON.parse(fs.readFileSync(file, 'utf8')) as { exchanges: unknown[]; events: unknown[] };
  const flat = (ms: unknown[]) => ms.map((m) => JSON.stringify(m));
  assert.deepEqual(flat(got.exchanges), flat(want.exchanges), `the DAP requests and responses differ from ${file} (UPDATE_GOLDEN=1 rewrites it)`);
  assert.deepEqual(flat(got.events), flat(want.events), `the DAP events differ from ${file} (UPDATE_GOLDEN=1 rewrites it)`);
}
