import { fuzz, fuzzTimeout } from './fuzz/harness';

/** Scenario files from other people's repositories (issue 8; docs/security.md). */
describe('fuzz: scenario files', function () {
  this.timeout(fuzzTimeout(180000));
  const props = [
    ['scenario: random and mutated YAML gives a scenario or errors at line:col', 2000, 6000],
    ['scenario: mutated scenarios parse, and the valid ones run to a verdict within the limits', 300, 9000],
  ] as const;
  for (const [property, runs, timeMs] of props) {
    it(property, () => fuzz({ module: 'scenario', property, runs, timeMs }));
  }
});
