import type { HostToTimeline } from '../core/timeline/messages';
import type { PackedTimeline } from '../core/timeline/pack';
import type { CustomRequests } from '../debug/protocol';
import { parseTimelineMessage, withTypedColumns } from './timeline-messages';

/**
 * What the timeline panel shows and what its webview's messages do, without `vscode` (unit-tested; the panel,
 * timeline-panel.ts, feeds it VS Code's events and carries out its effects). It holds the content — a run, or
 * the timeline of a debug session fetched with `iolock/timeline` — and posts it whenever the webview says it
 * is ready (after every load: the webview is dropped while hidden).
 */

/** A debug session as the feed needs it. */
export interface FeedSession {
  readonly id: string;
  customRequest(command: string, args?: unknown): Thenable<unknown>;
}

export interface FeedEffects {
  /** Posts to the webview (called only while it is loaded and ready). */
  post(msg: HostToTimeline): void;
  /** Opens a tree-relative C location ("fs/iolock.c:67"). */
  openLocation(at: string): void;
  /** Tells the user something went wrong. */
  warn(message: string): void;
  log(message: string): void;
}

type Content =
  | { kind: 'run'; run: string; title: string; packed: PackedTimeline }
  | { kind: 'session'; run: string; title: string; packed: PackedTimeline; session: FeedSession; now: number; ended: boolean };

export const NOTHING_YET = 'Nothing to show yet: run a scenario (iolock: Run Scenario) or start an iolock debug session.';

export class TimelineFeed {
  /** The webview said 'ready' since it was last (re)loaded: messages reach it. */
  private ready = false;
  private follow = true;
  private content: Content | undefined;
  private runs = 0;
  /** The fetch in progress, and the session of a stop that came meanwhile (fetched once more afterwards). */
  private fetching = false;
  private fetchAgain: FeedSession | undefined;

  constructor(private readonly fx: FeedEffects) {}

  get hasContent(): boolean {
    return this.content !== undefined;
  }

  /** The webview is being (re)loaded or was hidden: nothing reaches it until it says 'ready'. */
  unloaded(): void {
    this.ready = false;
  }

  showRun(packed: PackedTimeline, title: string): void {
    this.content = { kind: 'run', run: `run-${++this.runs}`, title, packed: withTypedColumns(packed) };
    this.post();
  }

  /** A stop of a session, or another session became the active one: follow it if the user lets us. */
  sessionChanged(s: FeedSession): void {
    if (this.follow) void this.fetch(s);
  }

  sessionEnded(s: FeedSession): void {
    const c = this.content;
    if (c?.kind !== 'session' || c.session.id !== s.id) return;
    this.content = { ...c, ended: true, title: `${c.title.replace(/ · step \d+$/, '')} · session ended` };
    this.post();
  }

  /** Fetches the session's timeline; stops coming in meanwhile make one more fetch after it, not one each. */
  async fetch(s: FeedSession): Promise<void> {
    if (this.fetching) {
      this.fetchAgain = s;
      return;
    }
    this.fetching = true;
    try {
      const body = (await s.customRequest('iolock/timeline', {})) as CustomRequests['iolock/timeline']['body'];
      const t = body.timeline;
      this.content = {
        kind: 'session',
        run: `session-${s.id}`,
        title: `${t.scenario} · ${t.policy ?? 'no patch'} · debugging · step ${body.step}`,
        packed: withTypedColumns(t),
        session: s,
        now: body.step,
        ended: false,
      };
      this.post();
    } catch (e) {
      // a session that is ending or running answers with an error; its next stop brings the data
      this.fx.log(`iolock timeline: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      this.fetching = false;
      const again = this.fetchAgain;
      this.fetchAgain = undefined;
      if (again) await this.fetch(again);
    }
  }

  /** A message from the webview; `active` is the active iolock debug session, if any. */
  async receive(raw: unknown, active: FeedSession | undefined): Promise<void> {
    const m = parseTimelineMessage(raw);
    if (!m) {
      this.fx.log(`iolock timeline: ignored a message from the webview: ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    switch (m.type) {
      case 'ready':
        this.ready = true;
        // after a window reload the panel comes back empty: the active session fills it
        if (!this.content && active) await this.fetch(active);
        else this.post();
        return;
      case 'follow': {
        const turnedOn = m.follow && !this.follow;
        this.follow = m.follow;
        if (turnedOn && active) await this.fetch(active);
        return;
      }
      case 'reveal': {
        const c = this.content;
        if (c?.kind === 'session' && !c.ended) {
          try {
            // the adapter stops at the step (a `stopped` event): VS Code moves the editor and the call stack there
            await c.session.customRequest('iolock/travel', { step: m.step } satisfies CustomRequests['iolock/travel']['args']);
          } catch (e) {
            this.fx.warn(`iolock: cannot go to step ${m.step}: ${e instanceof Error ? e.message : String(e)}`);
          }
        } else if (m.at) {
          this.fx.openLocation(m.at);
        }
        return;
      }
    }
  }

  private post(): void {
    if (!this.ready) return;
    const c = this.content;
    this.fx.post(
      !c
        ? { type: 'empty', message: NOTHING_YET }
        : { type: 'data', data: c.packed, run: c.run, title: c.title, live: c.kind === 'session' && !c.ended, ...(c.kind === 'session' ? { now: c.now } : {}) },
    );
  }
}
