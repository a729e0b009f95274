import { DebugSession, InitializedEvent, OutputEvent, StoppedEvent, TerminatedEvent, ExitedEvent, ThreadEvent, Event, Response } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { EvalError } from './cexpr';
import { Inspector } from './inspect';
import { lockTable, traceEvents } from './locks';
import { CUSTOM_REQUESTS, EXCEPTION_FILTERS, type CustomEvents, type CustomRequests, type ExceptionFilter, type LaunchArguments, type TaskInfo } from './protocol';
import { DebugRuntime, LaunchError, type Stop } from './runtime';
import { framesOf } from './frames';
import { requestArgsError } from './request-args';

/**
 * The Debug Adapter Protocol side: requests in, events out, everything else in DebugRuntime. Every handler
 * answers — an error response for bad input, never a thrown exception — so a client's mistake or ours leaves
 * the session usable.
 */
export class IolockDebugSession extends DebugSession {
  private rt: DebugRuntime | undefined;
  private inspector: Inspector | undefined;
  private configured: (() => void) | undefined;
  private readonly configurationDone = new Promise<void>((resolve) => (this.configured = resolve));
  private reportedThreads = new Set<number>();
  private launchArgs: LaunchArguments | undefined;
  private launching = false;

  constructor() {
    super();
    this.setDebuggerLinesStartAt1(true);
    this.setDebuggerColumnsStartAt1(true);
  }

  // --- plumbing ----------------------------------------------------------------------------------------------

  /**
   * A request may come without arguments (DAP clients drop empty ones): the handlers see an empty object.
   * Arguments of the wrong shape are answered here, so that no handler meets a string where it reads a number.
   */
  protected override dispatchRequest(request: DebugProtocol.Request): void {
    if (request.arguments === undefined || request.arguments === null) request.arguments = {};
    const why = requestArgsError(request.command, request.arguments);
    if (why) {
      this.sendErrorResponse(new Response(request), { id: 1, format: why, showUser: true, variables: {} });
      return;
    }
    super.dispatchRequest(request);
  }

  private fail(response: DebugProtocol.Response, e: unknown): void {
    const message = e instanceof Error ? e.message : String(e);
    const known = e instanceof EvalError || e instanceof LaunchError || e instanceof RangeError;
    if (!known) this.sendEvent(new OutputEvent(`iolock debug adapter: internal error: ${e instanceof Error ? e.stack ?? message : message}\n`, 'stderr'));
    this.sendErrorResponse(response, { id: known ? 1 : 2, format: message, showUser: true, variables: {} });
  }

  /** Runs a handler, answering the request with its result or its error. */
  private handle<R extends DebugProtocol.Response>(response: R, fn: () => R['body'] | void | Promise<R['body'] | void>): void {
    Promise.resolve()
      .then(fn)
      .then(
        (body) => {
          if (body !== undefined) response.body = body;
          this.sendResponse(response);
        },
        (e: unknown) => this.fail(response, e),
      );
  }

  private runtime(): DebugRuntime {
    if (!this.rt) throw new EvalError('no scenario is loaded (launch first)');
    return this.rt;
  }

  private inspect(): Inspector {
    this.runtime();
    return this.inspector as Inspector;
  }

  /** Starts a run in the background (the response was sent); errors become output and a stop. */
  private go(run: () => Promise<void>): void {
    const rt = this.rt;
    run()
      .finally(() => rt?.release())
      .catch((e: unknown) => {
      const message = e instanceof Error ? e.message : String(e);
      this.sendEvent(new OutputEvent(`${e instanceof EvalError ? '' : 'internal error: '}${message}\n`, 'stderr'));
      if (process.env.IOLOCK_DEBUG && e instanceof Error) this.sendEvent(new OutputEvent(`${e.stack}\n`, 'stderr'));
      this.onStop({ reason: 'pause', threadId: this.rt?.currentThread, description: `stopped: ${message}` });
    });
  }

