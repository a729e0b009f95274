import { isPacked, unpackTimeline, type PackedTimeline } from '../../src/core/timeline/pack';
import type { TimelineData } from '../../src/core/timeline/types';
import { pageHost, vscodeHost, type TimelineHost, type VsCodeApi } from './host';
import { wireReportPage } from './report-page';
import { TimelineView } from './view';

/**
 * Entry point of dist/webview/timeline.js. In a VS Code webview (acquireVsCodeApi exists) the data comes by
 * message; in the HTML report it is inlined in <script type="application/json" id="iolock-timeline-data">.
 * Either way the view mounts on #iolock-timeline (made if missing).
 */
declare const acquireVsCodeApi: (() => VsCodeApi) | undefined;

export const ROOT_ID = 'iolock-timeline';
export const DATA_ID = 'iolock-timeline-data';
export const SCRIPT_MARK = 'iolock-timeline-script';

function start(): void {
  // for benchmarks: from here to the first paint is the timeline's own work (parse, index, first frame)
  performance.mark(SCRIPT_MARK);
  let root = document.getElementById(ROOT_ID);
  if (!root) {
    root = document.createElement('div');
    root.id = ROOT_ID;
    document.body.append(root);
  }
  const inline = document.getElementById(DATA_ID);
  let host: TimelineHost;
  let view: TimelineView;
  if (typeof acquireVsCodeApi === 'function') {
    host = vscodeHost(acquireVsCodeApi());
    view = new TimelineView(root, host);
  } else {
    const page = pageHost((msg) => report.onPost(msg));
    host = page;
    view = new TimelineView(root, host, { autoHeight: true });
    const report = wireReportPage(document, (start, end) => page.send({ type: 'focus', start, end }));
  }
  host.onMessage((msg) => {
    if (msg.type === 'data') view.setData(isPacked(msg.data) ? unpackTimeline(msg.data) : msg.data);
    else if (msg.type === 'focus') view.focus(msg.start, msg.end);
  });
  if (inline?.textContent) {
    let d: TimelineData | PackedTimeline | undefined;
    try {
      d = JSON.parse(inline.textContent) as TimelineData | PackedTimeline;
    } catch (e) {
      view.showError(`cannot read the timeline data: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (d) view.setData(isPacked(d) ? unpackTimeline(d) : d);
  }
  host.post({ type: 'ready' });
}

// In the report the script sits right after its root and data, so the timeline draws before the rest of the
// page (the trace table) is parsed; anywhere else, wait for the document.
if (document.getElementById(ROOT_ID) || document.readyState !== 'loading') start();
else document.addEventListener('DOMContentLoaded', start);
