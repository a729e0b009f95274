import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { findRepoRoot } from '../src/core/patch';
import { IolockDebugSession } from '../src/debug/session';

/**
 * A DAP client for the adapter in this process (as an editor's inline adapter runs it): requests go through
 * JSON as on the wire, each waits for its response, and the adapter gets a turn of the event loop between
 * requests. It notes every answer that is an internal error (the library's "{_stack}" reply to an exception in
 * a handler, our id 2, an "internal error" output) in `problems`. FUZZ_TRACE=<file> appends every request, its
 * answer and every event to that file (for reading what a fuzzed sequence did).
 */
const root = findRepoRoot(__dirname) as string;
export const SCENARIO = path.join(root, 'examples', 'scenarios', 's0-anon-buffer.iolock.yaml');

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** An argument value: a literal, or one of the ids the adapter handed out (resolved when the request is sent). */
export type Arg = Json | undefined | { ref: 'thread' | 'frame' | 'variables' | 'memory' | 'target'; k: number };

export class Client {
  session: IolockDebugSession;
  private seq = 1;
  private waiting = new Map<number, (r: DebugProtocol.Response) => void>();
  readonly events: DebugProtocol.Event[] = [];
  readonly problems: string[] = [];
  /** Every response, in the order they came. */
  readonly responses: DebugProtocol.Response[] = [];
  /** Requests answered, by command and outcome. */
  readonly stats = new Map<string, number>();
  running = false;
  ended = false;
  ids = { thread: [] as number[], frame: [] as number[], variables: [] as number[], memory: [] as string[], target: [] as number[] };

  constructor(private readonly sourceDir: string) {
    this.session = this.open();
  }

  private open(): IolockDebugSession {
    const s = new IolockDebugSession();
    s.onDidSendMessage((m) => this.receive(m as DebugProtocol.ProtocolMessage));
    this.running = false;
    this.ended = false;
    return s;
  }

  private receive(m: DebugProtocol.ProtocolMessage): void {
    if (m.type === 'response') {
      const r = m as DebugProtocol.Response;
      this.responses.push(r);
      this.waiting.get(r.request_seq)?.(r);
      this.waiting.delete(r.request_seq);
      return;
    }
    if (m.type !== 'event') return;
    const e = m as DebugProtocol.Event;
    this.events.push(e);
    if (process.env.FUZZ_TRACE && e.event !== 'output') fs.appendFileSync(process.env.FUZZ_TRACE, `  event ${e.event} ${JSON.stringify(e.body ?? {}).slice(0, 100)}\n`);
    if (e.event === 'stopped') this.running = false;
    if (e.event === 'terminated' || e.event === 'exited') this.ended = true;
    if (e.event === 'output') {
      const text = String((e.body as { output?: unknown }).output ?? '');
      if (/internal error|uncaught|unhandled/i.test(text)) this.problems.push(`output event: ${text}`);
    }
  }

  /**
   * Sends a request without waiting or giving the adapter a turn (several in a row arrive as in one chunk);
   * its response lands in `responses`. The library's session has one message listener: this client's.
   */
  send(command: string, args: unknown): number {
    const seq = this.seq++;
    this.session.handleMessage({ seq, type: 'request', command, arguments: args } as DebugProtocol.Request);
    return seq;
  }

