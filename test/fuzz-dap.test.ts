import { fuzz, fuzzTimeout } from './fuzz/harness';

/** The debug adapter's request handlers under random requests and arguments (issue 8; docs/security.md). */
describe('fuzz: debug adapter requests', function () {
  this.timeout(fuzzTimeout(240000));
  const property = 'dap: random request sequences are all answered, and the session keeps serving';
  it(property, () => fuzz({ module: 'dap', property, runs: 600, timeMs: 12000 }));
});
