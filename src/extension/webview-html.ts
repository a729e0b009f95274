import { randomBytes } from 'node:crypto';
import { TIMELINE_CSS } from '../core/timeline/style';

/**
 * The HTML of the timeline webview (no `vscode` import: unit-tested). A strict CSP: nothing but the panel's own
 * script (by nonce, loaded from the extension's dist/webview/ through a webview URI) and its own style element
 * (by nonce) plus the webview's resource origin; no inline handlers or style attributes (the script sets
 * styles through the CSSOM, which the CSP allows). A fresh nonce each time the HTML is set. The UI toolkit's
 * components (FAST) style themselves through constructable stylesheets, which the CSP does not restrict, and
 * the one <style> element they make (a feature test) takes its nonce from <meta property="csp-nonce">.
 */

export interface PanelHtmlOptions {
  /** webview.cspSource: the origin of the extension's resources inside the webview. */
  cspSource: string;
  /** webview.asWebviewUri(dist/webview/panel.js). */
  scriptUri: string;
  nonce: string;
}

/** 16 random bytes, base64: a CSP nonce-source. */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

export function panelCsp(cspSource: string, nonce: string): string {
  return [
    `default-src 'none'`,
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
    `base-uri 'none'`,
    `form-action 'none'`,
  ].join('; ');
}

const attr = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** The panel fills the editor area: the bar of controls, then the timeline taking the rest. */
const PANEL_CSS = `
html, body { height: 100%; margin: 0; padding: 0; overflow: hidden; background: var(--tl-bg); color: var(--tl-fg); }
body { display: flex; flex-direction: column; padding: 6px 10px 8px; box-sizing: border-box; }
.tl-panel-bar { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 8px; padding-bottom: 2px; }
.tl-panel-title { font-weight: 600; margin-right: auto; font-family: var(--tl-ui-font); font-size: 13px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; min-width: 8em; }
#iolock-timeline { flex: 1 1 auto; min-height: 0; }
#iolock-timeline .tl-wrap { min-height: 120px; }
`;

export function panelHtml(o: PanelHtmlOptions): string {
  const nonce = attr(o.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${attr(panelCsp(o.cspSource, o.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="csp-nonce" content="${nonce}">
<title>iolock: Timeline</title>
<style nonce="${nonce}">${TIMELINE_CSS}${PANEL_CSS}</style>
</head>
<body>
<script nonce="${nonce}" src="${attr(o.scriptUri)}"></script>
</body>
</html>
`;
}