  private onStop(s: Stop): void {
    const rt = this.rt;
    if (!rt) return;
    this.inspector?.reset();
    const now = new Set(rt.tasks().map((t) => t.id));
    for (const id of this.reportedThreads) if (!now.has(id)) this.sendEvent(new ThreadEvent('exited', id));
    for (const id of now) if (!this.reportedThreads.has(id)) this.sendEvent(new ThreadEvent('started', id));
    this.reportedThreads = now;
    const threadId = s.threadId ?? rt.tasks()[0]?.id ?? 1;
    const ev = new StoppedEvent(s.reason, threadId) as DebugProtocol.StoppedEvent;
    ev.body.allThreadsStopped = true;
    if (s.description) ev.body.description = s.description;
    if (s.text) ev.body.text = s.text;
    if (s.hitBreakpointIds?.length) ev.body.hitBreakpointIds = s.hitBreakpointIds;
    this.sendEvent(ev);
    const body: CustomEvents['iolock/stopped'] = { ...rt.currentStep(), threadId, reason: s.reason };
    this.sendEvent(new Event('iolock/stopped', body));
  }

  // --- lifecycle ----------------------------------------------------------------------------------------------

  protected override initializeRequest(response: DebugProtocol.InitializeResponse): void {
    response.body = {
      ...response.body,
      supportsConfigurationDoneRequest: true,
      supportsFunctionBreakpoints: true,
      supportsConditionalBreakpoints: true,
      supportsHitConditionalBreakpoints: true,
      supportsLogPoints: true,
      supportsEvaluateForHovers: true,
      supportsStepBack: true,
      supportsSetVariable: true,
      supportsRestartRequest: true,
      supportsGotoTargetsRequest: true,
      supportsExceptionInfoRequest: true,
      supportsTerminateRequest: true,
      supportsSingleThreadExecutionRequests: true,
      supportsReadMemoryRequest: true,
      supportsBreakpointLocationsRequest: true,
      supportsDelayedStackTraceLoading: true,
      exceptionBreakpointFilters: EXCEPTION_FILTERS.map((f) => ({ filter: f.filter, label: f.label, description: f.description, default: f.default })),
    };
    this.sendResponse(response);
  }

  protected override launchRequest(response: DebugProtocol.LaunchResponse, args: DebugProtocol.LaunchRequestArguments): void {
    this.handle(response, async () => {
      if (this.rt || this.launching) throw new LaunchError('a scenario is already launched in this session');
      // a client may send no arguments at all
      const a = (args && typeof args === 'object' ? args : {}) as LaunchArguments;
      this.launchArgs = a;
      this.launching = true;
      const rt = await DebugRuntime.launch(a, {
        stopped: (s) => this.onStop(s),
        output: (text, category) => this.sendEvent(new OutputEvent(text, category ?? 'console')),
        terminated: (code) => {
          this.sendEvent(new ExitedEvent(code));
          this.sendEvent(new TerminatedEvent());
        },
      }).finally(() => (this.launching = false));
      this.rt = rt;
      this.inspector = new Inspector(rt);
      this.sendEvent(new InitializedEvent());
      // clients send breakpoints between `initialized` and configurationDone; some never send the latter
      await Promise.race([this.configurationDone, new Promise((r) => setTimeout(r, 5000))]);
      setImmediate(() => this.go(() => rt.start()));
    });
  }

  protected override configurationDoneRequest(response: DebugProtocol.ConfigurationDoneResponse): void {
    this.configured?.();
    this.sendResponse(response);
  }

  protected override disconnectRequest(response: DebugProtocol.DisconnectResponse): void {
    this.rt?.dispose();
    this.sendResponse(response);
    this.shutdown();
  }

  protected override terminateRequest(response: DebugProtocol.TerminateResponse): void {
    this.sendResponse(response);
    this.sendEvent(new TerminatedEvent());
  }

  protected override restartRequest(response: DebugProtocol.RestartResponse): void {
    this.handle(response, () => {
      const rt = this.runtime();
      if (rt.isRunning) throw new EvalError('pause before restarting');
      rt.reserve();
      setImmediate(() => this.go(() => rt.restart()));
    });
  }

  // --- breakpoints ---------------------------------------------------------------------------------------------

