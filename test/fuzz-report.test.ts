import { fuzz, fuzzTimeout } from './fuzz/harness';

/** Untrusted text in the HTML report and the timeline data (issue 8; docs/security.md). */
describe('fuzz: HTML report', function () {
  this.timeout(fuzzTimeout(120000));
  const property = 'report: hostile text in a result never becomes markup or script in the HTML report';
  it(property, () => fuzz({ module: 'report', property, runs: 1000, timeMs: 3000 }));
});
