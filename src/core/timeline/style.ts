/**
 * The timeline's stylesheet. The host page puts it in its own <style> element (under the page's CSP nonce):
 * the HTML report does, and so will the VS Code webview. Colours are CSS variables: VS Code's theme variables
 * when the page is a webview (they win), else the fallbacks here, dark or light after the system's preference.
 * The canvas reads the --tl-* values back (computed, so the var() chains are resolved).
 */
export const TIMELINE_CSS = `
:root {
  --tl-bg: var(--vscode-editor-background, #1e1e1e);
  --tl-fg: var(--vscode-editor-foreground, #d4d4d4);
  --tl-muted: var(--vscode-descriptionForeground, #9d9d9d);
  --tl-border: var(--vscode-panel-border, #3c3c3c);
  --tl-header: var(--vscode-sideBarSectionHeader-background, #2a2d2e);
  --tl-read: var(--vscode-charts-blue, #3794ff);
  --tl-write: var(--vscode-charts-orange, #d18616);
  --tl-syscall: var(--vscode-charts-green, #89d185);
  --tl-error: var(--vscode-charts-red, #f14c4c);
  --tl-cycle: var(--vscode-charts-red, #f14c4c);
  --tl-deadlock: var(--vscode-charts-purple, #b180d7);
  --tl-focus: var(--vscode-focusBorder, #007fd4);
  --tl-contrast: var(--vscode-contrastBorder, transparent);
  --tl-hover-bg: var(--vscode-editorHoverWidget-background, #252526);
  --tl-hover-fg: var(--vscode-editorHoverWidget-foreground, #d4d4d4);
  --tl-hover-border: var(--vscode-editorHoverWidget-border, #454545);
  --tl-font: var(--vscode-editor-font-family, ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace);
  --tl-ui-font: var(--vscode-font-family, system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif);
}
@media (prefers-color-scheme: light) {
  :root {
    --tl-bg: var(--vscode-editor-background, #ffffff);
    --tl-fg: var(--vscode-editor-foreground, #1f1f1f);
    --tl-muted: var(--vscode-descriptionForeground, #616161);
    --tl-border: var(--vscode-panel-border, #d4d4d4);
    --tl-header: var(--vscode-sideBarSectionHeader-background, #eeeeee);
    --tl-read: var(--vscode-charts-blue, #1a85ff);
    --tl-write: var(--vscode-charts-orange, #c27400);
    --tl-syscall: var(--vscode-charts-green, #388a34);
    --tl-error: var(--vscode-charts-red, #e51400);
    --tl-cycle: var(--vscode-charts-red, #e51400);
    --tl-deadlock: var(--vscode-charts-purple, #652d90);
    --tl-hover-bg: var(--vscode-editorHoverWidget-background, #f3f3f3);
    --tl-hover-fg: var(--vscode-editorHoverWidget-foreground, #1f1f1f);
    --tl-hover-border: var(--vscode-editorHoverWidget-border, #c8c8c8);
  }
}
.tl-root { display: flex; flex-direction: column; min-height: 0; color: var(--tl-fg); font-family: var(--tl-ui-font); font-size: 12px; }
.tl-toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 14px; padding: 4px 0 6px; color: var(--tl-muted); }
.tl-toolbar button { font: inherit; color: var(--vscode-button-secondaryForeground, var(--tl-fg)); background: var(--vscode-button-secondaryBackground, transparent);
  border: 1px solid var(--vscode-button-border, var(--tl-border)); border-radius: 2px; padding: 1px 7px; cursor: pointer; }
.tl-toolbar button:hover { background: var(--vscode-button-secondaryHoverBackground, var(--tl-header)); }
.tl-legend { display: inline-flex; align-items: center; gap: 5px; }
.tl-sw { display: inline-block; width: 18px; height: 9px; border-radius: 1px; }
.tl-sw-read { background: var(--tl-read); }
.tl-sw-write { background: var(--tl-write); }
.tl-sw-wait { background: repeating-linear-gradient(135deg, var(--tl-write) 0 2px, transparent 2px 5px); outline: 1px solid var(--tl-write); outline-offset: -1px; }
.tl-sw-syscall { background: var(--tl-syscall); height: 4px; }
.tl-sw-oops { background: var(--tl-error); width: 3px; height: 12px; }
.tl-sw-cycle { outline: 2px solid var(--tl-cycle); outline-offset: -2px; }
.tl-help { margin-left: auto; }
.tl-wrap { position: relative; flex: 1 1 auto; min-height: 60px; border: 1px solid var(--tl-border); background: var(--tl-bg); }
.tl-canvas { position: absolute; inset: 0; width: 100%; height: 100%; display: block; outline: none; cursor: default; touch-action: none; }
.tl-canvas:focus-visible { outline: 1px solid var(--tl-focus); outline-offset: -1px; }
.tl-canvas.tl-dragging { cursor: grabbing; }
.tl-tooltip { position: absolute; z-index: 2; pointer-events: none; max-width: 560px; padding: 4px 8px; white-space: pre-wrap;
  font-family: var(--tl-font); font-size: 11px; line-height: 1.45; color: var(--tl-hover-fg); background: var(--tl-hover-bg);
  border: 1px solid var(--tl-hover-border); border-radius: 3px; box-shadow: 0 2px 8px rgba(0, 0, 0, 0.35); }
.tl-tooltip[hidden] { display: none; }
.tl-error { position: absolute; inset: 0; padding: 8px; color: var(--tl-error); background: var(--tl-bg); }
.tl-error.tl-note { color: var(--tl-muted); }
.tl-sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.tl-tooltip .tl-tip-title { font-weight: bold; }
.tl-tooltip .tl-tip-cycle { color: var(--tl-cycle); }
`;
