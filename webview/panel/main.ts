import type { HostToTimeline, TimelineToHost, TimelineViewState } from '../../src/core/timeline/messages';
import { isPacked, unpackTimeline } from '../../src/core/timeline/pack';
import type { TimelineHost } from '../timeline/host';
import { TimelineView } from '../timeline/view';
import { button, checkbox, registerControls, textField } from '../ui/toolkit';

/**
 * Entry point of dist/webview/panel.js, the "iolock: Timeline" webview of the extension (src/extension/
 * timeline-panel.ts). The data comes by message after the view says it is ready, and again after every stop
 * of the debug session it follows. The webview is dropped when hidden (no retainContextWhenHidden): zoom, pan,
 * the follow toggle and the filter live in the webview's state, which VS Code keeps across hiding and reloads.
 */

/** The object acquireVsCodeApi() returns (a global of webviews; declared, not imported). */
interface VsCodeApi {
  postMessage(msg: TimelineToHost): void;
  getState(): unknown;
  setState(state: PanelState): void;
}
declare const acquireVsCodeApi: () => VsCodeApi;

export interface PanelState {
  /** The run the zoom and pan belong to (HostToTimeline 'data' run). */
  run: string | undefined;
  view: TimelineViewState | undefined;
  follow: boolean;
  filter: string;
}

function readState(s: unknown): PanelState {
  const o = (s && typeof s === 'object' ? s : {}) as Partial<PanelState>;
  const v = o.view;
  const view = v && typeof v.startStep === 'number' && typeof v.pxPerStep === 'number' && typeof v.scrollY === 'number' ? { startStep: v.startStep, pxPerStep: v.pxPerStep, scrollY: v.scrollY } : undefined;
  return { run: typeof o.run === 'string' ? o.run : undefined, view, follow: o.follow !== false, filter: typeof o.filter === 'string' ? o.filter : '' };
}

function start(): void {
  const api = acquireVsCodeApi();
  let state = readState(api.getState());
  /** The run shown now; the saved zoom and pan apply only to the run they were saved for. */
  let shown: string | undefined;
  const host: TimelineHost = {
    post: (m) => api.postMessage(m),
    onMessage: (h) => window.addEventListener('message', (e: MessageEvent<HostToTimeline>) => h(e.data)),
    loadState: () => (shown !== undefined && shown === state.run ? state.view : undefined),
    saveState: (view) => {
      state = { ...state, run: shown, view };
      api.setState(state);
    },
  };
  // 'ready' goes first: the extension prepares the data while the controls and the view are made (its answer
  // comes as a message, after this function has run)
  host.onMessage((msg) => {
    switch (msg.type) {
      case 'data': {
        const same = msg.run === shown;
        shown = msg.run;
        title.textContent = msg.title;
        follow.enable(msg.live);
        view.setData(isPacked(msg.data) ? unpackTimeline(msg.data) : msg.data, { keepView: same, ...(msg.now !== undefined ? { now: msg.now } : {}) });
        if (msg.live && state.follow) view.showNow();
        break;
      }
      case 'empty':
        shown = undefined;
        follow.enable(false);
        view.showError(msg.message, true);
        break;
      case 'focus':
        view.focus(msg.start, msg.end);
        break;
    }
  });
  host.post({ type: 'ready' });
  host.post({ type: 'follow', follow: state.follow });
  registerControls();

  const bar = document.createElement('div');
  bar.className = 'tl-panel-bar';
  const title = document.createElement('span');
  title.className = 'tl-panel-title';
  title.setAttribute('role', 'heading');
  title.setAttribute('aria-level', '1');
  title.textContent = 'iolock: Timeline';
  const root = document.createElement('div');
  root.id = 'iolock-timeline';
  const follow = checkbox('Follow session', 'Update with every stop of the active iolock debug session and keep its step in view', state.follow, (on) => {
    state = { ...state, follow: on };
    api.setState(state);
    host.post({ type: 'follow', follow: on });
    if (on) view.showNow();
  });
  follow.enable(false);
  const filter = textField('Filter lanes', 'Show only the lanes whose task name contains this text', state.filter, (text) => {
    state = { ...state, filter: text };
    api.setState(state);
    view.setFilter(text);
  });
  const ZOOM = 1.25;
  bar.append(
    title,
    button('−', 'Zoom out (-)', () => view.zoom(1 / ZOOM)),
    button('+', 'Zoom in (+)', () => view.zoom(ZOOM)),
    button('Fit', 'Show the whole run (0)', () => view.fit()),
    follow.element,
    filter,
  );
  document.body.append(bar, root);
  const view = new TimelineView(root, host, { toolbar: 'legend' });
  view.setFilter(state.filter);
}

// the script is the last element of the body (src/extension/webview-html.ts)
if (document.body) start();
else document.addEventListener('DOMContentLoaded', start);
