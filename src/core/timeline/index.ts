export * from './types';
export { buildTimeline } from './model';
export { detailLines } from './detail';
export * from './layout';
export { packTimeline, unpackTimeline, isPacked, type PackedTimeline } from './pack';
export type { TimelineToHost, HostToTimeline, TimelineViewState } from './messages';
export { TIMELINE_CSS } from './style';
