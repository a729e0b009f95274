// Asks the `code` shim (test/integration/shim/code), which holds the Chromium page the workbench runs in, for
// what the extension host cannot see itself: screenshots and the DOM of webviews. A request goes out as an
// "IOLOCK_PROBE {json}" console line, which the workbench forwards to the shim through codeAutomationLog; the
// shim performs it and writes {ok, value | error} to the file the request names, which we poll for. Both
// processes are on one machine, so a file is the simplest way back.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export interface WebviewTarget {
  /** Picks the webview: a substring of its outer iframe's URL (which carries the extension id and the
   * webview's purpose), or of the inner document's title or HTML. Default: the first webview found. */
  match?: string;
  /** How long to wait for the webview (and for a selector), in ms. Default 15000. */
  timeoutMs?: number;
}

let counter = 0;

/** Sends one probe to the shim and waits for its answer. */
export async function probe<T = unknown>(kind: string, args: Record<string, unknown> = {}, timeoutMs = 60000): Promise<T> {
  const dir = process.env.IOLOCK_PROBE_DIR ?? os.tmpdir();
  const id = `${process.pid}-${Date.now()}-${counter++}`;
  const out = path.join(dir, `probe-${id}.json`);
  console.log('IOLOCK_PROBE ' + JSON.stringify({ id, kind, args, out }));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let text: string | undefined;
    try {
      text = fs.readFileSync(out, 'utf8');
    } catch {
      text = undefined;
    }
    if (text !== undefined) {
      fs.rmSync(out, { force: true });
      const answer = JSON.parse(text) as { ok: boolean; value?: T; error?: string };
      if (!answer.ok) throw new Error(`probe ${kind} failed in the shim: ${answer.error ?? '?'}`);
      return answer.value as T;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `probe ${kind}: no answer in ${timeoutMs} ms` +
          (process.env.IOLOCK_PROBE_DIR ? '' : ' (IOLOCK_PROBE_DIR unset: not running under the code shim?)'),
      );
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Saves a screenshot of the whole workbench as test-results/screenshots/NAME.png; returns its path. */
export async function screenshot(name: string): Promise<string> {
  const r = await probe<{ file: string }>('screenshot', { name });
  return r.file;
}

/** The part of the DOM a webview query usually needs, typed here because the project compiles without the
 * DOM library (the code runs in the extension host; only the function given to webviewQuery runs in a page). */
export interface WebviewElement {
  readonly tagName: string;
  readonly id: string;
  readonly className: string;
  readonly textContent: string | null;
  readonly innerHTML: string;
  readonly dataset: Record<string, string | undefined>;
  readonly childElementCount: number;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { x: number; y: number; width: number; height: number };
  querySelector(selector: string): WebviewElement | null;
  querySelectorAll(selector: string): ArrayLike<WebviewElement>;
}
export interface WebviewDocument {
  readonly title: string;
  readonly body: WebviewElement;
  readonly documentElement: WebviewElement;
  getElementById(id: string): WebviewElement | null;
  querySelector(selector: string): WebviewElement | null;
  querySelectorAll(selector: string): ArrayLike<WebviewElement>;
}

/** Runs `fn(arg, document, window)` in the webview's document (the inner frame holding the extension's HTML)
 * and returns its JSON result. `fn` is sent as source text: it sees its parameters and the webview's globals,
 * not the test's closure. */
export function webviewQuery<T extends Json, A extends Json = null>(
  fn: (arg: A, document: WebviewDocument, window: Record<string, unknown>) => T | Promise<T>,
  arg?: A,
  target: WebviewTarget = {},
): Promise<T> {
  return probe<T>('webviewEval', { ...target, body: `return (${fn.toString()})(arg, document, window);`, arg: arg ?? null });
}

/** Waits until `selector` is in the webview's document. */
export async function webviewWaitFor(selector: string, target: WebviewTarget & { state?: 'attached' | 'visible' } = {}): Promise<void> {
  await probe('webviewWaitFor', { ...target, selector });
}

/** Clicks in the webview with a real mouse event: on `selector` (its centre, or `position` inside it), or at
 * `x`,`y` in the webview's own viewport coordinates. */
export async function webviewClick(
  at: { selector: string; position?: { x: number; y: number } } | { x: number; y: number },
  target: WebviewTarget & { button?: 'left' | 'right' | 'middle' } = {},
): Promise<void> {
  await probe('webviewClick', { ...target, ...at });
}

/** Moves the mouse to `x`,`y` in the webview's viewport (for hover tooltips). */
export async function webviewHover(x: number, y: number, target: WebviewTarget = {}): Promise<void> {
  await probe('webviewHover', { ...target, x, y });
}

/** Every frame of the page (name, URL, parent URL): for finding the `match` of a webview when a test breaks. */
export function frames(): Promise<{ name: string; url: string; parent: string | null }[]> {
  return probe('frames');
}

/** Runs `fn(arg)` in the workbench page itself (the DOM of the sidebar, the status bar, the quick input) and
 * returns its JSON result. Like webviewQuery, `fn` travels as source text and sees only its argument and the
 * page's globals; `document` is the workbench's. */
export function pageQuery<T extends Json, A extends Json = null>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T> {
  return probe<T>('pageEval', { body: `return (${fn.toString()})(arg);`, arg: arg ?? null });
}

/** Presses a key (Playwright's names: 'Escape', 'Enter', 'Control+A') in the workbench page. */
export async function pressKey(key: string): Promise<void> {
  await probe('keyboard', { key });
}
