// The extensionTestsPath entry: VS Code's extension host calls run() once the extension under test is loaded.
// It runs every compiled *.itest.js beside this file and prints the "N passed, N failed" line CI reads.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const timeoutMs = Number(process.env.IOLOCK_ITEST_CASE_TIMEOUT ?? 120) * 1000;
  const mocha = new Mocha({ ui: 'bdd', timeout: timeoutMs, reporter: 'spec', color: false, grep: process.env.IOLOCK_ITEST_GREP });
  // Only suites whose source is still there: tsc leaves the output of a deleted test behind in out/.
  const sources = path.resolve(__dirname, '../../../test/integration');
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.itest.js') && fs.existsSync(path.join(sources, f.replace(/\.js$/, '.ts'))))
    .sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    let passed = 0;
    let failed = 0;
    const runner = mocha.run((failures) => {
      console.log(`${passed} passed, ${failed} failed`);
      if (failures === 0 && files.length > 0) return resolve();
      // The workbench prints the rejection; the failures themselves are in the report above.
      const e = new Error(files.length === 0 ? `no *.itest.js in ${__dirname}` : `${failures} integration tests failed`);
      e.stack = e.message;
      reject(e);
    });
    runner.on('pass', () => passed++);
    runner.on('fail', () => failed++);
  });
}
