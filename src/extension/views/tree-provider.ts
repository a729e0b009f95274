import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TreeNode } from './tree-node';

/**
 * One TreeDataProvider for the three sidebar views: each view model hands it plain TreeNodes, it turns them into
 * tree items. `root` resolves a node's tree-relative source location (a lock's "fs/gfs2/glock.c:1132") to the
 * materialised patched file of the current session.
 */
export class NodeTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private nodes: TreeNode[] = [];
  private root: string | undefined;
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly seen = new Set<string>();

  /** The nodes shown now (integration tests read them through the extension's API). */
  get current(): readonly TreeNode[] {
    return this.nodes;
  }

  set(nodes: TreeNode[], root?: string): void {
    // a node that left the tree (the session ended, another patch was opened) is new again when it comes back:
    // the Tasks view of the next session must not start with its nodes collapsed
    const present = new Set<string>();
    const walk = (list: readonly TreeNode[]): void => {
      for (const n of list) {
        present.add(n.id);
        walk(n.children ?? []);
      }
    };
    walk(nodes);
    for (const id of this.seen) if (!present.has(id)) this.seen.delete(id);
    this.nodes = nodes;
    this.root = root;
    this.changed.fire(undefined);
  }

  getChildren(node?: TreeNode): TreeNode[] {
    return node ? (node.children ?? []) : this.nodes;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const hasChildren = !!node.children?.length;
    // a node expanded by default only the first time: afterwards the user's collapsing is kept
    const first = !this.seen.has(node.id);
    this.seen.add(node.id);
    const state = !hasChildren ? vscode.TreeItemCollapsibleState.None : node.expanded && first ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(node.label, state);
    item.id = node.id;
    if (node.description !== undefined) item.description = node.description;
    item.tooltip = node.tooltip ?? [node.label, node.description].filter(Boolean).join(' — ');
    if (node.icon) item.iconPath = new vscode.ThemeIcon(node.icon.id, node.icon.color ? new vscode.ThemeColor(node.icon.color) : undefined);
    if (node.contextValue) item.contextValue = node.contextValue;
    const target = this.location(node);
    if (target) {
      item.command = { command: 'vscode.open', title: 'Open', arguments: [target.uri, { selection: new vscode.Range(target.line, 0, target.line, 0), preview: true }] };
    }
    return item;
  }

  private location(node: TreeNode): { uri: vscode.Uri; line: number } | undefined {
    if (!node.reveal) return undefined;
    const p = path.isAbsolute(node.reveal.path) ? node.reveal.path : this.root ? path.join(this.root, node.reveal.path) : undefined;
    return p ? { uri: vscode.Uri.file(p), line: Math.max(0, node.reveal.line - 1) } : undefined;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