  protected override setBreakPointsRequest(response: DebugProtocol.SetBreakpointsResponse, args: DebugProtocol.SetBreakpointsArguments): void {
    this.handle(response, () => {
      const rt = this.runtime();
      const specs = (args.breakpoints ?? args.lines?.map((line) => ({ line })) ?? []).map((b) => ({ ...b, line: this.convertClientLineToDebugger(b.line) }));
      const path = args.source.path;
      const where = path ? rt.sources.toTree(path) : undefined;
      const why = where?.original ? `the patch changes ${where.path}: set breakpoints in the patched copy the debugger opens (${rt.sources.toDisk(where.path)})` : undefined;
      const bps = rt.breakpoints.setLines(where?.path, specs, why);
      return {
        breakpoints: bps.map((b) => ({
          id: b.id,
          verified: b.verified,
          ...(b.line !== undefined ? { line: this.convertDebuggerLineToClient(b.line) } : {}),
          ...(b.message ? { message: b.message } : {}),
          source: args.source,
        })),
      };
    });
  }

  protected override setFunctionBreakPointsRequest(response: DebugProtocol.SetFunctionBreakpointsResponse, args: DebugProtocol.SetFunctionBreakpointsArguments): void {
    this.handle(response, () => {
      const rt = this.runtime();
      const bps = rt.breakpoints.setFunctions(args.breakpoints);
      return {
        breakpoints: bps.map((b) => {
          const path = b.file ? rt.sources.toDisk(b.file) : undefined;
          return {
            id: b.id,
            verified: b.verified,
            ...(b.line !== undefined ? { line: this.convertDebuggerLineToClient(b.line) } : {}),
            ...(path ? { source: { name: b.file, path } } : {}),
            ...(b.message ? { message: b.message } : {}),
          };
        }),
      };
    });
  }

  protected override setExceptionBreakPointsRequest(response: DebugProtocol.SetExceptionBreakpointsResponse, args: DebugProtocol.SetExceptionBreakpointsArguments): void {
    this.handle(response, () => {
      const rt = this.runtime();
      const known = new Set<string>(EXCEPTION_FILTERS.map((f) => f.filter));
      const asked = [...(args.filters ?? []), ...(args.filterOptions ?? []).map((o) => o.filterId)];
      rt.exceptionFilters.clear();
      for (const f of asked) if (known.has(f)) rt.exceptionFilters.add(f as ExceptionFilter);
      return { breakpoints: asked.map((f) => ({ verified: known.has(f), ...(known.has(f) ? {} : { message: `unknown exception filter '${f}'` }) })) };
    });
  }

  protected override breakpointLocationsRequest(response: DebugProtocol.BreakpointLocationsResponse, args: DebugProtocol.BreakpointLocationsArguments): void {
    this.handle(response, () => {
      const rt = this.runtime();
      const where = args.source.path ? rt.sources.toTree(args.source.path) : undefined;
      if (!where || where.original) return { breakpoints: [] };
      const from = this.convertClientLineToDebugger(args.line);
      const to = this.convertClientLineToDebugger(args.endLine ?? args.line);
      const out: DebugProtocol.BreakpointLocation[] = [];
      for (let line = from; line <= to; line++) {
        const r = rt.lines.resolveLine(where.path, line);
        if (r && r.line === line) out.push({ line: this.convertDebuggerLineToClient(line) });
      }
      return { breakpoints: out };
    });
  }

  // --- execution ---------------------------------------------------------------------------------------------

  /** Answers, then runs in the background; a bad thread id is an error response, not a run. */
  private resume(response: DebugProtocol.Response, run: (rt: DebugRuntime) => Promise<void>, body?: object, threadId?: number): void {
    this.handle(response, () => {
      const rt = this.runtime();
      if (rt.isRunning) throw new EvalError('the scenario is already running');
      if (threadId !== undefined && !rt.task(threadId)) throw new EvalError(`no thread ${threadId}`);
      rt.reserve();
      setImmediate(() => this.go(() => run(rt)));
      return body as DebugProtocol.Response['body'];
    });
  }

  protected override continueRequest(response: DebugProtocol.ContinueResponse, args: DebugProtocol.ContinueArguments): void {
    this.resume(response, (rt) => rt.continue(args.threadId, args.singleThread === true), { allThreadsContinued: args.singleThread !== true });
  }

