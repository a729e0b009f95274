import { isPacked, unpackTimeline, type PackedItems, type PackedTimeline } from '../../src/core/timeline/pack';
import type { TimelineData } from '../../src/core/timeline/types';
import { pageHost } from './host';
import { wireReportPage } from './report-page';
import { TimelineView } from './view';

/**
 * Entry point of dist/webview/timeline.js, the HTML report's timeline (the VS Code panel has its own entry,
 * webview/panel/main.ts): the data is inlined in <script type="application/json" id="iolock-timeline-data">,
 * the view mounts on #iolock-timeline (made if missing), and clicks go to the trace table of the page.
 */
export const ROOT_ID = 'iolock-timeline';
export const DATA_ID = 'iolock-timeline-data';
export const ITEMS_ID = 'iolock-timeline-items';
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
  const host = pageHost((msg) => report.onPost(msg));
  const view = new TimelineView(root, host, { autoHeight: true });
  const report = wireReportPage(document, (start, end) => host.send({ type: 'focus', start, end }));
  host.onMessage((msg) => {
    if (msg.type === 'focus') view.focus(msg.start, msg.end);
  });
  const inline = document.getElementById(DATA_ID);
  if (!inline?.textContent) return;
  const fail = (e: unknown) => view.showError(`cannot read the timeline data: ${e instanceof Error ? e.message : String(e)}`);
  let d: TimelineData | PackedTimeline | undefined;
  try {
    d = JSON.parse(inline.textContent) as TimelineData | PackedTimeline;
  } catch (e) {
    fail(e);
  }
  if (!d) return;
  if (!isPacked(d)) {
    view.setData(d);
    return;
  }
  // a large run's item columns sit at the end of the page (html.ts): the first frame draws from the levels
  const head: Omit<PackedTimeline, 'items'> & { items?: PackedItems } = d;
  if (head.items !== undefined) {
    view.setData(unpackTimeline(d));
    return;
  }
  const parsed = () => document.readyState !== 'loading';
  let items: PackedItems | undefined;
  Object.defineProperty(head, 'items', {
    get: () => (items ??= JSON.parse(document.getElementById(ITEMS_ID)?.textContent ?? 'null') as PackedItems),
  });
  // once the page is parsed: the columns (parsed outside a frame), then a frame with the labels the first left out
  if (!parsed()) {
    document.addEventListener('DOMContentLoaded', () =>
      setTimeout(() => {
        if (!head.items) return;
        view.invalidate();
        view.prepare();
      }),
    );
  }
  view.setData(unpackTimeline(d, parsed));
}

// The script sits right after its root and data, so the timeline draws before the rest of the page (the trace
// table) is parsed; anywhere else, wait for the document.
if (document.getElementById(ROOT_ID) || document.readyState !== 'loading') start();
else document.addEventListener('DOMContentLoaded', start);
