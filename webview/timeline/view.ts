import { detailLines } from '../../src/core/timeline/detail';
import {
  clampViewport,
  DEFAULT_METRICS,
  contentHeight,
  fitViewport,
  focusRange,
  layoutTimeline,
  panBy,
  prepareLayout,
  zoomAt,
  type ItemRect,
  type TimelineLayout,
  type Viewport,
} from '../../src/core/timeline/layout';
import { columnsOf, registerColumns } from '../../src/core/timeline/columns';
import { hasItems } from '../../src/core/timeline/pack';
import type { TimelineData, TimelineItem } from '../../src/core/timeline/types';
import { paint } from './draw';
import type { TimelineHost } from './host';
import { onThemeChange, readTheme, type Theme } from './theme';

export interface ViewOptions {
  /** Size the canvas to its lanes (up to most of the window) instead of filling the parent: the HTML report. */
  autoHeight?: boolean;
  /** The legend, a key help line and zoom buttons above the canvas (default); the VS Code panel has its own bar. */
  toolbar?: 'full' | 'legend';
}

export interface SetDataOptions {
  /** Keep the zoom and pan (the same run, further on) instead of fitting the run. */
  keepView?: boolean;
  /** The step a debug session is at: a line is drawn there. */
  now?: number;
}

/** Names of the User Timing entries the view leaves for benchmarks. */
export const FIRST_PAINT_MARK = 'iolock-timeline-first-paint';
export const FRAME_MEASURE = 'iolock-timeline-frame';

const ZOOM_STEP = 1.25;

/**
 * The timeline on a canvas: lanes grouped by node, spans, marks and the deadlock cycle, drawn in one pass per
 * animation frame from layoutTimeline(); zoom with the wheel or +/-, pan by dragging or with the arrow keys,
 * Home/End to the start/end of the run, 0 to fit, hover for details, click to send a 'reveal' to the host. For
 * screen readers the canvas has a label and a text summary (the run, what is in view, the item under the
 * pointer); for tests it carries data-items-drawn (items in the last frame) and data-step-range.
 */
