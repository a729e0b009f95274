import type { HostToTimeline, TimelineToHost, TimelineViewState } from '../../src/core/timeline/messages';

/**
 * What the timeline needs from the page it runs in. The VS Code panel (webview/panel/main.ts) and the static
 * HTML report each provide one; the view itself knows neither.
 */
export interface TimelineHost {
  post(msg: TimelineToHost): void;
  onMessage(handler: (msg: HostToTimeline) => void): void;
  /** The zoom and pan saved by an earlier instance of the view, if the host keeps them. */
  loadState(): TimelineViewState | undefined;
  saveState(state: TimelineViewState): void;
}

/** The static report: messages go to a function of the page (the trace table), state lives as long as the page. */
export function pageHost(onPost: (msg: TimelineToHost) => void): TimelineHost & { send(msg: HostToTimeline): void } {
  const handlers: ((msg: HostToTimeline) => void)[] = [];
  let state: TimelineViewState | undefined;
  return {
    post: onPost,
    onMessage: (h) => handlers.push(h),
    loadState: () => state,
    saveState: (s) => (state = s),
    send: (msg) => handlers.forEach((h) => h(msg)),
  };
}
