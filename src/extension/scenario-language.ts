// Editor help for *.iolock.yaml (language id iolock-scenario), with no YAML extension needed: completion, hover
// and the scenario parser's errors in the Problems panel. The logic is src/core/scenario/assist.ts; this only
// converts offsets and 1-based positions to VS Code's.
import * as vscode from 'vscode';
import type { ScenarioCompletion, ScenarioDiagnostic, TextRange } from '../core/scenario/assist';

type Assist = typeof import('../core/scenario/assist');
let loaded: Assist | undefined;
/**
 * The yaml and ajv packages behind the editor help are most of the extension's code and take tens of
 * milliseconds to load: they are required on first use (esbuild keeps a module reached only by require() lazy),
 * so that activation stays fast.
 */
const assist = (): Assist => (loaded ??= require('../core/scenario/assist') as Assist);

const LANGUAGE = 'iolock-scenario';
const SELECTOR: vscode.DocumentSelector = { language: LANGUAGE };
/** Re-check this long after the last keystroke: a parse per keystroke would lag on large scenarios. */
const DEBOUNCE_MS = 250;

const KIND: Record<ScenarioCompletion['kind'], vscode.CompletionItemKind> = {
  property: vscode.CompletionItemKind.Property,
  step: vscode.CompletionItemKind.Function,
  value: vscode.CompletionItemKind.EnumMember,
  policy: vscode.CompletionItemKind.Module,
};
const SEVERITY: Record<ScenarioDiagnostic['severity'], vscode.DiagnosticSeverity> = { error: vscode.DiagnosticSeverity.Error };

export function registerScenarioLanguage(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  const collection = vscode.languages.createDiagnosticCollection(LANGUAGE);
  const timers = new Map<string, NodeJS.Timeout>();
  const cancel = (doc: vscode.TextDocument): void => {
    const key = doc.uri.toString();
    clearTimeout(timers.get(key));
    timers.delete(key);
  };
  // the old side of a diff view is a git: copy of the file; its errors are not the file's
  const checked = (doc: vscode.TextDocument): boolean => doc.languageId === LANGUAGE && doc.uri.scheme !== 'git';
  const check = (doc: vscode.TextDocument): void => {
    cancel(doc);
    if (!checked(doc)) return;
    const found = guarded(log, `checking ${doc.uri.toString()}`, () => assist().scenarioDiagnostics(doc.getText(), doc.uri.fsPath));
    collection.set(doc.uri, (found ?? []).map(toDiagnostic));
  };
  const later = (doc: vscode.TextDocument): void => {
    if (!checked(doc)) return;
    cancel(doc);
    timers.set(doc.uri.toString(), setTimeout(() => check(doc), DEBOUNCE_MS));
  };

  context.subscriptions.push(
    collection,
    { dispose: () => timers.forEach((t) => clearTimeout(t)) },
    vscode.languages.registerCompletionItemProvider(
      SELECTOR,
      {
        provideCompletionItems(doc, position) {
          const items = guarded(log, 'completion', () => assist().scenarioCompletions(doc.getText(), doc.offsetAt(position)));
          return (items ?? []).map((c) => toCompletionItem(doc, c));
        },
      },
      ':',
      ' ',
      '-',
    ),
    vscode.languages.registerHoverProvider(SELECTOR, {
      provideHover(doc, position) {
        const h = guarded(log, 'hover', () => assist().scenarioHover(doc.getText(), doc.offsetAt(position)));
        return h && new vscode.Hover(new vscode.MarkdownString(h.markdown), toRange(doc, h.range));
      },
    }),
    vscode.workspace.onDidOpenTextDocument(check),
    vscode.workspace.onDidChangeTextDocument((e) => later(e.document)),
    vscode.workspace.onDidSaveTextDocument(check),
    // also fired when a document's language changes, before it is opened again under the new one
    vscode.workspace.onDidCloseTextDocument((doc) => {
      cancel(doc);
      collection.delete(doc.uri);
    }),
  );
  // not now: the first check loads the parser and compiles the schema, which activation should not wait for
  vscode.workspace.textDocuments.forEach(later);
}

/** Runs editor help; a bug in it is logged and costs that one answer, never the extension host. */
function guarded<T>(log: vscode.LogOutputChannel, what: string, f: () => T): T | undefined {
  try {
    return f();
  } catch (e) {
    log.error(`scenario ${what} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return undefined;
  }
}

function toRange(doc: vscode.TextDocument, r: TextRange): vscode.Range {
  return new vscode.Range(doc.positionAt(r.start), doc.positionAt(r.end));
}

function toCompletionItem(doc: vscode.TextDocument, c: ScenarioCompletion): vscode.CompletionItem {
  const item = new vscode.CompletionItem(c.label, KIND[c.kind]);
  item.detail = c.detail;
  item.documentation = c.documentation;
  item.insertText = c.snippet ? new vscode.SnippetString(c.insertText) : c.insertText;
  item.sortText = c.sortText;
  item.range = toRange(doc, c.range);
  return item;
}

function toDiagnostic(d: ScenarioDiagnostic): vscode.Diagnostic {
  const range = new vscode.Range(d.line - 1, d.col - 1, d.endLine - 1, d.endCol - 1);
  const diagnostic = new vscode.Diagnostic(range, d.message, SEVERITY[d.severity]);
  diagnostic.source = 'iolock-sim';
  return diagnostic;
}