  protected override nextRequest(response: DebugProtocol.NextResponse, args: DebugProtocol.NextArguments): void {
    this.resume(response, (rt) => rt.step('over', args.threadId, args.singleThread === true), undefined, args.threadId);
  }

  protected override stepInRequest(response: DebugProtocol.StepInResponse, args: DebugProtocol.StepInArguments): void {
    this.resume(response, (rt) => rt.step('in', args.threadId, args.singleThread === true), undefined, args.threadId);
  }

  protected override stepOutRequest(response: DebugProtocol.StepOutResponse, args: DebugProtocol.StepOutArguments): void {
    this.resume(response, (rt) => rt.step('out', args.threadId, args.singleThread === true), undefined, args.threadId);
  }

  protected override stepBackRequest(response: DebugProtocol.StepBackResponse, args: DebugProtocol.StepBackArguments): void {
    this.resume(response, (rt) => rt.stepBack(args.threadId), undefined, args.threadId);
  }

  protected override reverseContinueRequest(response: DebugProtocol.ReverseContinueResponse, args: DebugProtocol.ReverseContinueArguments): void {
    this.resume(response, (rt) => rt.reverseContinue(args.threadId));
  }

  protected override pauseRequest(response: DebugProtocol.PauseResponse): void {
    this.handle(response, () => {
      this.runtime().pause();
    });
  }

  protected override gotoTargetsRequest(response: DebugProtocol.GotoTargetsResponse, args: DebugProtocol.GotoTargetsArguments): void {
    this.handle(response, () => {
      const rt = this.runtime();
      const where = args.source.path ? rt.sources.toTree(args.source.path) : undefined;
      if (!where) return { targets: [] };
      const line = this.convertClientLineToDebugger(args.line);
      return { targets: rt.gotoTargets(where.path, line).map((t) => ({ id: t.id, label: t.label, line: this.convertDebuggerLineToClient(t.line) })) };
    });
  }

  protected override gotoRequest(response: DebugProtocol.GotoResponse, args: DebugProtocol.GotoArguments): void {
    this.handle(response, () => {
      const rt = this.runtime();
      if (rt.isRunning) throw new EvalError('pause before going to a target');
      const pos = args.targetId - 1;
      if (!Number.isInteger(pos) || pos < 0 || pos > rt.engine.recorded) throw new EvalError(`no goto target ${args.targetId}`);
      rt.reserve();
      setImmediate(() => this.go(async () => rt.travelTo(pos)));
    });
  }

  // --- inspection ---------------------------------------------------------------------------------------------

  protected override threadsRequest(response: DebugProtocol.ThreadsResponse): void {
    this.handle(response, () => ({ threads: this.rt && this.inspector ? this.inspector.threads() : [] }));
  }

  protected override stackTraceRequest(response: DebugProtocol.StackTraceResponse, args: DebugProtocol.StackTraceArguments): void {
    this.handle(response, () => {
      const st = this.inspect().stackTrace(args.threadId, args.startFrame ?? 0, args.levels ?? 0);
      for (const f of st.stackFrames) {
        f.line = f.line ? this.convertDebuggerLineToClient(f.line) : f.line;
        f.column = f.column ? this.convertDebuggerColumnToClient(f.column) : f.column;
      }
      return st;
    });
  }

  protected override scopesRequest(response: DebugProtocol.ScopesResponse, args: DebugProtocol.ScopesArguments): void {
    this.handle(response, () => ({ scopes: this.inspect().scopes(args.frameId) }));
  }

  protected override variablesRequest(response: DebugProtocol.VariablesResponse, args: DebugProtocol.VariablesArguments): void {
    this.handle(response, () => ({ variables: this.inspect().variables(args.variablesReference, args.start, args.count) }));
  }

  protected override evaluateRequest(response: DebugProtocol.EvaluateResponse, args: DebugProtocol.EvaluateArguments): void {
    this.handle(response, () => this.inspect().evaluate(args.expression, args.frameId));
  }

  protected override setVariableRequest(response: DebugProtocol.SetVariableResponse, args: DebugProtocol.SetVariableArguments): void {
    this.handle(response, () => {
      if (this.runtime().isRunning) throw new EvalError('pause before changing variables');
      return this.inspect().setVariable(args.variablesReference, args.name, args.value);
    });
  }

