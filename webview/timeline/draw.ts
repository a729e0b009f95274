import type { ItemRect, Look, TimelineLayout } from '../../src/core/timeline/layout';
import type { TimelineData, TimelineItem } from '../../src/core/timeline/types';
import type { Theme } from './theme';

/** Hatch patterns for waits, one per colour, made once per theme. */
const patterns = new Map<string, CanvasPattern | null>();

function hatch(ctx: CanvasRenderingContext2D, colour: string, dpr: number): CanvasPattern | string {
  const key = `${colour}@${dpr}`;
  let p = patterns.get(key);
  if (p === undefined) {
    const size = Math.round(6 * dpr);
    const c = document.createElement('canvas');
    c.width = c.height = size;
    const g = c.getContext('2d');
    if (g) {
      g.strokeStyle = colour;
      g.lineWidth = Math.max(1, 1.4 * dpr);
      g.beginPath();
      // diagonal lines that tile seamlessly
      g.moveTo(0, size);
      g.lineTo(size, 0);
      g.moveTo(-size / 2, size / 2);
      g.lineTo(size / 2, -size / 2);
      g.moveTo(size / 2, size + size / 2);
      g.lineTo(size + size / 2, size / 2);
      g.stroke();
    }
    p = ctx.createPattern(c, 'repeat');
    // the pattern is in device pixels; the context draws in CSS pixels
    p?.setTransform(new DOMMatrix().scale(1 / dpr));
    patterns.set(key, p);
  }
  return p ?? colour;
}

/** What the label inside a wide enough span says. */
function labelOf(data: TimelineData, it: TimelineItem): string {
  const lock = it.lock === undefined ? undefined : data.locks[it.lock];
  switch (it.kind) {
    case 'syscall':
      return `${it.text ?? ''} ${it.result ?? ''}`;
    case 'wait':
      return `wait ${lock?.name ?? ''}`;
    default:
      return `${lock?.name ?? ''}${it.mode === 'read' ? ' (r)' : ''}`;
  }
}

export interface PaintState {
  /** The item under the pointer, outlined. */
  hover: number | undefined;
  /** The step a debug session is at, drawn as a line. */
  now?: number | undefined;
  /** Whether the items can be read for labels (not in the report's first frame, drawn before they are parsed). */
  labels: boolean;
}

