/** The colours the canvas draws with, read from the page's CSS variables (see src/core/timeline/style.ts). */
export interface Theme {
  bg: string;
  fg: string;
  muted: string;
  border: string;
  header: string;
  read: string;
  write: string;
  syscall: string;
  error: string;
  cycle: string;
  deadlock: string;
  focus: string;
  contrast: string;
  font: string;
  uiFont: string;
  /** A high-contrast theme: outline every span. */
  highContrast: boolean;
}

const FALLBACK: Omit<Theme, 'highContrast'> = {
  bg: '#1e1e1e',
  fg: '#d4d4d4',
  muted: '#9d9d9d',
  border: '#3c3c3c',
  header: '#2a2d2e',
  read: '#3794ff',
  write: '#d18616',
  syscall: '#89d185',
  error: '#f14c4c',
  cycle: '#f14c4c',
  deadlock: '#b180d7',
  focus: '#007fd4',
  contrast: 'transparent',
  font: 'monospace',
  uiFont: 'sans-serif',
};

export function readTheme(el: Element = document.documentElement): Theme {
  const cs = getComputedStyle(el);
  const get = (name: string, dflt: string): string => cs.getPropertyValue(name).trim() || dflt;
  const t: Theme = {
    bg: get('--tl-bg', FALLBACK.bg),
    fg: get('--tl-fg', FALLBACK.fg),
    muted: get('--tl-muted', FALLBACK.muted),
    border: get('--tl-border', FALLBACK.border),
    header: get('--tl-header', FALLBACK.header),
    read: get('--tl-read', FALLBACK.read),
    write: get('--tl-write', FALLBACK.write),
    syscall: get('--tl-syscall', FALLBACK.syscall),
    error: get('--tl-error', FALLBACK.error),
    cycle: get('--tl-cycle', FALLBACK.cycle),
    deadlock: get('--tl-deadlock', FALLBACK.deadlock),
    focus: get('--tl-focus', FALLBACK.focus),
    contrast: get('--tl-contrast', FALLBACK.contrast),
    font: get('--tl-font', FALLBACK.font),
    uiFont: get('--tl-ui-font', FALLBACK.uiFont),
    highContrast: false,
  };
  t.highContrast = document.body?.classList.contains('vscode-high-contrast') === true || (t.contrast !== 'transparent' && t.contrast !== '');
  return t;
}

/** Calls back when the theme may have changed: VS Code swaps body classes, a browser its colour scheme. */
export function onThemeChange(cb: () => void): void {
  new MutationObserver(cb).observe(document.body, { attributes: true, attributeFilter: ['class', 'style'] });
  new MutationObserver(cb).observe(document.documentElement, { attributes: true, attributeFilter: ['class', 'style'] });
  window.matchMedia?.('(prefers-color-scheme: light)').addEventListener?.('change', cb);
}