  protected override readMemoryRequest(response: DebugProtocol.ReadMemoryResponse, args: DebugProtocol.ReadMemoryArguments): void {
    this.handle(response, () => this.inspect().readMemory(args.memoryReference, args.offset ?? 0, Math.min(args.count, 1 << 20)));
  }

  protected override exceptionInfoRequest(response: DebugProtocol.ExceptionInfoResponse, args: DebugProtocol.ExceptionInfoArguments): void {
    this.handle(response, () => {
      const s = this.runtime().lastStop;
      const f = s?.reason === 'exception' ? s.finding : undefined;
      if (!f) throw new EvalError(`thread ${args.threadId} is not stopped on an exception`);
      return {
        exceptionId: f.kind,
        description: f.description,
        breakMode: 'always' as const,
        details: {
          message: f.details,
          typeName: f.filter,
          fullTypeName: `${f.filter}: ${f.kind}`,
          ...(f.stackTrace ? { stackTrace: f.stackTrace } : {}),
        },
      };
    });
  }

  protected override sourceRequest(response: DebugProtocol.SourceResponse, args: DebugProtocol.SourceArguments): void {
    this.handle(response, () => {
      const path = args.source?.path;
      const rt = this.runtime();
      const where = path ? rt.sources.toTree(path) : undefined;
      // only the kernel's files: a client (or anyone who reaches a --port adapter) must not read other files with it
      const text = where ? rt.tree.read(where.path) : undefined;
      if (text === undefined) throw new EvalError(`no source ${path ?? args.sourceReference} (the adapter serves the kernel tree's files only)`);
      return { content: text, mimeType: 'text/x-csrc' };
    });
  }

  protected override customRequest(command: string, response: DebugProtocol.Response, args: unknown): void {
    this.handle(response, () => {
      if (!(CUSTOM_REQUESTS as readonly string[]).includes(command)) throw new EvalError(`unknown request '${command}'`);
      const rt = this.runtime();
      const a = (args ?? {}) as Record<string, unknown>;
      const nameOf = (id: number) => rt.nameOf(id);
      switch (command as keyof CustomRequests) {
        case 'iolock/locks':
          return { locks: lockTable(rt.engine.cluster, nameOf) } satisfies CustomRequests['iolock/locks']['body'];
        case 'iolock/tasks':
          return { tasks: this.tasks(rt) } satisfies CustomRequests['iolock/tasks']['body'];
        case 'iolock/trace':
          return { events: traceEvents(rt.engine.cluster, typeof a.from === 'number' ? a.from : rt.engine.firstScenarioEvent, nameOf) } satisfies CustomRequests['iolock/trace']['body'];
        case 'iolock/currentStep':
          return rt.currentStep();
        case 'iolock/travel': {
          if (rt.isRunning) throw new EvalError('pause before travelling');
          const pos = typeof a.position === 'number' ? a.position : typeof a.step === 'number' ? rt.engine.positionOfStep(a.step) : undefined;
          if (pos === undefined) throw new EvalError("iolock/travel needs 'step' or 'position'");
          rt.travelTo(pos);
          return rt.currentStep();
        }
        case 'iolock/timeline':
          return rt.timeline() satisfies CustomRequests['iolock/timeline']['body'];
      }
    });
  }

  private tasks(rt: DebugRuntime): TaskInfo[] {
    return rt.tasks().map((kt) => {
      const top = framesOf(kt.m, kt.id)[0];
      const path = top ? rt.sources.toDisk(top.loc.file) : undefined;
      return {
        threadId: kt.id,
        name: rt.threadLabel(kt),
        node: kt.node.index,
        task: rt.nameOf(kt.id),
        kind: kt.kind,
        state: kt.state,
        waitsFor: kt.state === 'blocked' && kt.wait ? rt.engine.cluster.describeWait(kt, kt.wait).waitsFor : undefined,
        at: top ? { path: path ?? top.loc.file, line: top.loc.line, func: top.func } : undefined,
      };
    });
  }

  /** For tests and the inline adapter: the launch arguments in force. */
  get launched(): LaunchArguments | undefined {
    return this.launchArgs;
  }
}
