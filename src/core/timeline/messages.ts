import type { PackedTimeline } from './pack';
import type { TimelineData } from './types';

/**
 * The messages between the timeline (browser side, webview/) and whoever hosts it: the VS Code extension through
 * a webview's postMessage (typed arrays travel as memory there), or the static HTML report.
 */
export type TimelineToHost =
  /** The view is up and can take data (sent again after every reload of the webview). */
  | { type: 'ready' }
  /**
   * The user clicked an item: show this step of this task (a scenario task id, or a kernel thread as
   * "dlm_astd@0"); `at` is the item's C location ("fs/iolock.c:67") when it has one.
   */
  | { type: 'reveal'; step: number; task: string; at?: string }
  /** The user turned following the debug session on or off. */
  | { type: 'follow'; follow: boolean };

export type HostToTimeline =
  /**
   * Data to draw, plain or packed. `run` names the run: data of the same run (a debug session's next stop) keeps
   * the zoom and pan, another run is fitted. `now` is the step a debug session is at (a line is drawn there).
   */
  | { type: 'data'; data: TimelineData | PackedTimeline; run: string; title: string; now?: number; live: boolean }
  /** Nothing to draw: says why. */
  | { type: 'empty'; message: string }
  /** Bring steps start..end into view. */
  | { type: 'focus'; start: number; end: number };

/** What the view keeps across reloads through the host (zoom and pan). */
export interface TimelineViewState {
  startStep: number;
  pxPerStep: number;
  scrollY: number;
}
