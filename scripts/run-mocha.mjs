// Runs the compiled unit tests and ends with the "N passed, N failed" line CI reads.
import Mocha from 'mocha';
import { readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { execFileSync } from 'node:child_process';

const root = join(dirname(new URL(import.meta.url).pathname), '..');
execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', root], { stdio: 'inherit' });

function collect(dir, out) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      // out/test/integration/ runs inside VS Code (npm run test:integration): it needs the vscode module.
      if (p !== join(root, 'out/test/integration')) collect(p, out);
    } else if (name.endsWith('.test.js')) out.push(p);
  }
  return out;
}
const grep = process.argv[2];
const mocha = new Mocha({ timeout: 60000, reporter: 'spec', grep });
for (const f of collect(join(root, 'out/test'), []).sort()) mocha.addFile(f);
let passed = 0, failed = 0;
const runner = mocha.run((failures) => {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failures ? 1 : 0);
});
runner.on('pass', () => passed++);
runner.on('fail', () => failed++);
