// The Patch view: "iolock: Open Patch…" on the seed mail lists its five files with every hunk applied and puts
// nothing in the Problems panel; on a patch with a hunk that does not fit fs/read_write.c the view shows that
// hunk failed (and the one that fits applied) and the Problems panel has an error at the failed hunk's @@ line.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TreeNode } from '../../src/extension/views/tree-node';
import { iolockApi, root, sidebarPanes, treeText, until } from './helpers';

const seedMail = path.resolve(root, '../shared/seeds/000_ca315d8c7e35812b.txt');

const hunksOf = (files: readonly TreeNode[]): TreeNode[] => files.flatMap((f) => f.children ?? []);

describe('Patch view', function () {
  this.timeout(180000);
  let tmp: string | undefined;

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('notifications.clearAll');
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('lists the seed mail: one patch, its five files, every hunk applied, no problems', async function () {
    if (!fs.existsSync(seedMail)) this.skip();
    const api = await iolockApi();
    await vscode.commands.executeCommand('iolock.openPatch', vscode.Uri.file(seedMail));
    const patches = await until('the Patch view to list the seed', 60000, () => {
      const p = api.views.patch();
      return p.length > 0 && (p[0]?.children?.length ?? 0) > 0 && p;
    }, () => treeText(api.views.patch()));
    console.log(`      Patch view:\n${treeText(patches).replace(/^/gm, '        ')}`);
    assert.equal(patches.length, 1);
    const files = patches[0]?.children ?? [];
    assert.deepEqual(files.map((f) => f.label), ['fs/iolock.c', 'fs/read_write.c', 'include/linux/iolock.h', 'fs/Makefile', 'include/linux/fs.h']);
    const hunks = hunksOf(files);
    assert.equal(hunks.length, 7);
    for (const h of hunks) assert.match(h.description ?? '', /^applied/, `${h.label}: ${h.description}`);
    // every hunk leads to its @@ line in the mail
    for (const h of hunks) assert.equal(h.reveal?.path, seedMail);
    const problems = vscode.languages.getDiagnostics(vscode.Uri.file(seedMail)).filter((d) => d.source === 'iolock apply');
    assert.deepEqual(problems.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).map((d) => d.message), []);
    // the mail is open in the editor, and the view's header sums it up
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, seedMail);
    await vscode.commands.executeCommand('workbench.view.extension.iolock');
    const pane = await until('the Patch pane message', 20000, async () => (await sidebarPanes()).find((p) => p.title === 'Patch' && p.message));
    assert.match(pane.message, /^7 hunks applied/);
  });

  it('shows a hunk that does not fit as failed, and an error at its @@ line in the Problems panel', async () => {
    const api = await iolockApi();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'iolock-itest-patch-'));
    const broken = path.join(tmp, 'broken.patch');
    const source = fs.readFileSync(path.join(root, 'kernel/fs/read_write.c'), 'utf8').split('\n');
    // hunk 1 fits: a line added after lines 3-5; hunk 2 (its @@ on line 10) has context that is nowhere
    fs.writeFileSync(
      broken,
      [
        'A patch with one hunk that fits and one that does not.',
        '',
        '--- a/fs/read_write.c',
        '+++ b/fs/read_write.c',
        '@@ -3,3 +3,4 @@',
        ...source.slice(2, 5).map((l) => ` ${l}`),
        '+/* one more line */',
        '@@ -200,4 +201,4 @@',
        ' static int no_such_function(void)',
        ' {',
        '-\treturn 42;',
        '+\treturn 43;',
        ' }',
        '',
      ].join('\n'),
    );
    const before = JSON.stringify(api.views.patch());
    await vscode.commands.executeCommand('iolock.openPatch', vscode.Uri.file(broken));
    const patches = await until('the Patch view to list broken.patch', 60000, () => {
      const p = api.views.patch();
      return JSON.stringify(p) !== before && p[0]?.label === 'broken.patch' && p;
    }, () => treeText(api.views.patch()));
    console.log(`      Patch view:\n${treeText(patches).replace(/^/gm, '        ')}`);
    const file = patches[0]?.children?.[0];
    assert.equal(file?.label, 'fs/read_write.c');
    assert.equal(file.icon?.id, 'error');
    const [good, bad] = file.children ?? [];
    assert.match(good?.description ?? '', /^applied/);
    assert.match(bad?.description ?? '', /^failed/);
    assert.equal(bad?.reveal?.line, 10);

    const errors = await until('the error in the Problems panel', 20000, () => {
      const d = vscode.languages.getDiagnostics(vscode.Uri.file(broken)).filter((x) => x.severity === vscode.DiagnosticSeverity.Error);
      return d.length > 0 && d;
    });
    assert.equal(errors.length, 1, errors.map((e) => e.message).join('\n'));
    const e = errors[0];
    assert.ok(e);
    console.log(`      Problems: broken.patch:${e.range.start.line + 1}: ${e.message}`);
    assert.equal(e.range.start.line, 9, 'at the second hunk\'s @@ line (10, 1-based)');
    assert.equal(e.source, 'iolock apply');
    assert.match(e.message, /fs\/read_write\.c hunk 2\/2 @@ -200,4 \+201,4 @@: failed/);
    const pane = await until('the Patch pane message', 20000, async () => (await sidebarPanes()).find((p) => p.title === 'Patch' && /do not apply/.test(p.message)));
    assert.match(pane.message, /^1 of 2 hunks do not apply/);
  });
});
