import { fuzz, fuzzTimeout } from './fuzz/harness';

/** Hostile and damaged patches (issue 8): see docs/security.md for what each property covers. */
describe('fuzz: patch engine', function () {
  this.timeout(fuzzTimeout(180000));
  const props = [
    ['patch: random mails extract to file patches or a positioned error, and plans write only safe paths', 3000, 6000],
    ['patch: the seed mail mutated still extracts and applies, or fails with a position', 1500, 6000],
    ['patch: a unified diff made by jsdiff applies back exactly (round trip)', 1500, 4000],
    ['patch: quilt series lines parse to safe names or an error at line:col', 2000, 2000],
    ['patch: applying to a tree on disk never writes outside it, through .. or a symlink', 400, 4000],
  ] as const;
  for (const [property, runs, timeMs] of props) {
    it(property, () => fuzz({ module: 'patch', property, runs, timeMs }));
  }
});
