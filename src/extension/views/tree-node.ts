/**
 * What the sidebar trees show, as plain data: the view models build these from the debug adapter's answers and
 * the patch engine's report, and one generic TreeDataProvider turns them into tree items. Kept free of `vscode`
 * so the models are unit-tested without an editor.
 */
export interface TreeNode {
  /** Stable across refreshes, so the tree keeps its expansion state while the session steps. */
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  /** A codicon name ("lock", "error", ...), with an optional theme colour id. */
  icon?: { id: string; color?: string };
  children?: TreeNode[];
  /** Shown expanded the first time it appears. */
  expanded?: boolean;
  /** A source location to open on click: an absolute path or one relative to `root` of the owning model. */
  reveal?: { path: string; line: number };
  contextValue?: string;
}