/** Draws one frame. Everything is in CSS pixels; the context is scaled by dpr. */
export function paint(ctx: CanvasRenderingContext2D, data: TimelineData, L: TimelineLayout, theme: Theme, dpr: number, state: PaintState): void {
  const { width, height } = L.viewport;
  const m = L.metrics;
  const plotLeft = L.plotLeft;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = theme.bg;
  ctx.fillRect(0, 0, width, height);
  ctx.textBaseline = 'middle';

  // --- lane backgrounds and separators
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, m.axisHeight, width, height - m.axisHeight);
  ctx.clip();
  L.lanes.forEach((lb, i) => laneBand(ctx, theme, !!data.lanes[lb.lane]?.cycle, i, lb, width));
  ctx.fillStyle = theme.border;
  for (const lb of L.lanes) ctx.fillRect(0, Math.round(lb.y + lb.h) - 1, width, 1);
  for (const g of L.groups) {
    ctx.fillStyle = theme.header;
    ctx.fillRect(0, g.y, width, m.groupHeight);
    ctx.fillStyle = theme.border;
    ctx.fillRect(0, g.y + m.groupHeight - 1, width, 1);
  }

  // --- the plot: grid, start and end of the run, spans, marks
  ctx.beginPath();
  ctx.rect(plotLeft, m.axisHeight, width - plotLeft, height - m.axisHeight);
  ctx.clip();
  ctx.fillStyle = theme.fg;
  ctx.globalAlpha = 0.08;
  for (const t of L.ticks) ctx.fillRect(Math.round(t.x), m.axisHeight, 1, height - m.axisHeight);
  ctx.globalAlpha = 1;
  for (const s of [data.startStep, data.endStep]) {
    const x = Math.round(L.stepToX(s)) + 0.5;
    ctx.strokeStyle = theme.muted;
    ctx.setLineDash([3, 3]);
    ctx.beginPath();
    ctx.moveTo(x, m.axisHeight);
    ctx.lineTo(x, height);
    ctx.stroke();
    ctx.setLineDash([]);
  }

  // spans, batched by look: one path per colour; a syscall is a thin bar at the bottom of its band, its label above
  const buckets = new Map<Look, ItemRect[]>();
  for (const r of L.rects) {
    let a = buckets.get(r.look);
    if (!a) buckets.set(r.look, (a = []));
    a.push(r);
  }
  const SYS_BAR = 4;
  const fillAll = (rs: ItemRect[] | undefined, style: string | CanvasPattern, alpha = 1, bar = false): void => {
    if (!rs?.length) return;
    ctx.globalAlpha = alpha;
    ctx.fillStyle = style;
    ctx.beginPath();
    if (bar) for (const r of rs) ctx.rect(r.x, r.y + r.h - SYS_BAR, r.w, SYS_BAR);
    else for (const r of rs) ctx.rect(r.x, r.y, r.w, r.h);
    ctx.fill();
    ctx.globalAlpha = 1;
  };
  fillAll(buckets.get('sys-ok'), theme.syscall, 0.9, true);
  fillAll(buckets.get('sys-err'), theme.error, 1, true);
  fillAll(buckets.get('sys-open'), theme.error, 0.6, true);
  fillAll(buckets.get('hold-read'), theme.read, 0.9);
  fillAll(buckets.get('hold-write'), theme.write, 0.9);
  for (const [b, colour] of [['wait-read', theme.read], ['wait-write', theme.write]] as const) {
    fillAll(buckets.get(b), colour, 0.14);
    fillAll(buckets.get(b), hatch(ctx, colour, dpr), 0.9);
  }
  if (theme.highContrast) {
    ctx.strokeStyle = theme.contrast !== 'transparent' ? theme.contrast : theme.fg;
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (const r of L.rects) if (r.w >= 3 && !r.look.startsWith('sys')) ctx.rect(r.x + 0.5, r.y + 0.5, r.w - 1, r.h - 1);
    ctx.stroke();
  }

  // labels inside spans wide enough for a few characters; syscall labels above their bars
  ctx.font = `10px ${theme.font}`;
  const charW = ctx.measureText('0000000000').width / 10 || 6;
  for (const r of state.labels ? L.rects : []) {
    if (r.w < charW * 4 + 6 || r.count > 1) continue;
    const it = data.items[r.item] as TimelineItem;
    const sys = it.kind === 'syscall';
    const x0 = Math.max(r.x, plotLeft) + (sys ? 1 : 3);
    const room = Math.min(r.x + r.w, width) - x0 - 2;
    const n = Math.floor(room / charW);
    if (n < 3) continue;
    let text = labelOf(data, it);
    // a system call's label is worth showing only with its function name whole
    if (sys && n < text.indexOf('(') + 2) continue;
    if (text.length > n) text = text.slice(0, n - 1) + '…';
    const cy = sys ? r.y + (r.h - SYS_BAR) / 2 : r.y + r.h / 2 + 0.5;
    if (it.kind === 'wait') {
      ctx.fillStyle = theme.bg;
      ctx.globalAlpha = 0.8;
      ctx.fillRect(x0 - 2, r.y + 1, text.length * charW + 4, r.h - 2);
      ctx.globalAlpha = 1;
    }
    ctx.fillStyle = sys ? (r.look === 'sys-ok' ? theme.muted : theme.error) : it.kind === 'wait' ? theme.fg : theme.bg;
    ctx.fillText(text, x0, cy);
  }

  // the deadlock cycle: outlined spans, and waits-for arrows at the end of the run
  ctx.strokeStyle = theme.cycle;
  ctx.lineWidth = 2;
  for (const r of L.rects) {
    if (!r.cycle) continue;
    ctx.strokeRect(r.x + 1, r.y, Math.max(1, r.w - 2), r.h);
  }
  if (data.cycle) drawEdges(ctx, data, L, theme);

  // marks
  for (const r of L.marks) {
    const it = data.items[r.item] as TimelineItem;
    const colour = it.kind === 'oops' ? theme.error : theme.cycle;
    const x = Math.round(r.x) + 0.5;
    ctx.strokeStyle = colour;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(x, r.y + 1);
    ctx.lineTo(x, r.y + r.h - 1);
    ctx.stroke();
    ctx.fillStyle = colour;
    const cy = r.y + m.lanePad + m.syscallHeight / 2;
    ctx.beginPath();
    if (it.kind === 'oops') {
      ctx.moveTo(x, cy - 6);
      ctx.lineTo(x + 6, cy);
      ctx.lineTo(x, cy + 6);
      ctx.lineTo(x - 6, cy);
    } else {
      ctx.arc(x, cy, 5.5, 0, Math.PI * 2);
    }
    ctx.fill();
    ctx.fillStyle = theme.bg;
    ctx.font = `bold 9px ${theme.uiFont}`;
    ctx.textAlign = 'center';
    ctx.fillText(it.kind === 'oops' ? '!' : '×', x, cy + 0.5);
    ctx.textAlign = 'left';
    const label = it.kind === 'oops' ? `oops ${it.at === undefined ? '' : (data.locs[it.at] ?? '')}` : 'deadlock';
    ctx.font = `bold 10px ${theme.font}`;
    const tw = ctx.measureText(label).width;
    const lx = x + 9 + tw > width ? x - 9 - tw : x + 9;
    ctx.fillStyle = theme.bg;
    ctx.globalAlpha = 0.8;
    ctx.fillRect(lx - 2, cy - 6, tw + 4, 12);
    ctx.globalAlpha = 1;
    ctx.fillStyle = colour;
    ctx.fillText(label, lx, cy + 0.5);
  }

  if (state.now !== undefined) {
    const x = Math.round(L.stepToX(state.now)) + 0.5;
    ctx.strokeStyle = theme.focus;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(x, m.axisHeight);
    ctx.lineTo(x, height);
    ctx.stroke();
  }

  // hover
  if (state.hover !== undefined) {
    const r = L.rects.find((x) => x.item === state.hover) ?? L.marks.find((x) => x.item === state.hover);
    if (r) {
      ctx.strokeStyle = theme.focus;
      ctx.lineWidth = 1.5;
      if (r.w === 0) ctx.strokeRect(r.x - 4, r.y + 1, 8, r.h - 2);
      else ctx.strokeRect(r.x - 1, r.y - 1, r.w + 2, r.h + 2);
    }
  }
  ctx.restore();

  // --- label column
  ctx.fillStyle = theme.bg;
  ctx.fillRect(0, m.axisHeight, plotLeft, height - m.axisHeight);
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, m.axisHeight, plotLeft, height - m.axisHeight);
  ctx.clip();
  L.lanes.forEach((lb, i) => {
    const lane = data.lanes[lb.lane];
    if (!lane) return;
    laneBand(ctx, theme, !!lane.cycle, i, lb, plotLeft);
    ctx.fillStyle = theme.border;
    ctx.fillRect(0, Math.round(lb.y + lb.h) - 1, plotLeft, 1);
    const cy = lb.y + m.lanePad + m.syscallHeight + 2 + m.rowHeight / 2;
    ctx.font = lane.kind === 'thread' ? `italic 11px ${theme.uiFont}` : `bold 11px ${theme.uiFont}`;
    ctx.fillStyle = lane.cycle ? theme.cycle : lane.kind === 'thread' ? theme.muted : theme.fg;
    ctx.fillText(fit(ctx, lane.label, plotLeft - 30), 14, cy);
    if (lane.cycle) {
      ctx.font = `10px ${theme.uiFont}`;
      ctx.fillText('deadlocked', 14, cy + 13);
    }
  });
  for (const g of L.groups) {
    ctx.fillStyle = theme.header;
    ctx.fillRect(0, g.y, plotLeft, m.groupHeight);
    ctx.fillStyle = theme.border;
    ctx.fillRect(0, g.y + m.groupHeight - 1, width, 1);
    ctx.fillStyle = theme.fg;
    ctx.font = `bold 11px ${theme.uiFont}`;
    ctx.fillText(g.label, 4, g.y + m.groupHeight / 2);
  }
  ctx.restore();
  ctx.fillStyle = theme.border;
  ctx.fillRect(plotLeft - 1, m.axisHeight, 1, height - m.axisHeight);

  // --- axis
  ctx.fillStyle = theme.header;
  ctx.fillRect(0, 0, width, m.axisHeight);
  ctx.fillStyle = theme.border;
  ctx.fillRect(0, m.axisHeight - 1, width, 1);
  ctx.font = `10px ${theme.font}`;
  ctx.fillStyle = theme.muted;
  ctx.fillText('step', 6, m.axisHeight / 2);
  ctx.save();
  ctx.beginPath();
  ctx.rect(plotLeft, 0, width - plotLeft, m.axisHeight);
  ctx.clip();
  for (const t of L.ticks) {
    ctx.fillStyle = theme.border;
    ctx.fillRect(Math.round(t.x), m.axisHeight - 5, 1, 5);
    ctx.fillStyle = theme.muted;
    ctx.fillText(String(t.step), Math.round(t.x) + 3, m.axisHeight / 2);
  }
  if (state.now !== undefined) {
    const x = Math.round(L.stepToX(state.now));
    const label = `now ${state.now}`;
    const tw = ctx.measureText(label).width + 8;
    ctx.fillStyle = theme.focus;
    ctx.fillRect(x - tw / 2, 3, tw, m.axisHeight - 6);
    ctx.fillStyle = theme.bg;
    ctx.textAlign = 'center';
    ctx.fillText(label, x, m.axisHeight / 2);
    ctx.textAlign = 'left';
  }
  ctx.restore();
}

