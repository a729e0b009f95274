import { fuzz, fuzzTimeout } from './fuzz/harness';

/** The interpreter against gcc -O0 on random programs with defined behaviour (issue 8; docs/security.md). */
describe('fuzz: C interpreter against gcc', function () {
  this.timeout(fuzzTimeout(180000));
  const property = 'vm: random defined C programs print and exit as gcc -O0 compiles them';
  it(property, () => fuzz({ module: 'vm', property, runs: 150, timeMs: 15000 }));
});
