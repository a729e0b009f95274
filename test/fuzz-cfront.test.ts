import { fuzz, fuzzTimeout } from './fuzz/harness';

/** The preprocessor, parser, checker and code generator on hostile C (issue 8; docs/security.md). */
describe('fuzz: C preprocessor and front end', function () {
  this.timeout(fuzzTimeout(180000));
  const props = [
    ['cfront: token soup gives a program or an error at file:line:col', 3000, 6000],
    ['cfront: mutated kernel files give a program or an error at file:line:col', 400, 8000],
    ['cfront: mutated C corpus programs compile or fail at file:line:col, and run within the limits', 600, 8000],
    ['cfront: #include never reads a file outside the source tree', 2000, 2000],
  ] as const;
  for (const [property, runs, timeMs] of props) {
    it(property, () => fuzz({ module: 'cfront', property, runs, timeMs }));
  }
});
