import type { PackedTimeline } from './pack';
import type { TimelineData } from './types';

/**
 * The messages between the timeline (browser side, webview/timeline/) and whoever hosts it: the VS Code
 * extension through a webview's postMessage, or the static HTML report. Plain JSON.
 */
export type TimelineToHost =
  /** The view is up and can take data. */
  | { type: 'ready' }
  /** The user clicked an item: show this step of this task (a scenario task id, or a kernel thread as "dlm_astd@0"). */
  | { type: 'reveal'; step: number; task: string };

export type HostToTimeline =
  /** New data to draw (a new run, or the run the debug session now shows), plain or packed. */
  | { type: 'data'; data: TimelineData | PackedTimeline }
  /** Bring steps start..end into view. */
  | { type: 'focus'; start: number; end: number };

/** What the view keeps across reloads through the host (zoom and pan). */
export interface TimelineViewState {
  startStep: number;
  pxPerStep: number;
  scrollY: number;
}