/** A lane's background, the same under the plot and the label column: tinted when on the deadlock cycle, else striped. */
function laneBand(ctx: CanvasRenderingContext2D, theme: Theme, cycle: boolean, i: number, lb: { y: number; h: number }, width: number): void {
  if (cycle) {
    ctx.globalAlpha = 0.09;
    ctx.fillStyle = theme.cycle;
    ctx.fillRect(0, lb.y, width, lb.h);
  } else if (i % 2 === 1) {
    ctx.globalAlpha = 0.035;
    ctx.fillStyle = theme.fg;
    ctx.fillRect(0, lb.y, width, lb.h);
  }
  ctx.globalAlpha = 1;
}

function fit(ctx: CanvasRenderingContext2D, text: string, w: number): string {
  if (ctx.measureText(text).width <= w) return text;
  let s = text;
  while (s.length > 1 && ctx.measureText(s + '…').width > w) s = s.slice(0, -1);
  return s + '…';
}

/** Waits-for arrows: from the end of each deadlocked wait to the end of the hold it waits for. */
function drawEdges(ctx: CanvasRenderingContext2D, data: TimelineData, L: TimelineLayout, theme: Theme): void {
  const cycle = data.cycle;
  if (!cycle) return;
  const rectOf = new Map<number, ItemRect>();
  for (const r of L.rects) if (r.cycle) rectOf.set(r.item, r);
  const x = L.stepToX(cycle.step);
  ctx.strokeStyle = theme.cycle;
  ctx.fillStyle = theme.cycle;
  ctx.lineWidth = 1.5;
  cycle.edges.forEach((e, k) => {
    let from: ItemRect | undefined;
    let to: ItemRect | undefined;
    for (const i of cycle.items) {
      const it = data.items[i] as TimelineItem;
      const r = rectOf.get(i);
      if (!r || it.lock !== e.lock) continue;
      if (it.kind === 'wait' && it.lane === e.waiter) from = r;
      if (it.kind === 'hold' && it.lane === e.holder) to = r;
    }
    if (!from || !to) return;
    const y0 = from.y + from.h / 2;
    const y1 = to.y + to.h / 2;
    const bulge = 18 + 10 * k;
    ctx.beginPath();
    ctx.moveTo(x, y0);
    ctx.bezierCurveTo(x + bulge, y0, x + bulge, y1, x + 2, y1);
    ctx.stroke();
    // arrow head pointing left, into the hold
    ctx.beginPath();
    ctx.moveTo(x + 1, y1);
    ctx.lineTo(x + 8, y1 - 4);
    ctx.lineTo(x + 8, y1 + 4);
    ctx.closePath();
    ctx.fill();
  });
}