  /** Sends a request (through JSON, as on the wire) and waits for its response. */
  async request(command: string, args: unknown, timeoutMs = 30_000): Promise<DebugProtocol.Response> {
    const seq = this.seq++;
    const msg = JSON.parse(JSON.stringify({ seq, type: 'request', command, ...(args === undefined ? {} : { arguments: args }) })) as DebugProtocol.Request;
    const answer = new Promise<DebugProtocol.Response>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no response to '${command}' ${JSON.stringify(args)} within ${timeoutMs} ms`)), timeoutMs);
      this.waiting.set(seq, (r) => {
        clearTimeout(timer);
        resolve(r);
      });
    });
    this.session.handleMessage(msg);
    const r = await answer;
    if (process.env.FUZZ_TRACE) fs.appendFileSync(process.env.FUZZ_TRACE, `> ${command} ${JSON.stringify(args)} -> ${r.success ? 'ok' : r.message} [running=${this.running}]\n`);
    const k = `${command} ${r.success ? 'ok' : 'error'}`;
    this.stats.set(k, (this.stats.get(k) ?? 0) + 1);
    if (!r.success) {
      const id = (r.body as { error?: { id?: number } } | undefined)?.error?.id;
      // 1104 is the library's answer to an exception in a handler; 2 is ours for an unexpected error
      if (id === 1104 || id === 2 || /\bat .*\.js:\d+/.test(r.message ?? '')) this.problems.push(`'${command}' ${JSON.stringify(args)} answered with an internal error: ${r.message} ${JSON.stringify(r.body)}`);
    }
    this.learn(command, r);
    // as on a wire, the next request comes after the adapter had a turn of the event loop (a run may start)
    await new Promise((resolve) => setImmediate(resolve));
    return r;
  }

  private learn(command: string, r: DebugProtocol.Response): void {
    if (r.success && ['continue', 'next', 'stepIn', 'stepOut', 'stepBack', 'reverseContinue', 'restart', 'goto'].includes(command)) this.running = true;
    if (!r.success || !r.body) return;
    const b = r.body as Record<string, unknown>;
    const add = <T>(list: T[], v: unknown) => {
      if (v !== undefined && !list.includes(v as T)) list.push(v as T);
      if (list.length > 50) list.shift();
    };
    if (command === 'threads') for (const t of (b.threads as { id: number }[]) ?? []) add(this.ids.thread, t.id);
    if (command === 'stackTrace') for (const f of (b.stackFrames as { id: number }[]) ?? []) add(this.ids.frame, f.id);
    if (command === 'scopes') for (const s of (b.scopes as { variablesReference: number }[]) ?? []) add(this.ids.variables, s.variablesReference);
    if (command === 'variables') {
      for (const v of (b.variables as { variablesReference: number; memoryReference?: string }[]) ?? []) {
        if (v.variablesReference) add(this.ids.variables, v.variablesReference);
        if (v.memoryReference) add(this.ids.memory, v.memoryReference);
      }
    }
    if (command === 'gotoTargets') for (const t of (b.targets as { id: number }[]) ?? []) add(this.ids.target, t.id);
  }

  resolve(a: Arg): Json | undefined {
    if (a && typeof a === 'object' && !Array.isArray(a) && 'ref' in a && typeof a.ref === 'string') {
      const list = this.ids[a.ref as keyof Client['ids']] as (number | string)[];
      return list.length ? (list[(a.k as number) % list.length] as Json) : 1;
    }
    if (Array.isArray(a)) return a.map((x) => this.resolve(x as Arg) ?? null);
    if (a && typeof a === 'object') return Object.fromEntries(Object.entries(a).flatMap(([k, v]) => (v === undefined ? [] : [[k, this.resolve(v as Arg) ?? null]])));
    return a;
  }

  /** A fresh session, launched on s0 and stopped on entry. */
  async launch(): Promise<void> {
    this.session = this.open();
    this.ids = { thread: [], frame: [], variables: [], memory: [], target: [] };
    const init = await this.request('initialize', { adapterID: 'iolock', pathFormat: 'path', linesStartAt1: true, columnsStartAt1: true });
    assert.ok(init.success, 'initialize');
    const stopped = this.waitFor('stopped', 60_000);
    const launched = this.request('launch', { scenario: SCENARIO, policy: 'base', stopOnEntry: true, sourceDir: this.sourceDir }, 120_000);
    await this.waitFor('initialized', 120_000);
    await this.request('configurationDone', {});
    const r = await launched;
    assert.ok(r.success, `launch: ${r.message}`);
    await stopped;
    this.running = false;
    await this.request('threads', {});
  }

  waitFor(event: string, timeoutMs: number): Promise<DebugProtocol.Event> {
    const from = this.events.length;
    return new Promise((resolve, reject) => {
      const started = Date.now();
      const poll = () => {
        const e = this.events.slice(from).find((x) => x.event === event);
        if (e) return resolve(e);
        if (Date.now() - started > timeoutMs) return reject(new Error(`no '${event}' event within ${timeoutMs} ms`));
        setTimeout(poll, 5);
      };
      poll();
    });
  }

  /** Brings a running session to a stop (or its end), so the next sequence starts from a stop. */
  async settle(): Promise<void> {
    if (this.ended) return;
    if (this.running) {
      const stopped = Promise.race([this.waitFor('stopped', 60_000), this.waitFor('terminated', 60_000)]);
      await this.request('pause', { threadId: 1 });
      await stopped;
      this.running = false;
    }
  }
}