export class TimelineView {
  private readonly wrap: HTMLDivElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private readonly tip: HTMLDivElement;
  private readonly summary: HTMLDivElement;
  private readonly live: HTMLDivElement;
  /** The data as given, and as drawn (without the lanes the filter hides). */
  private full: TimelineData | undefined;
  private data: TimelineData | undefined;
  private filter = '';
  private now: number | undefined;
  private vp: Viewport | undefined;
  private layout: TimelineLayout | undefined;
  private theme: Theme;
  private hover: number | undefined;
  private hoverCount: number | undefined;
  private frameRequested = false;
  private painted = false;
  private frames = 0;
  private drag: { x: number; y: number; vp: Viewport; moved: boolean; id: number } | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly root: HTMLElement,
    private readonly host: TimelineHost,
    private readonly opts: ViewOptions = {},
  ) {
    root.classList.add('tl-root');
    root.replaceChildren();
    root.append(this.toolbar(opts.toolbar ?? 'full'));
    this.wrap = el('div', 'tl-wrap');
    this.canvas = el('canvas', 'tl-canvas');
    this.canvas.tabIndex = 0;
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute(
      'aria-label',
      'timeline of the run: a lane per task, lock hold and wait spans, system calls. Plus and minus zoom, arrows pan, Home and End go to the start and end, 0 fits, Enter shows the item under the pointer',
    );
    this.summary = el('div', 'tl-sr-only');
    this.summary.id = `${root.id || 'tl'}-summary`;
    this.canvas.setAttribute('aria-describedby', this.summary.id);
    this.live = el('div', 'tl-sr-only');
    this.live.setAttribute('aria-live', 'polite');
    this.tip = el('div', 'tl-tooltip');
    this.tip.hidden = true;
    this.wrap.append(this.canvas, this.tip);
    root.append(this.wrap, this.summary, this.live);
    const ctx = this.canvas.getContext('2d', { alpha: false });
    if (!ctx) throw new Error('no 2d canvas context');
    this.ctx = ctx;
    this.theme = readTheme();
    onThemeChange(() => {
      this.theme = readTheme();
      this.invalidate();
    });
    new ResizeObserver(() => this.resized()).observe(this.wrap);
    this.listen();
  }

  setData(data: TimelineData, opts: SetDataOptions = {}): void {
    this.full = data;
    this.now = opts.now;
    this.data = this.filtered(data);
    this.hover = undefined;
    this.tip.hidden = true;
    this.wrap.querySelector('.tl-error')?.remove();
    if (this.opts.autoHeight) {
      const want = contentHeight(this.data) + 2;
      this.wrap.style.height = `${Math.round(Math.max(80, Math.min(want, Math.max(240, window.innerHeight * 0.75))))}px`;
    }
    const { width, height } = this.size();
    const saved = this.vp === undefined ? this.host.loadState() : undefined;
    if (saved) this.vp = clampViewport(this.data, { width, height, ...saved });
    else if (opts.keepView && this.vp) this.vp = clampViewport(this.data, { ...this.vp, width, height });
    else this.vp = fitViewport(this.data, width, height);
    this.describe();
    // the first frame is drawn now, not on the next animation frame: that is the first paint
    this.render();
    this.prepare();
  }

  /** Indexes the rows in idle time after a frame, so that the first frame zoomed in does not have to. */
  prepare(): void {
    const d = this.data;
    if (d) setTimeout(() => prepareLayout(d));
  }

  /** Keeps only the lanes whose label or task contains the text (case-insensitive); empty shows all. */
  setFilter(text: string): void {
    this.filter = text.trim().toLowerCase();
    if (!this.full || !this.vp) return;
    this.data = this.filtered(this.full);
    this.hover = undefined;
    this.tip.hidden = true;
    this.vp = clampViewport(this.data, this.vp);
    this.describe();
    this.invalidate();
    this.prepare();
  }

  private filtered(data: TimelineData): TimelineData {
    const f = this.filter;
    if (!f) return data;
    const keep = (li: number) => {
      const l = data.lanes[li];
      return l !== undefined && (l.label.toLowerCase().includes(f) || l.task.toLowerCase().includes(f));
    };
    const nodes = data.nodes.map((n) => ({ ...n, lanes: n.lanes.filter(keep) })).filter((n) => n.lanes.length > 0);
    // the same items and columns: only the lanes laid out change
    const d: TimelineData = { ...data, nodes };
    registerColumns(d, columnsOf(data));
    return d;
  }

  /** Brings the `now` line into view if it is not, keeping the zoom. */
  showNow(): void {
    if (!this.data || !this.vp || this.now === undefined) return;
    const left = DEFAULT_METRICS.labelWidth;
    const x = left + (this.now - this.vp.startStep) * this.vp.pxPerStep;
    if (x >= left + 20 && x <= this.vp.width - 20) return;
    const plot = this.vp.width - left;
    this.setViewport(clampViewport(this.data, { ...this.vp, startStep: this.now - (plot * 0.75) / this.vp.pxPerStep }));
  }

  /** Says what went wrong (or, as a note, why there is nothing to draw) where the timeline would be. */
  showError(message: string, note = false): void {
    this.full = this.data = this.vp = undefined;
    this.wrap.querySelector('.tl-error')?.remove();
    const p = el('div', note ? 'tl-error tl-note' : 'tl-error');
    p.textContent = message;
    this.wrap.append(p);
    this.ctx.fillStyle = this.theme.bg;
    this.ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
    this.summary.textContent = message;
    this.canvas.dataset.itemsDrawn = '0';
    this.canvas.dataset.stepRange = '';
  }

  /** Steps start and end of the run, and the zoom: Home and End keep the zoom. */
  home(): void {
    if (!this.data || !this.vp) return;
    this.setViewport(clampViewport(this.data, { ...this.vp, startStep: this.data.startStep - 8 / this.vp.pxPerStep }));
  }

  end(): void {
    if (!this.data || !this.vp) return;
    const plot = this.vp.width - DEFAULT_METRICS.labelWidth;
    this.setViewport(clampViewport(this.data, { ...this.vp, startStep: this.data.endStep - (plot - 64) / this.vp.pxPerStep }));
  }

  /** Brings steps start..end into view. */
  focus(start: number, end: number): void {
    if (!this.data || !this.vp) return;
    this.setViewport(focusRange(this.data, this.vp, start, end));
  }

  fit(): void {
    if (!this.data || !this.vp) return;
    this.setViewport(fitViewport(this.data, this.vp.width, this.vp.height));
  }

  zoom(factor: number, x?: number): void {
    if (!this.data || !this.vp) return;
    this.setViewport(zoomAt(this.data, this.vp, factor, x ?? (this.vp.width + DEFAULT_METRICS.labelWidth) / 2));
  }

  pan(dx: number, dy: number): void {
    if (!this.data || !this.vp) return;
    this.setViewport(panBy(this.data, this.vp, dx, dy));
  }

  private setViewport(vp: Viewport): void {
    this.vp = vp;
    this.invalidate();
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.host.saveState({ startStep: vp.startStep, pxPerStep: vp.pxPerStep, scrollY: vp.scrollY });
      this.describe();
    }, 200);
  }

  /** Schedules a redraw on the next animation frame (once, however often it is called). */
  invalidate(): void {
    if (this.frameRequested) return;
    this.frameRequested = true;
    requestAnimationFrame(() => {
      this.frameRequested = false;
      this.render();
    });
  }

  private size(): { width: number; height: number } {
    return { width: Math.max(1, this.wrap.clientWidth), height: Math.max(1, this.wrap.clientHeight) };
  }

  private resized(): void {
    if (!this.data || !this.vp) return;
    const { width, height } = this.size();
    if (width === this.vp.width && height === this.vp.height) return;
    // keep the zoom when the width changes a little; refit when the view was showing everything
    const wasFit = this.vp.pxPerStep <= fitViewport(this.data, this.vp.width, this.vp.height).pxPerStep * 1.001;
    this.vp = wasFit ? fitViewport(this.data, width, height) : clampViewport(this.data, { ...this.vp, width, height });
    this.render();
  }

  private render(): void {
    const data = this.data;
    const vp = this.vp;
    if (!data || !vp) return;
    const t0 = performance.now();
    const dpr = window.devicePixelRatio || 1;
    const w = Math.round(vp.width * dpr);
    const h = Math.round(vp.height * dpr);
    if (this.canvas.width !== w || this.canvas.height !== h) {
      this.canvas.width = w;
      this.canvas.height = h;
    }
    const L = (this.layout = layoutTimeline(data, vp));
    paint(this.ctx, data, L, this.theme, dpr, { hover: this.hover, now: this.now, labels: this.full !== undefined && hasItems(this.full) });
    const t1 = performance.now();
    let items = L.marks.length;
    for (const r of L.rects) items += r.count;
    this.canvas.dataset.itemsDrawn = String(items);
    this.canvas.dataset.stepRange = `${Math.max(data.startStep, Math.floor(L.firstStep))}-${Math.min(data.endStep, Math.ceil(L.lastStep))}`;
    if (!this.painted) {
      this.painted = true;
      performance.mark(FIRST_PAINT_MARK);
    }
    // one User Timing entry per frame, for benchmarks; cleared now and then so a long session does not pile them up
    if (++this.frames % 1000 === 0) performance.clearMeasures(FRAME_MEASURE);
    performance.measure(FRAME_MEASURE, { start: t0, end: t1 });
  }

  private toolbar(kind: 'full' | 'legend'): HTMLElement {
    const bar = el('div', 'tl-toolbar');
    const legend = (cls: string, text: string) => {
      const s = el('span', 'tl-legend');
      s.append(el('span', `tl-sw ${cls}`), text);
      return s;
    };
    bar.append(
      legend('tl-sw-read', 'read hold'),
      legend('tl-sw-write', 'write hold'),
      legend('tl-sw-wait', 'wait'),
      legend('tl-sw-syscall', 'system call'),
      legend('tl-sw-oops', 'oops / deadlock'),
      legend('tl-sw-cycle', 'deadlock cycle'),
    );
    if (kind === 'legend') return bar;
    const button = (text: string, title: string, f: () => void) => {
      const b = el('button', '');
      b.type = 'button';
      b.textContent = text;
      b.title = title;
      b.addEventListener('click', f);
      return b;
    };
    const help = el('span', 'tl-help');
    help.textContent = 'wheel/+/−: zoom · drag/arrows: pan · Home/End · 0: fit · click: reveal';
    bar.append(help, button('−', 'zoom out (-)', () => this.zoom(1 / ZOOM_STEP)), button('+', 'zoom in (+)', () => this.zoom(ZOOM_STEP)), button('fit', 'show the whole run (0)', () => this.fit()));
    return bar;
  }

  /** The text a screen reader gets for the canvas: the run, the lanes, the steps in view. */
  private describe(): void {
    const d = this.data;
    const vp = this.vp;
    if (!d || !vp) return;
    const lanes = d.nodes.flatMap((n) => n.lanes.map((li) => d.lanes[li]).filter((l) => l !== undefined).map((l) => `${n.label}/${l.label}${l.cycle ? ' (deadlocked)' : ''}`));
    const first = Math.max(d.startStep, Math.floor(vp.startStep));
    const last = Math.min(d.endStep, Math.ceil(vp.startStep + (vp.width - DEFAULT_METRICS.labelWidth) / vp.pxPerStep));
    this.summary.textContent =
      `${d.scenario}${d.policy ? ` with ${d.policy}` : ''}: ${d.verdict}. Steps ${d.startStep} to ${d.endStep}` +
      `${this.now !== undefined ? `, the debugger is at step ${this.now}` : ''}; ${d.items.length} items in ${lanes.length} lanes: ${lanes.join(', ')}. ` +
      `In view: steps ${first} to ${last}.${d.cycle ? ` Deadlock: ${d.cycle.message.split('\n')[0] ?? ''}` : ''}`;
  }

  private listen(): void {
    const c = this.canvas;
    const pos = (e: MouseEvent) => {
      const r = c.getBoundingClientRect();
      return { x: e.clientX - r.left, y: e.clientY - r.top };
    };
    c.addEventListener(
      'wheel',
      (e) => {
        if (!this.vp) return;
        e.preventDefault();
        const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? this.vp.height : 1;
        const dx = e.deltaX * unit;
        const dy = e.deltaY * unit;
        if (e.shiftKey) this.pan(-(dy || dx), 0);
        else if (Math.abs(dx) > Math.abs(dy)) this.pan(-dx, 0);
        else this.zoom(Math.exp(-dy * 0.0015), pos(e).x);
      },
      { passive: false },
    );
    c.addEventListener('pointerdown', (e) => {
      if (!this.vp || e.button !== 0) return;
      c.focus();
      c.setPointerCapture(e.pointerId);
      const p = pos(e);
      this.drag = { ...p, vp: this.vp, moved: false, id: e.pointerId };
    });
    c.addEventListener('pointermove', (e) => {
      const p = pos(e);
      const d = this.drag;
      if (d && this.data) {
        if (!d.moved && Math.hypot(p.x - d.x, p.y - d.y) > 3) {
          d.moved = true;
          c.classList.add('tl-dragging');
          this.setHover(undefined, p);
        }
        if (d.moved) this.setViewport(panBy(this.data, d.vp, p.x - d.x, d.y - p.y));
        return;
      }
      this.setHover(this.layout?.rectAt(p.x, p.y), p);
    });
    const end = (e: PointerEvent, click: boolean) => {
      const d = this.drag;
      if (!d || d.id !== e.pointerId) return;
      this.drag = undefined;
      c.classList.remove('tl-dragging');
      if (click && !d.moved) {
        const p = pos(e);
        const i = this.layout?.itemAt(p.x, p.y);
        if (i !== undefined) this.reveal(i);
      }
    };
    c.addEventListener('pointerup', (e) => end(e, true));
    c.addEventListener('pointercancel', (e) => end(e, false));
    c.addEventListener('pointerleave', () => {
      if (!this.drag) this.setHover(undefined, undefined);
    });
    c.addEventListener('keydown', (e) => {
      if (!this.vp) return;
      const plot = this.vp.width - DEFAULT_METRICS.labelWidth;
      const k = e.key;
      if (k === '+' || k === '=') this.zoom(ZOOM_STEP);
      else if (k === '-' || k === '_') this.zoom(1 / ZOOM_STEP);
      else if (k === 'ArrowLeft') this.pan(plot * 0.15, 0);
      else if (k === 'ArrowRight') this.pan(-plot * 0.15, 0);
      else if (k === 'ArrowUp') this.pan(0, -40);
      else if (k === 'ArrowDown') this.pan(0, 40);
      else if (k === 'Home') this.home();
      else if (k === 'End') this.end();
      else if (k === '0') this.fit();
      else if (k === 'Enter' && this.hover !== undefined) this.reveal(this.hover);
      else if (k === 'Escape') this.setHover(undefined, undefined);
      else return;
      e.preventDefault();
    });
  }

  private reveal(i: number): void {
    if (!this.full || !hasItems(this.full)) return;
    const it = this.data?.items[i];
    const lane = it && this.data?.lanes[it.lane];
    if (!it || !lane) return;
    const at = it.at === undefined ? undefined : this.data?.locs[it.at];
    this.host.post({ type: 'reveal', step: it.start, task: lane.task, ...(at ? { at } : {}) });
  }

  private setHover(r: ItemRect | undefined, p: { x: number; y: number } | undefined): void {
    const i = this.full && hasItems(this.full) ? r?.item : undefined;
    if (i !== this.hover || r?.count !== this.hoverCount) {
      this.hover = i;
      this.hoverCount = r?.count;
      this.invalidate();
      if (i === undefined || !this.data) this.tip.hidden = true;
      else this.fillTip(this.data, this.data.items[i] as TimelineItem, r?.count ?? 1);
    }
    if (!this.tip.hidden && p) this.placeTip(p);
  }

  private fillTip(data: TimelineData, it: TimelineItem, count: number): void {
    const lines = detailLines(data, it);
    if (count > 1) lines.push(`(one of ${count} items merged at this zoom: zoom in to see them apart)`);
    this.tip.replaceChildren(
      ...lines.map((l, k) => {
        const d = el('div', k === 0 ? 'tl-tip-title' : l.startsWith('deadlock cycle') ? 'tl-tip-cycle' : '');
        d.textContent = l;
        return d;
      }),
    );
    this.tip.hidden = false;
    this.live.textContent = lines.join('. ');
  }

  private placeTip(p: { x: number; y: number }): void {
    const W = this.wrap.clientWidth;
    const H = this.wrap.clientHeight;
    const tw = this.tip.offsetWidth;
    const th = this.tip.offsetHeight;
    let x = p.x + 14;
    let y = p.y + 16;
    if (x + tw > W - 4) x = Math.max(4, p.x - tw - 10);
    if (y + th > H - 4 && p.y - th - 10 >= 0) y = p.y - th - 10;
    this.tip.style.left = `${x}px`;
    this.tip.style.top = `${y}px`;
  }
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  return e;
}
