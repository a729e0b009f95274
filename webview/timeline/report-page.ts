import type { TimelineToHost } from '../../src/core/timeline/messages';

/**
 * The HTML report's side of the timeline: a click on a timeline item highlights the system call of that task
 * at that step in the trace table; a click on a trace row brings its steps into view on the timeline.
 * Rows are <tr data-task="T1" data-start="1418" data-end="1585">.
 */
export function wireReportPage(doc: Document, focus: (start: number, end: number) => void): { onPost(msg: TimelineToHost): void } {
  // rows are looked up when needed: this runs before the table below the timeline is parsed
  const rows = () => [...doc.querySelectorAll<HTMLTableRowElement>('tr[data-task]')];
  const num = (r: HTMLElement, k: string) => Number(r.dataset[k]);
  let current: HTMLTableRowElement | undefined;
  const select = (r: HTMLTableRowElement | undefined) => {
    current?.classList.remove('revealed');
    current = r;
    if (!r) return;
    r.classList.add('revealed');
    // scroll the table's own box, not the page (the timeline stays where it is)
    const box = r.closest<HTMLElement>('.scroll');
    if (box) box.scrollTop = Math.max(0, r.offsetTop - box.clientHeight / 2);
  };
  doc.addEventListener('click', (e) => {
    const r = e.target instanceof Element ? e.target.closest<HTMLTableRowElement>('tr[data-task]') : null;
    if (!r) return;
    select(r);
    focus(num(r, 'start'), num(r, 'end'));
  });
  return {
    onPost(msg) {
      if (msg.type !== 'reveal') return;
      const mine = rows().filter((r) => r.dataset.task === msg.task);
      // the call running at that step, else the last one that started before it
      const hit = mine.find((r) => num(r, 'start') <= msg.step && msg.step <= num(r, 'end')) ?? mine.filter((r) => num(r, 'start') <= msg.step).pop();
      select(hit);
      const note = doc.getElementById('reveal-note');
      if (note) note.textContent = `clicked: ${msg.task} at step ${msg.step}${hit ? '' : ' (no system call of this task there)'}`;
    },
  };
}
